import { get, isAdmin } from '../api.js';
import { count, money, timeEl } from '../format.js';
import { h, section, table, field, dialog } from '../ui.js';

const PAGE = 50;
const FILTERS = [
  ['api_key', 'Key (token)'],
  ['user_id', 'User'],
  ['team_id', 'Team'],
  ['end_user', 'Customer'],
  ['model', 'Model'],
  ['tag', 'Tag'],
  ['start_date', 'From'],
  ['end_date', 'To'],
];

// The spend-log lines (GET /spend/logs, newest first, cursor paging) with filters, and a drawer with
// every field of a line (prompt and response only where content logging is on for the key or team).
export async function logs(page) {
  const admin = isAdmin();
  const inputs = Object.fromEntries(FILTERS.filter(([k]) => admin || !['api_key', 'user_id', 'team_id'].includes(k))
    .map(([k, label]) => [k, { label, input: h('input', { type: k.endsWith('date') ? 'date' : 'text', name: k }) }]));
  const status = h('select', { name: 'status' }, [['', 'any'], ['ok', 'succeeded'], ['error', 'failed']].map(([v, t]) => h('option', { value: v }, t)));
  const results = h('div');
  const cursors = [null];
  let at = 0;

  const load = async () => {
    results.replaceChildren();
    await section(results, async () => {
      const query = { limit: PAGE, cursor: cursors[at] };
      for (const [k, { input }] of Object.entries(inputs)) query[k] = input.value.trim();
      const r = await get('spend/logs', query);
      cursors[at + 1] = r.next_cursor;
      let lines = r.data || [];
      if (status.value === 'ok') lines = lines.filter((l) => l.status < 400);
      if (status.value === 'error') lines = lines.filter((l) => l.status >= 400);
      const pager = h('div', { class: 'pager', role: 'navigation', 'aria-label': 'Log pages' },
        h('button', { type: 'button', class: 'secondary', disabled: at === 0, onclick: () => { at -= 1; load(); } }, 'Newer'),
        h('span', {}, `Page ${at + 1}`),
        h('button', { type: 'button', class: 'secondary', disabled: !r.next_cursor, onclick: () => { at += 1; load(); } }, 'Older'));
      return [h('div', { class: 'card' }, table('Calls, newest first (select a row for every field)', ['Time', 'Model', 'Key', 'Team', 'User', 'Tokens', 'Cost', 'Status'],
        lines.map((l) => [timeEl(l.start_time), l.model || l.requested_model, l.key_alias || (l.key_hash || '').slice(0, 10), l.team_id || '—', l.user_id || '—', count(l.total_tokens), money(l.cost),
          h('span', { class: `badge ${l.status < 400 ? 'ok' : 'bad'}` }, String(l.status))]),
        { onRow: (i) => drawer(lines[i]), emptyText: 'No calls match.', numeric: [5, 6] })), pager];
    });
  };

  page.append(
    h('form', { class: 'toolbar filters', onsubmit: (e) => { e.preventDefault(); cursors.length = 1; at = 0; load(); } },
      Object.values(inputs).map(({ label, input }) => field(label, input)),
      field('Status', status),
      h('button', { type: 'submit' }, 'Apply filters')),
    results);
  await load();
}

function drawer(line) {
  const rows = Object.entries(line).map(([k, v]) => [h('dt', {}, k), h('dd', { class: 'mono' }, value(k, v))]);
  return dialog(`Call ${line.request_id}`, h('div', { class: 'drawer-body', 'data-testid': 'log-detail' }, h('dl', { class: 'props' }, rows.flat())), [{ label: 'Close', value: 'close' }]);
}

function value(k, v) {
  if (v === null || v === undefined) return '—';
  if (k.endsWith('_time')) return timeEl(v);
  if (k === 'cost' || k.endsWith('_cost')) return money(v);
  if (typeof v === 'object') return h('pre', {}, JSON.stringify(v, null, 2));
  return String(v);
}
