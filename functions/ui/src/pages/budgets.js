import { getPage, post, request } from '../api.js';
import { money } from '../format.js';
import { h, section, dialog, field, notify, empty, errorBox, sizeBars, budgetBar, confirm, pager } from '../ui.js';

/** Budgets per page: the API reads each listed budget's entity from DynamoDB, so only a page is asked for. */
export const BUDGETS_PAGE_SIZE = 20;

// One card per budget (GET /api/v1/budgets, issue 11), a page at a time by name: spend, limit, a bar yellow
// from the soft limit and red from the hard one; create, edit, delete. Shown only where the API answers.
export async function budgets(page) {
  const list = h('div');
  let budgetsPage = 1;
  const reload = async () => {
    list.replaceChildren();
    const slot = await section(list, async () => {
      const r = await getPage('api/v1/budgets', budgetsPage, BUDGETS_PAGE_SIZE);
      budgetsPage = r.page || budgetsPage; // past the end (the last budget of the last page deleted): the last
      const items = r.data || [];
      if (!items.length) return empty('No budgets yet.');
      const pages = Math.max(1, r.total_pages || 1);
      return h('div', {}, h('div', { class: 'cards budget-cards' }, items.map((b) => {
        // limit = monthly_limit × hard_limit_percent (what the gateway enforces); soft_limit raises the alert.
        const limit = Number(b.limit);
        const soft = b.soft_limit;
        return h('div', { class: 'card', dataset: { status: b.status || '' } },
          h('h2', {}, b.name), h('p', { class: 'muted' }, `${b.entity_type} ${b.entity_id || ''} · ${b.status || ''}`),
          budgetBar({ budget_duration: '1mo', max_budget: limit, spend: b.current_spend, committed: b.current_spend }, soft),
          h('div', { class: 'row-actions' },
            h('button', { type: 'button', class: 'secondary', onclick: () => edit(b) }, 'Edit'),
            h('button', { type: 'button', class: 'danger', onclick: () => remove(b) }, 'Delete')));
      })),
      pages > 1 ? pager('Budget pages', budgetsPage, pages, `${r.total} ${r.total === 1 ? 'budget' : 'budgets'}`, (p) => { budgetsPage = p; reload(); }) : null);
    });
    sizeBars(slot);
  };
  const edit = async (b) => {
    const inputs = {
      name: h('input', { type: 'text', value: b?.name || '' }),
      entity_type: h('select', {}, ['team', 'user', 'key', 'customer', 'tag', 'global'].map((t) => h('option', { value: t, selected: b?.entity_type === t }, t))),
      entity_id: h('input', { type: 'text', value: b?.entity_id || '' }),
      monthly_limit: h('input', { type: 'number', min: '0', step: 'any', value: b?.monthly_limit ?? '' }),
      soft_limit_percent: h('input', { type: 'number', min: '0', max: '100', value: b?.soft_limit_percent ?? 80 }),
      hard_limit_percent: h('input', { type: 'number', min: '0', value: b?.hard_limit_percent ?? 100 }),
      alert_email: h('input', { type: 'email', value: b?.alert_email || '' }),
    };
    const feedback = h('div', { role: 'alert' });
    const form = h('form', { class: 'form-grid', onsubmit: (e) => e.preventDefault() }, Object.entries(inputs).map(([k, i]) => field(k.replaceAll('_', ' '), i)), feedback);
    for (;;) {
      if ((await dialog(b ? `Edit ${b.name}` : 'New budget', form, [{ label: 'Cancel', value: 'cancel' }, { label: 'Save', value: 'ok' }])) !== 'ok') return;
      const body = {};
      for (const [k, i] of Object.entries(inputs)) if (i.value.trim()) body[k] = i.type === 'number' ? Number(i.value) : i.value.trim();
      try {
        if (b) await request('PUT', `api/v1/budgets/${encodeURIComponent(b.id)}`, { body });
        else await post('api/v1/budgets', body);
        notify('Budget saved');
        await reload();
        return;
      } catch (e) {
        feedback.replaceChildren(errorBox(e));
      }
    }
  };
  const remove = async (b) => {
    if (!(await confirm(`Delete ${b.name}?`, 'The limit it set stops applying.', 'Delete budget'))) return;
    try {
      await request('DELETE', `api/v1/budgets/${encodeURIComponent(b.id)}`);
      await reload();
    } catch (e) {
      notify(e.message, 'error');
    }
  };
  page.append(h('div', { class: 'toolbar' }, h('button', { type: 'button', onclick: () => edit(null) }, 'New budget')), list);
  await reload();
}
