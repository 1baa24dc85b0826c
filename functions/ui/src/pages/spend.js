import { get, request } from '../api.js';
import { count, money, localDay } from '../format.js';
import { h, section, table, field, notify, download } from '../ui.js';
import { spendChart } from '../chart.js';

// Spend over a date range from the analytics report (GET /api/v1/reports/cost, issue 11), broken
// down by model, user and team, with CSV export (GET /api/v1/reports/export). Shown only where the
// analytics API answers (main.js hides the page on a 404).
export async function spend(page) {
  const today = new Date();
  const from = h('input', { type: 'date', value: localDay(new Date(today.getFullYear(), today.getMonth(), 1)) });
  const to = h('input', { type: 'date', value: localDay(today) });
  const results = h('div');
  let team = null; // drill-down: a team's users (and models) over the same range
  const load = async () => {
    results.replaceChildren();
    await section(results, async () => {
      const r = await get('api/v1/reports/cost', { period: 'custom', start_date: from.value, end_date: to.value, team_id: team });
      const parts = [
        team ? h('p', {}, `Team ${team} `, h('button', { type: 'button', class: 'secondary', onclick: () => { team = null; load(); } }, 'All teams')) : null,
        h('div', { class: 'cards' },
          h('div', { class: 'card stat' }, h('div', { class: 'muted' }, 'Total'), h('div', { class: 'figure' }, money(r.total_cost))),
          h('div', { class: 'card stat' }, h('div', { class: 'muted' }, 'Requests'), h('div', { class: 'figure' }, count(r.total_requests))),
          h('div', { class: 'card stat' }, h('div', { class: 'muted' }, 'Tokens in / out'), h('div', { class: 'figure' }, `${count(r.total_input_tokens)} / ${count(r.total_output_tokens)}`))),
      ];
      for (const [key, title] of [['breakdown_by_model', 'By model'], ['breakdown_by_team', 'By team'], ['breakdown_by_user', 'By user']]) {
        const rows = breakdown(r[key]);
        if (team && key === 'breakdown_by_team') continue;
        const drill = key === 'breakdown_by_team' ? { onRow: (i) => { if (rows[i].id != null) { team = rows[i].id; load(); } } } : {};
        parts.push(h('div', { class: 'grid2' }, rows.length ? spendChart(title, rows.map((x) => [x.name, x.cost]), { dates: false }) : null,
          h('div', { class: 'card' }, table(key === 'breakdown_by_team' ? `${title} (select a team for its users)` : title, ['Name', 'Requests', 'Spend'], rows.map((x) => [x.name, count(x.requests), money(x.cost)]), { numeric: [1, 2], emptyText: 'No spend in this range.', ...drill }))));
      }
      return parts;
    });
  };
  const exportCsv = async () => {
    try {
      const response = await request('GET', 'api/v1/reports/export', { query: { format: 'csv', period: 'custom', start_date: from.value, end_date: to.value, team_id: team }, raw: true });
      await download(response, `tollgate-spend-${from.value}-${to.value}.csv`);
    } catch (e) {
      notify(e.message, 'error');
    }
  };
  page.append(h('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); load(); } }, field('From', from), field('To', to), h('button', { type: 'submit' }, 'Show'), h('button', { type: 'button', class: 'secondary', onclick: exportCsv }, 'Export CSV')), results);
  await load();
}

/** A breakdown as an object {name: cost | {cost, requests}} or a list of objects, as rows sorted by cost. */
function breakdown(value) {
  if (!value) return [];
  const rows = Array.isArray(value)
    ? value.map((o) => ({ id: o.team_id ?? o.model ?? o.user_id ?? o.name ?? null, name: String(o.name ?? o.model ?? o.team_id ?? o.user_id ?? o.key ?? '—'), cost: Number(o.total_cost ?? o.cost ?? o.spend ?? 0), requests: o.requests ?? o.total_requests }))
    : Object.entries(value).map(([name, v]) => (typeof v === 'object' && v !== null ? { name, cost: Number(v.total_cost ?? v.cost ?? v.spend ?? 0), requests: v.requests ?? v.total_requests } : { name, cost: Number(v) }));
  return rows.sort((a, b) => b.cost - a.cost);
}
