import { get, post, isAdmin, currentSession } from '../api.js';
import { money, timeEl } from '../format.js';
import { h, section, table, budgetBars, sizeBars, dialog, confirm, field, notify, empty, errorBox, loading, pager, searchBox } from '../ui.js';

const PAGE_SIZE = 20;

// Keys: list with search and paging, generate (shown once, copy button), regenerate with a grace
// period, block / unblock, delete with confirmation; each key's budgets per window from /key/info.
export async function keys(page) {
  if (!isAdmin()) return ownKey(page);
  const state = { all: [], query: '', page: 1 };
  const search = searchBox({ id: 'key-search', placeholder: 'alias, key prefix, team or user' }, (text) => {
    state.query = text.toLowerCase();
    state.page = 1;
    render();
  }, 150);
  const list = h('div', { class: 'key-list' });
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    field('Search keys', search),
    h('button', { type: 'button', onclick: () => generate(() => reload()) }, 'Generate key'),
  );
  page.append(toolbar, list);

  async function reload() {
    list.replaceChildren(loading());
    try {
      state.all = await allKeys();
      await render();
    } catch (e) {
      list.replaceChildren(errorBox(e));
    }
  }

  async function render() {
    const q = state.query;
    const matching = state.all.filter((k) => !q || [k.key_alias, k.key_name, k.key_prefix, k.team_id, k.user_id].some((v) => v && String(v).toLowerCase().includes(q)));
    const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
    state.page = Math.min(state.page, pages);
    const shown = matching.slice((state.page - 1) * PAGE_SIZE, state.page * PAGE_SIZE);
    if (shown.length === 0) {
      list.replaceChildren(empty(state.all.length ? 'No key matches the search.' : 'No keys yet. Generate one to get started.'));
      return;
    }
    const infos = await Promise.all(shown.map((k) => get('key/info', { key: k.token }).then((r) => r.info).catch((e) => ({ error: e }))));
    const rows = shown.map((k, i) => [
      h('div', {}, h('strong', {}, k.key_alias || '(no alias)'), h('div', { class: 'muted mono' }, k.key_name || `${k.key_prefix}…`)),
      k.team_id || '—',
      k.user_id || '—',
      infos[i].error ? errorBox(infos[i].error) : budgetBars(infos[i]),
      k.blocked ? h('span', { class: 'badge bad' }, 'blocked') : k.expires && Date.parse(k.expires) < Date.now() ? h('span', { class: 'badge bad' }, 'expired') : h('span', { class: 'badge ok' }, 'active'),
      timeEl(k.created_at),
      h('div', { class: 'row-actions' },
        h('button', { type: 'button', class: 'secondary', 'aria-label': `${k.blocked ? 'Unblock' : 'Block'} ${k.key_alias || k.key_name}`, onclick: () => act(k.blocked ? 'key/unblock' : 'key/block', { key: k.token }, k.blocked ? 'Key unblocked' : 'Key blocked') }, k.blocked ? 'Unblock' : 'Block'),
        h('button', { type: 'button', class: 'secondary', 'aria-label': `Regenerate ${k.key_alias || k.key_name}`, onclick: () => regenerate(k) }, 'Regenerate'),
        h('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${k.key_alias || k.key_name}`, onclick: () => remove(k) }, 'Delete'),
      ),
    ]);
    const summary = `${matching.length} key${matching.length === 1 ? '' : 's'}`;
    const nav = pager('Key pages', state.page, pages, summary, (p) => { state.page = p; render(); });
    list.replaceChildren(table('Virtual keys', ['Key', 'Team', 'User', 'Budgets', 'Status', 'Created', 'Actions'], rows), nav);
    sizeBars(list);
  }

  async function act(path, body, done) {
    try {
      await post(path, body);
      notify(done);
      await reload();
    } catch (e) {
      notify(e.message, 'error');
    }
  }

  async function regenerate(k) {
    const grace = h('select', {}, ['0s', '1h', '24h', '7d'].map((v) => h('option', { value: v }, v === '0s' ? 'none: the old secret stops now' : v)));
    const choice = await dialog(`Regenerate ${k.key_alias || k.key_name}`, h('div', {}, h('p', {}, 'A new secret for the same key: settings, budgets and spend stay.'), field('Grace period for the old secret', grace)), [
      { label: 'Cancel', value: 'cancel' },
      { label: 'Regenerate', value: 'ok', class: 'danger' },
    ]);
    if (choice !== 'ok') return;
    try {
      const answer = await post('key/regenerate', { key: k.token, grace_period: grace.value });
      await showOnce(answer.key, 'New key');
      await reload();
    } catch (e) {
      notify(e.message, 'error');
    }
  }

  async function remove(k) {
    if (!(await confirm(`Delete ${k.key_alias || k.key_name}?`, 'Calls with this key stop at once. Its spend logs stay. This cannot be undone.', 'Delete key'))) return;
    await act('key/delete', { keys: [k.token] }, 'Key deleted');
  }

  await reload();
}

async function allKeys() {
  const out = [];
  for (let p = 1; p <= 20; p++) {
    const r = await get('key/list', { return_full_object: 'true', page: p, size: 100 });
    out.push(...(r.keys || []));
    if (p >= (r.total_pages || 1)) break;
  }
  return out;
}

/** The form to generate a key; calls done() after the key was shown. */
async function generate(done) {
  const inputs = {
    key_alias: h('input', { type: 'text', autocomplete: 'off' }),
    team_id: h('input', { type: 'text', autocomplete: 'off' }),
    user_id: h('input', { type: 'text', autocomplete: 'off' }),
    max_budget: h('input', { type: 'number', min: '0', step: 'any' }),
    soft_budget: h('input', { type: 'number', min: '0', step: 'any' }),
    budget_duration: h('select', {}, [['', 'lifetime'], ['1h', 'hour'], ['1d', 'day'], ['7d', 'week'], ['1mo', 'month']].map(([v, t]) => h('option', { value: v }, t))),
    models: h('input', { type: 'text', autocomplete: 'off', placeholder: 'all models' }),
    duration: h('input', { type: 'text', autocomplete: 'off', placeholder: 'never expires' }),
  };
  const feedback = h('div', { role: 'alert' });
  const form = h('form', { class: 'form-grid', onsubmit: (e) => e.preventDefault() },
    field('Alias', inputs.key_alias),
    field('Team id', inputs.team_id),
    field('User id', inputs.user_id),
    field('Budget (USD)', inputs.max_budget, 'hard limit'),
    field('Soft limit (USD)', inputs.soft_budget, 'alert only'),
    field('Budget window', inputs.budget_duration),
    field('Models', inputs.models, 'comma-separated'),
    field('Expires after', inputs.duration, 'e.g. 30d'),
    feedback);
  for (;;) {
    const choice = await dialog('Generate a key', form, [
      { label: 'Cancel', value: 'cancel' },
      { label: 'Generate', value: 'ok' },
    ]);
    if (choice !== 'ok') return;
    const body = {};
    for (const [name, input] of Object.entries(inputs)) {
      const v = input.value.trim();
      if (!v) continue;
      if (name === 'max_budget' || name === 'soft_budget') body[name] = Number(v);
      else if (name === 'models') body.models = v.split(',').map((m) => m.trim()).filter(Boolean);
      else body[name] = v;
    }
    try {
      const answer = await post('key/generate', body);
      await showOnce(answer.key, 'Your new key');
      done();
      return;
    } catch (e) {
      feedback.replaceChildren(errorBox(e));
    }
  }
}

/** The secret, once, with a copy button; it is not kept anywhere after the dialog closes. */
async function showOnce(secret, title) {
  const out = h('output', { class: 'secret mono', 'data-testid': 'new-key' }, secret);
  const copy = h('button', { type: 'button', onclick: async () => {
    try {
      await navigator.clipboard.writeText(secret);
      copy.textContent = 'Copied';
    } catch {
      getSelection().selectAllChildren(out);
      copy.textContent = 'Press Ctrl+C to copy';
    }
  } }, 'Copy');
  await dialog(title, h('div', {}, h('p', {}, 'Copy it now: it is shown only once and Tollgate keeps only its hash.'), h('div', { class: 'secret-row' }, out, copy)), [{ label: 'Done', value: 'close' }]);
}

/** A virtual key's own view: its settings and budget bars. */
async function ownKey(page) {
  const slot = await section(page, async () => {
    const info = (await get('key/info')).info;
    const s = currentSession();
    return h('div', { class: 'card' },
      h('dl', { class: 'props' },
        h('dt', {}, 'Alias'), h('dd', {}, info.key_alias || '—'),
        h('dt', {}, 'Key'), h('dd', { class: 'mono' }, info.key_name || s.key_name || '—'),
        h('dt', {}, 'Team'), h('dd', {}, info.team_id || '—'),
        h('dt', {}, 'User'), h('dd', {}, info.user_id || '—'),
        h('dt', {}, 'Models'), h('dd', {}, info.models?.length ? info.models.join(', ') : 'all'),
        h('dt', {}, 'Budget'), h('dd', {}, money(info.max_budget), info.soft_budget != null ? ` (soft ${money(info.soft_budget)})` : ''),
        h('dt', {}, 'Expires'), h('dd', {}, info.expires ? timeEl(info.expires) : 'never'),
      ),
      h('h2', {}, 'Budgets'),
      budgetBars(info));
  });
  sizeBars(slot);
}
