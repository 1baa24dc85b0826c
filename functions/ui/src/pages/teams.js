import { get, post, isAdmin, currentSession } from '../api.js';
import { money } from '../format.js';
import { memberSummary, budgetText } from '../model.js';
import { h, section, table, budgetBars, sizeBars, dialog, field, notify, empty, errorBox, loading, confirm, formDialog, badge, pager, searchBox } from '../ui.js';

// Teams and users: every team (/v2/team/list) and user (/user/list), searched and paged by the API, with
// members, roles, budgets and spend; a row opens the team's or user's detail (/team/info, /user/info).
export async function teams(page) {
  if (!isAdmin()) return ownTeam(page);
  const detail = h('div', { class: 'detail' });
  const lookup = h('input', { type: 'text', id: 'team-lookup', placeholder: 'team id' });
  const userLookup = h('input', { type: 'text', id: 'user-lookup', placeholder: 'user id' });
  page.append(
    h('div', { class: 'toolbar' },
      h('form', { class: 'inline', onsubmit: (e) => { e.preventDefault(); if (lookup.value.trim()) showTeam(lookup.value.trim()); } }, field('Open team', lookup), h('button', { type: 'submit', class: 'secondary' }, 'Open')),
      h('form', { class: 'inline', onsubmit: (e) => { e.preventDefault(); if (userLookup.value.trim()) showUser(userLookup.value.trim()); } }, field('Open user', userLookup), h('button', { type: 'submit', class: 'secondary' }, 'Open')),
      h('button', { type: 'button', onclick: () => createTeam() }, 'New team'),
      h('button', { type: 'button', class: 'secondary', onclick: () => createUser() }, 'New user'),
    ),
  );
  const teamList = pagedList({
    title: 'Teams', path: 'v2/team/list', items: 'teams', id: 'team-search', placeholder: 'team id or name', noun: ['team', 'teams'],
    emptyText: 'No teams yet. Create one with New team.',
    columns: ['Team', 'Members', 'Budget', 'Spend', 'Status'],
    row: (t) => [t.team_alias ? h('span', {}, t.team_alias, h('span', { class: 'muted' }, ` ${t.team_id}`)) : t.team_id, memberSummary(t.members_with_roles), budgetText(t, money), budgetBars(t), t.blocked ? badge('blocked', 'bad') : badge('active', 'ok')],
    open: (t) => showTeam(t.team_id),
  });
  const userList = pagedList({
    title: 'Users', path: 'user/list', items: 'users', id: 'user-search', placeholder: 'user id or e-mail', noun: ['user', 'users'],
    emptyText: 'No users yet. Create one with New user.',
    columns: ['User', 'E-mail', 'Role', 'Teams', 'Spend'],
    row: (u) => [u.user_id, u.user_email || '—', u.user_role || '—', (u.teams || []).join(', ') || '—', budgetBars(u)],
    open: (u) => showUser(u.user_id),
  });
  const lists = h('div', { class: 'lists' }, teamList.node, userList.node);
  page.append(lists, detail);

  async function reloadLists() {
    await Promise.all([teamList.reload(), userList.reload()]);
  }

  /** Opening a record scrolls its detail into view, below the lists. */
  const reveal = () => detail.scrollIntoView?.({ block: 'start' });

  async function showTeam(id) {
    detail.replaceChildren();
    const slot = await section(detail, async () => teamView(await get('team/info', { team_id: id }), { manage: teamActions(id) }));
    sizeBars(slot);
    reveal();
  }

  /** Edit the team's budget; add, change (role, budget in the team) and remove members. */
  function teamActions(id) {
    const done = async (what) => {
      notify(what);
      await Promise.all([showTeam(id), reloadLists()]);
    };
    return {
      edit: async (info) => {
        const saved = await formDialog(`Edit team ${id}`, [
          ['team_alias', 'Name', h('input', { type: 'text', value: info.team_alias || '' })],
          ['max_budget', 'Budget (USD)', h('input', { type: 'number', min: '0', step: 'any', value: info.max_budget ?? '' })],
          ['soft_budget', 'Soft limit (USD)', h('input', { type: 'number', min: '0', step: 'any', value: info.soft_budget ?? '' })],
          ['budget_duration', 'Budget window', windowSelect(info.budget_duration)],
        ], (v) => post('team/update', { team_id: id, team_alias: v.team_alias || null, max_budget: v.max_budget === '' ? null : Number(v.max_budget), soft_budget: v.soft_budget === '' ? null : Number(v.soft_budget), budget_duration: v.budget_duration || null }));
        if (saved) await done(`Team ${id} saved`);
      },
      member: async (m) => {
        const fields = [
          ['user_id', 'User id', h('input', { type: 'text', required: true, value: m?.user_id || '', disabled: Boolean(m) }), m ? null : 'The user must exist (New user)'],
          ['role', 'Role', h('select', {}, ['user', 'admin'].map((r) => h('option', { value: r, selected: (m?.role || 'user') === r }, r)))],
          ['max_budget_in_team', 'Budget in the team (USD)', h('input', { type: 'number', min: '0', step: 'any', value: m?.max_budget_in_team ?? '' }), 'A hard limit on this user\'s spend through the team'],
          ['budget_duration', 'Budget window', windowSelect(m?.budget_duration)],
        ];
        const saved = await formDialog(m ? `Member ${m.user_id} of ${id}` : `Add a member to ${id}`, fields, (v) => {
          const member = { role: v.role, budget_duration: v.budget_duration || null, max_budget_in_team: v.max_budget_in_team === '' ? null : Number(v.max_budget_in_team) };
          return m ? post('team/member_update', { team_id: id, user_id: m.user_id, ...member }) : post('team/member_add', { team_id: id, member: Object.fromEntries(Object.entries({ user_id: v.user_id, ...member }).filter(([, x]) => x !== null)) });
        }, m ? 'Save' : 'Add');
        if (saved) await done(m ? `Member ${m.user_id} saved` : 'Member added');
      },
      remove: async (m) => {
        if (!(await confirm(`Remove ${m.user_id} from ${id}?`, 'The user stays; their keys in this team keep working under the team\'s own budget.', 'Remove member'))) return;
        try {
          await post('team/member_delete', { team_id: id, user_id: m.user_id });
          await done(`${m.user_id} removed from ${id}`);
        } catch (e) {
          notify(e.message, 'error');
        }
      },
    };
  }

  async function showUser(id) {
    detail.replaceChildren();
    const slot = await section(detail, async () => {
      const u = await get('user/info', { user_id: id });
      const info = u.user_info || {};
      return h('div', { class: 'card', dataset: { testid: 'user-detail' } },
        h('h2', {}, `User ${u.user_id}`),
        h('dl', { class: 'props' }, h('dt', {}, 'E-mail'), h('dd', {}, info.user_email || '—'), h('dt', {}, 'Role'), h('dd', {}, info.user_role || '—'),
          h('dt', {}, 'Teams'), h('dd', {}, (info.teams || []).join(', ') || '—'), h('dt', {}, 'Spend'), h('dd', {}, money(info.spend))),
        budgetBars(info),
        h('h3', {}, 'Keys'),
        table(`Keys of ${u.user_id}`, ['Alias', 'Key', 'Team'], (u.keys || []).map((k) => [k.key_alias || '—', k.key_name || '—', k.team_id || '—']), { emptyText: 'No keys.' }),
        h('h3', {}, 'Teams'),
        table(`Teams of ${u.user_id}`, ['Team', 'Role', 'Budget in team'], (u.teams || []).map((t) => {
          const m = (t.members_with_roles || []).find((x) => x.user_id === u.user_id) || {};
          return [t.team_alias ? `${t.team_alias} (${t.team_id})` : t.team_id, m.role || '—', m.max_budget_in_team == null ? 'none' : `${money(m.max_budget_in_team)} ${m.budget_duration || 'lifetime'}`];
        }), { onRow: (i) => showTeam(u.teams[i].team_id), emptyText: 'In no team.' }));
    });
    sizeBars(slot);
    reveal();
  }

  async function createTeam() {
    const inputs = { team_id: h('input', { type: 'text' }), team_alias: h('input', { type: 'text' }), max_budget: h('input', { type: 'number', min: '0', step: 'any' }), soft_budget: h('input', { type: 'number', min: '0', step: 'any' }), budget_duration: windowSelect() };
    await submitForm('New team', inputs, 'team/new', (t) => { notify(`Team ${t.team_id} created`); reloadLists(); showTeam(t.team_id); });
  }

  async function createUser() {
    const inputs = { user_id: h('input', { type: 'text' }), user_email: h('input', { type: 'email' }), max_budget: h('input', { type: 'number', min: '0', step: 'any' }), budget_duration: windowSelect() };
    await submitForm('New user', inputs, 'user/new', (u) => { notify(`User ${u.user_id} created`); reloadLists(); showUser(u.user_id); }, { auto_create_key: false });
  }

  await reloadLists();
}

function windowSelect(current) {
  return h('select', {}, [['', 'lifetime'], ['1d', 'day'], ['7d', 'week'], ['1mo', 'month']].map(([v, t]) => h('option', { value: v, selected: (current || '') === v }, t)));
}

const LABELS = { team_id: 'Team id', team_alias: 'Name', user_id: 'User id', user_email: 'E-mail', max_budget: 'Budget (USD)', soft_budget: 'Soft limit (USD)', budget_duration: 'Budget window' };

async function submitForm(title, inputs, path, done, extra = {}) {
  const feedback = h('div', { role: 'alert' });
  const form = h('form', { class: 'form-grid', onsubmit: (e) => e.preventDefault() }, Object.entries(inputs).map(([k, i]) => field(LABELS[k], i)), feedback);
  for (;;) {
    if ((await dialog(title, form, [{ label: 'Cancel', value: 'cancel' }, { label: 'Create', value: 'ok' }])) !== 'ok') return;
    const body = { ...extra };
    for (const [k, i] of Object.entries(inputs)) {
      const v = i.value.trim();
      if (v) body[k] = i.type === 'number' ? Number(v) : v;
    }
    try {
      done(await post(path, body));
      return;
    } catch (e) {
      feedback.replaceChildren(errorBox(e));
    }
  }
}

function teamView(t, { manage } = {}) {
  const info = t.team_info || {};
  const members = t.team_memberships || [];
  return h('div', { class: 'card', dataset: { testid: 'team-detail' } },
    h('h2', {}, `Team ${info.team_alias ? `${info.team_alias} (${t.team_id})` : t.team_id}`),
    manage ? h('div', { class: 'row-actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => manage.edit(info) }, 'Edit team'),
      h('button', { type: 'button', onclick: () => manage.member(null) }, 'Add member')) : null,
    h('dl', { class: 'props' }, h('dt', {}, 'Spend'), h('dd', {}, money(info.spend)), h('dt', {}, 'Soft limit'), h('dd', {}, money(info.soft_budget)), h('dt', {}, 'Models'), h('dd', {}, info.models?.length ? info.models.join(', ') : 'all')),
    budgetBars(info),
    h('h3', {}, 'Members'),
    table('Members', ['User', 'Role', 'Budget in team', 'Spend', ...(manage ? [''] : [])], members.map((m) => [m.user_id, m.role,
      m.budgets?.length ? budgetBars(m) : m.max_budget_in_team == null ? 'none' : `${money(m.max_budget_in_team)} ${m.budget_duration || 'lifetime'}`, money(m.spend),
      ...(manage ? [h('div', { class: 'row-actions' },
        h('button', { type: 'button', class: 'secondary', 'aria-label': `Edit member ${m.user_id}`, onclick: () => manage.member(m) }, 'Edit'),
        h('button', { type: 'button', class: 'danger', 'aria-label': `Remove member ${m.user_id}`, onclick: () => manage.remove(m) }, 'Remove'))] : [])]),
    { emptyText: 'No members.', numeric: [3] }),
    t.keys?.length ? h('h3', {}, 'Keys') : null,
    t.keys?.length ? table('Keys of the team', ['Alias', 'Key', 'User'], t.keys.map((k) => [k.key_alias || '—', k.key_name || '—', k.user_id || '—'])) : null);
}

async function ownTeam(page) {
  const s = currentSession();
  if (!s.team_id) {
    page.append(empty('This key belongs to no team.'));
    return;
  }
  const slot = await section(page, async () => teamView(await get('team/info', { team_id: s.team_id })));
  sizeBars(slot);
}

const PAGE_SIZE = 10;

/**
 * A list the API searches and pages: a search box (debounced), the table, and Previous / Next with
 * "Page n of m · N teams". reload() reads the current page again.
 */
function pagedList({ title, path, items, id, placeholder, noun, emptyText, columns, row, open }) {
  const state = { search: '', page: 1 };
  const search = searchBox({ id, placeholder }, (text) => {
    state.search = text;
    state.page = 1;
    reload();
  });
  const body = h('div', {});
  const node = h('div', { class: 'card', dataset: { testid: `${items}-list` } }, h('h2', {}, title), h('div', { class: 'toolbar' }, field(`Search ${noun[1]}`, search)), body);
  async function reload() {
    body.replaceChildren(loading());
    try {
      const r = await get(path, { page: state.page, page_size: PAGE_SIZE, ...(state.search ? { search: state.search } : {}) });
      const list = r[items] || [];
      if (!list.length && state.page > 1 && r.total_pages >= 1) {
        state.page = r.total_pages;
        return reload();
      }
      if (!list.length) {
        body.replaceChildren(empty(state.search ? `No ${noun[0]} matches “${state.search}”.` : emptyText));
        return;
      }
      const pages = Math.max(1, r.total_pages || 1);
      body.replaceChildren(
        table(title, columns, list.map(row), { onRow: (i) => open(list[i]) }),
        pager(`${title} pages`, state.page, pages, `${r.total} ${r.total === 1 ? noun[0] : noun[1]}`, (p) => { state.page = p; reload(); }));
      sizeBars(body);
    } catch (e) {
      body.replaceChildren(errorBox(e));
    }
  }
  return { node, reload };
}
