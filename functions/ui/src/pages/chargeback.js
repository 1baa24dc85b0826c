import { get, getPage, post, request } from '../api.js';
import { money, timeEl } from '../format.js';
import { h, section, table, confirm, notify, errorBox, badge, download, formDialog, empty, pager } from '../ui.js';
import { ruleBody, reportActions, monthOf } from '../model.js';

// Chargeback (docs/chargeback.md): allocation rules (/api/v1/cost-allocation/rules) and monthly reports
// (/api/v1/chargeback/reports) with their lifecycle: generate → draft (regenerate), finalize, export
// as CSV, JSON or the SAP G/L template. The API's 400 and 409 messages are shown where they happen.
/** Reports per page of the list: two years of months (the API pages it, newest month first). */
const REPORTS_PAGE_SIZE = 24;

export async function chargeback(page) {
  let reportsPage = 1;
  const rules = h('div');
  const reports = h('div');
  const detail = h('div', { class: 'detail' });
  const feedback = h('div', { class: 'feedback', role: 'alert' });
  const month = h('input', { type: 'month', id: 'cb-month', value: monthOf(), max: monthOf() });

  const loadRules = async () => {
    rules.replaceChildren();
    await section(rules, async () => {
      const r = await get('api/v1/cost-allocation/rules');
      const list = r.data || [];
      return h('div', { class: 'card' }, table('Allocation rules (a call\'s first tag with rules, alphabetically, takes its share; the team\'s rules split the rest)',
        ['Name', 'Applies to', 'Type', 'Target', 'Percent', 'Metadata', ''],
        list.map((x) => [x.name, x.team_id ? `team ${x.team_id}` : `tag ${x.tag}`, x.allocation_type, x.allocation_target, `${x.allocation_percent}%`,
          x.metadata && Object.keys(x.metadata).length ? h('code', { class: 'mono' }, JSON.stringify(x.metadata)) : '—',
          h('div', { class: 'row-actions' },
            h('button', { type: 'button', class: 'secondary', 'aria-label': `Edit rule ${x.name}`, onclick: () => editRule(x) }, 'Edit'),
            h('button', { type: 'button', class: 'danger', 'aria-label': `Delete rule ${x.name}`, onclick: () => deleteRule(x) }, 'Delete'))]),
        { emptyText: 'No allocation rules yet: every team\'s spend is reported as unallocated.', numeric: [4] }));
    });
  };

  const editRule = async (x) => {
    const scope = h('select', {}, [['team', 'team'], ['tag', 'tag']].map(([v, t]) => h('option', { value: v, selected: (x?.tag ? 'tag' : 'team') === v }, t)));
    const fields = [
      ['name', 'Name', h('input', { type: 'text', required: true, value: x?.name || '' })],
      ['scope', 'Applies to', scope],
      ['scope_id', 'Team id or tag', h('input', { type: 'text', required: true, value: x?.team_id || x?.tag || '' })],
      ['allocation_type', 'Type', h('select', {}, ['cost_center', 'project', 'department'].map((t) => h('option', { value: t, selected: x?.allocation_type === t }, t.replace('_', ' '))))],
      ['allocation_target', 'Target (cost centre, WBS element, department)', h('input', { type: 'text', required: true, value: x?.allocation_target || '' })],
      ['allocation_percent', 'Percent', h('input', { type: 'number', min: '0', max: '100', step: 'any', value: x?.allocation_percent ?? 100 }), 'Above 0, at most 100; a team\'s rules at most 100 together'],
      ['metadata', 'Metadata (JSON, for the SAP export)', h('textarea', { rows: '3', class: 'mono', placeholder: '{"company_code": "1000", "gl_account": "6100", "offset_gl_account": "6199"}' }, x?.metadata && Object.keys(x.metadata).length ? JSON.stringify(x.metadata) : '')],
    ];
    const saved = await formDialog(x ? `Edit rule ${x.name}` : 'New allocation rule', fields, (v) =>
      x ? request('PUT', `api/v1/cost-allocation/rules/${encodeURIComponent(x.id)}`, { body: ruleBody(v, true) }) : post('api/v1/cost-allocation/rules', ruleBody(v)));
    if (saved) {
      notify(`Rule ${saved.name} saved`);
      await loadRules();
    }
  };

  const deleteRule = async (x) => {
    if (!(await confirm(`Delete rule ${x.name}?`, 'Draft reports generated from now on leave its share unallocated; finalized reports keep it.', 'Delete rule'))) return;
    try {
      await request('DELETE', `api/v1/cost-allocation/rules/${encodeURIComponent(x.id)}`);
      notify(`Rule ${x.name} deleted`);
      await loadRules();
    } catch (e) {
      notify(e.message, 'error');
    }
  };

  /** Runs a report action; its error (a 409 on a finalized month, say) shows above the reports. */
  const act = async (what, fn) => {
    feedback.replaceChildren();
    try {
      const r = await fn();
      if (what) notify(what);
      await loadReports();
      if (r?.id) await openReport(r.id);
    } catch (e) {
      feedback.replaceChildren(errorBox(e));
    }
  };

  const generate = (period) => act(`Report for ${period} generated`, () => post('api/v1/chargeback/reports/generate', { period }));
  const finalize = async (r) => {
    if (!(await confirm(`Finalize ${r.period}?`, 'A finalized report is frozen: it cannot be regenerated, and rule changes no longer reach it. It can then be exported.', 'Finalize'))) return;
    await act(`Report for ${r.period} finalized`, () => post(`api/v1/chargeback/reports/${encodeURIComponent(r.id)}/finalize`, {}));
  };
  const exportAs = (r, format) => act(null, async () => {
    const response = await request('GET', `api/v1/chargeback/reports/${encodeURIComponent(r.id)}/export`, { query: { format }, raw: true });
    const name = await download(response, `tollgate-chargeback-${r.period}.${format === 'sap' ? 'sap.csv' : format}`);
    notify(`Exported ${name}`);
    return r;
  });

  const loadReports = async () => {
    reports.replaceChildren();
    await section(reports, async () => {
      const r = await getPage('api/v1/chargeback/reports', reportsPage, REPORTS_PAGE_SIZE);
      reportsPage = r.page || reportsPage; // a page past the end (a stale page number): the last
      const list = r.data || [];
      const pages = Math.max(1, r.total_pages || 1);
      return h('div', { class: 'card' }, table('Reports, newest month first', ['Month', 'Status', 'Total', 'Generated', 'Finalized', 'Exported', ''],
        list.map((x) => {
          const can = reportActions(x.status);
          return [
            h('button', { type: 'button', class: 'link', 'aria-label': `Open the report for ${x.period}`, onclick: () => openReport(x.id) }, x.period),
            badge(x.status, x.status === 'draft' ? 'warn' : 'ok'),
            booked(x),
            timeEl(x.generated_at),
            x.finalized_at ? timeEl(x.finalized_at) : '—',
            x.exported_at ? h('span', {}, timeEl(x.exported_at), ` as ${x.export_format} by ${x.exported_by}`) : '—',
            h('div', { class: 'row-actions', dataset: { period: x.period } },
              can.regenerate ? h('button', { type: 'button', class: 'secondary', 'aria-label': `Regenerate ${x.period}`, onclick: () => generate(x.period) }, 'Regenerate') : null,
              can.finalize ? h('button', { type: 'button', 'aria-label': `Finalize ${x.period}`, onclick: () => finalize(x) }, 'Finalize') : null,
              ['csv', 'json', 'sap'].map((f) => h('button', {
                type: 'button', class: 'secondary', disabled: !can.exportable, title: can.exportable ? null : 'Finalize the report first',
                'aria-label': `Export ${x.period} as ${f.toUpperCase()}`, onclick: () => exportAs(x, f),
              }, f.toUpperCase()))),
          ];
        }),
        { emptyText: 'No reports yet: generate one for a month.', numeric: [2] }),
      pages > 1 ? pager('Report pages', reportsPage, pages, `${r.total} months`, (p) => { reportsPage = p; loadReports(); }) : null);
    });
  };

  const openReport = async (id) => {
    detail.replaceChildren();
    await section(detail, async () => reportView(await get(`api/v1/chargeback/reports/${encodeURIComponent(id)}`)));
    detail.querySelector('h2')?.scrollIntoView({ block: 'nearest' });
  };

  page.append(
    h('h2', {}, 'Allocation rules'),
    h('div', { class: 'toolbar' }, h('button', { type: 'button', onclick: () => editRule(null) }, 'New rule')),
    rules,
    h('h2', {}, 'Reports'),
    h('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); if (month.value) generate(month.value); } },
      h('div', { class: 'field' }, h('label', { for: 'cb-month' }, 'Month'), month),
      h('button', { type: 'submit' }, 'Generate report')),
    feedback,
    reports,
    detail,
  );
  await Promise.all([loadRules(), loadReports()]);
}

function reportView(r) {
  const lines = r.lines || [];
  return h('div', { class: 'card', dataset: { testid: 'report-detail', status: r.status } },
    h('h2', {}, `Report ${r.period} `, badge(r.status, r.status === 'draft' ? 'warn' : 'ok')),
    h('dl', { class: 'props' },
      h('dt', {}, 'Total'), h('dd', {}, booked(r), ` ${r.currency}`),
      h('dt', {}, 'Unallocated'), h('dd', {}, money(r.unallocated?.amount)),
      h('dt', {}, 'Generated'), h('dd', {}, timeEl(r.generated_at)),
      h('dt', {}, 'Finalized'), h('dd', {}, r.finalized_at ? timeEl(r.finalized_at) : 'not yet (draft: regenerating reads the rules and spend again)'),
      h('dt', {}, 'Exported'), h('dd', {}, r.exported_at ? h('span', {}, timeEl(r.exported_at), ` as ${r.export_format} by ${r.exported_by}`) : '—')),
    h('div', { class: 'grid2' },
      table('By team', ['Team', 'Amount'], (r.by_team || []).map((t) => [t.team_id || '(no team)', money(t.amount)]), { numeric: [1], emptyText: 'No spend this month.' }),
      table('By allocation target', ['Type', 'Target', 'Amount'], (r.by_allocation_target || []).map((t) => [t.allocation_type, t.allocation_target, money(t.amount)]), { numeric: [2], emptyText: 'Nothing allocated.' })),
    lines.length
      ? table('Lines (amounts rounded by largest remainder: they sum to the total)', ['#', 'Team', 'Rule', 'Target', 'Percent', 'Cost (exact)', 'Amount'],
        lines.map((l) => [l.line, l.team_id || '(no team)', l.rule_name || 'unallocated', l.allocation_target && l.allocation_type !== 'unallocated' ? `${l.allocation_type.replace('_', ' ')} ${l.allocation_target}` : '—',
          l.allocation_percent ? `${l.allocation_percent}%` : '—', `$${l.cost}`, money(l.amount)]), { numeric: [0, 4, 5, 6] })
      : empty('No lines: there was no spend in this month.'));
}

/** The booked total in cents, with the exact cost beside it where the cents hide it (a month of test calls: $0.00, exact $0.000068). */
function booked(r) {
  const exact = Number(r.total_cost);
  return Math.abs(exact - Number(r.total)) >= 0.000001
    ? h('span', { title: `exact $${r.total_cost}` }, money(r.total), h('span', { class: 'muted' }, ` (exact ${money(exact)})`))
    : money(r.total);
}
