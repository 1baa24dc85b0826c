import { available, get, post, request } from '../api.js';
import { count, localDay, timeEl } from '../format.js';
import { h, section, table, confirm, notify, errorBox, badge, formDialog, field, empty } from '../ui.js';
import { slaBody, fractionPercent, ms, metricValue, failoverBody, thresholdText, round6 } from '../model.js';
import { lineChart } from '../chart.js';

const STATUS_KIND = { ok: 'ok', breached: 'bad', no_data: '', no_sla: '', open: 'bad', resolved: 'ok' };

// SLA monitor (docs/sla.md): definitions, health over a window and its history as charts, active and
// past violations (resolve by hand), and failover rules where that API is deployed.
export async function sla(page) {
  const defs = h('div');
  const health = h('div');
  const charts = h('div');
  const active = h('div');
  const history = h('div');
  const failover = h('div');
  const feedback = h('div', { class: 'feedback', role: 'alert' });
  const windowSel = h('select', { id: 'sla-window' }, [[15, '15 minutes'], [60, '1 hour'], [360, '6 hours'], [1440, '24 hours']].map(([v, t]) => h('option', { value: v }, t)));
  const hoursSel = h('select', { id: 'sla-hours' }, [[6, '6 hours'], [24, '24 hours'], [72, '3 days'], [168, '7 days']].map(([v, t]) => h('option', { value: v, selected: v === 24 }, t)));
  const weekAgo = new Date(Date.now() - 7 * 86400000);
  const from = h('input', { type: 'date', id: 'sla-from', value: localDay(weekAgo) });
  const to = h('input', { type: 'date', id: 'sla-to', value: localDay(new Date()) });

  const loadDefs = async () => {
    defs.replaceChildren();
    await section(defs, async () => {
      const list = (await get('api/v1/sla/definitions')).data || [];
      return h('div', { class: 'card' }, table('SLA definitions', ['Name', 'Provider', 'Models', 'p50', 'p95', 'p99', 'Error rate ≤', 'Availability ≥', 'Window', ''],
        list.map((d) => [d.name, d.provider || 'any', h('code', { class: 'mono' }, d.model_pattern), ms(d.target_p50_ms), ms(d.target_p95_ms), ms(d.target_p99_ms),
          fractionPercent(d.target_error_rate), fractionPercent(d.target_availability), `${d.evaluation_window_minutes} min`,
          h('div', { class: 'row-actions' },
            h('button', { type: 'button', class: 'secondary', 'aria-label': `Edit SLA ${d.name}`, onclick: () => editDef(d) }, 'Edit'),
            h('button', { type: 'button', class: 'danger', 'aria-label': `Delete SLA ${d.name}`, onclick: () => deleteDef(d) }, 'Delete'))]),
        { emptyText: 'No SLA definitions yet: health is shown without targets.', numeric: [3, 4, 5, 6, 7, 8] }));
    });
  };

  const editDef = async (d) => {
    const pct = (f) => (f === null || f === undefined ? '' : round6(Number(f) * 100));
    const numIn = (v, attrs = {}) => h('input', { type: 'number', min: '0', step: 'any', value: v ?? '', ...attrs });
    const fields = [
      ['name', 'Name', h('input', { type: 'text', required: true, value: d?.name || '' })],
      ['provider', 'Provider (blank: any)', h('input', { type: 'text', value: d?.provider || '' })],
      ['model_pattern', 'Model pattern', h('input', { type: 'text', required: true, value: d?.model_pattern || '*' }), '* any characters, ? one: gpt-4o*'],
      ['evaluation_window_minutes', 'Window (minutes)', numIn(d?.evaluation_window_minutes ?? 15, { min: '5', step: '5' }), 'A multiple of 5'],
      ['target_p50_ms', 'Latency p50 at most (ms)', numIn(d?.target_p50_ms, { step: '1' })],
      ['target_p95_ms', 'Latency p95 at most (ms)', numIn(d?.target_p95_ms, { step: '1' })],
      ['target_p99_ms', 'Latency p99 at most (ms)', numIn(d?.target_p99_ms, { step: '1' })],
      ['target_error_rate', 'Error rate at most (%)', numIn(pct(d?.target_error_rate), { max: '100' })],
      ['target_availability', 'Availability at least (%)', numIn(pct(d?.target_availability), { max: '100' })],
    ];
    const saved = await formDialog(d ? `Edit SLA ${d.name}` : 'New SLA definition', fields, (v) =>
      d ? request('PUT', `api/v1/sla/definitions/${encodeURIComponent(d.id)}`, { body: slaBody(v, true) }) : post('api/v1/sla/definitions', slaBody(v)));
    if (saved) {
      notify(`SLA ${saved.name} saved`);
      await Promise.all([loadDefs(), loadHealth()]);
    }
  };

  const deleteDef = async (d) => {
    if (!(await confirm(`Delete SLA ${d.name}?`, 'Its violations, open and past, are deleted with it.', 'Delete SLA'))) return;
    try {
      await request('DELETE', `api/v1/sla/definitions/${encodeURIComponent(d.id)}`);
      notify(`SLA ${d.name} deleted`);
      await Promise.all([loadDefs(), loadHealth(), loadActive(), loadHistory()]);
    } catch (e) {
      notify(e.message, 'error');
    }
  };

  const loadHealth = async () => {
    health.replaceChildren();
    await section(health, async () => {
      const r = await get('api/v1/sla/health', { window_minutes: windowSel.value });
      return h('div', { class: 'card' },
        h('p', { class: 'muted' }, 'From ', timeEl(r.window_start), ' to ', timeEl(r.window_end), ' (whole five-minute buckets; each SLA is judged over its own window)'),
        table('Health per provider and model', ['Provider', 'Model', 'Status', 'Requests', 'Error rate', 'Availability', 'p50', 'p95', 'p99', 'TTFT p95', 'SLAs'],
          (r.data || []).map((x) => [x.provider, x.model, badge(x.status, STATUS_KIND[x.status]), count(x.requests), fractionPercent(x.error_rate), fractionPercent(x.availability),
            ms(x.latency_p50_ms), ms(x.latency_p95_ms), ms(x.latency_p99_ms), ms(x.ttft_p95_ms),
            (x.slas || []).length ? h('ul', { class: 'plain' }, x.slas.map((s) => h('li', {}, `${s.name}: `, badge(s.status, STATUS_KIND[s.status]),
              (s.breaches || []).map((b) => h('div', { class: 'muted' }, `${b.metric} ${metricValue(b.metric, b.observed)} (target ${metricValue(b.metric, b.target)})`))))) : '—']),
          { emptyText: 'No calls reached a provider in this window (the current five-minute bucket counts once it ends; History shows it now).', numeric: [3, 4, 5, 6, 7, 8, 9] }));
    });
  };

  const loadCharts = async () => {
    charts.replaceChildren();
    await section(charts, async () => {
      const r = await get('api/v1/sla/health/history', { hours: hoursSel.value });
      const series = r.data || [];
      if (!series.length) return empty('No calls in this period: nothing to chart.');
      const pick = h('select', { id: 'sla-series' }, series.map((s, i) => h('option', { value: i }, `${s.provider} / ${s.model}`)));
      const box = h('div', { class: 'charts' });
      const draw = () => {
        const s = series[Number(pick.value)];
        const pts = s.points || [];
        const labels = pts.map((p) => new Date(p.bucket_start).toLocaleString(undefined, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }));
        const what = `${s.provider} / ${s.model}, ${pts.length} five-minute buckets with calls`;
        box.replaceChildren(
          lineChart(`Latency, ${s.model}`, labels, [
            { label: 'p50', data: pts.map((p) => p.latency_p50_ms), color: '#3b6fd4', points: true },
            { label: 'p95', data: pts.map((p) => p.latency_p95_ms), color: '#c99700', points: true },
            { label: 'p99', data: pts.map((p) => p.latency_p99_ms), color: '#c0392b', points: true },
          ], { format: ms, summary: what }),
          lineChart(`Error rate and availability, ${s.model}`, labels, [
            { label: 'Error rate', data: pts.map((p) => p.error_rate), color: '#c0392b', points: true },
            { label: 'Availability', data: pts.map((p) => p.availability), color: '#2e8540', points: true },
          ], { format: fractionPercent, summary: what, min: 0 }),
          lineChart(`Requests per five minutes, ${s.model}`, labels, [{ label: 'Requests', data: pts.map((p) => p.requests), color: '#3b6fd4', bar: true }], { format: (v) => count(v), summary: what }),
        );
      };
      pick.addEventListener('change', draw);
      draw();
      return [h('div', { class: 'toolbar' }, field('Provider and model', pick)), box];
    });
  };

  const violationRows = (list, withResolve) => list.map((v) => [
    v.definition_name, v.metric, `${v.provider} / ${v.model}`, metricValue(v.metric, v.observed), metricValue(v.metric, v.target), timeEl(v.opened_at), timeEl(v.last_breached_at),
    withResolve
      ? h('button', { type: 'button', class: 'secondary', 'aria-label': `Resolve ${v.definition_name} ${v.metric} on ${v.model}`, onclick: () => resolve(v) }, 'Resolve')
      : v.resolved_at ? h('span', {}, badge('resolved', 'ok'), ' ', timeEl(v.resolved_at), ` by ${v.resolved_by}`) : badge('open', 'bad'),
  ]);

  const loadActive = async () => {
    active.replaceChildren();
    await section(active, async () => {
      const list = (await get('api/v1/sla/violations/active')).data || [];
      return h('div', { class: 'card' }, table('Open violations', ['SLA', 'Metric', 'Provider / model', 'Observed', 'Target', 'Opened', 'Last breached', ''], violationRows(list, true),
        { emptyText: 'No open violations.', numeric: [3, 4] }));
    });
  };

  const loadHistory = async () => {
    history.replaceChildren();
    await section(history, async () => {
      const list = (await get('api/v1/sla/violations', { from: from.value, to: to.value })).data || [];
      return h('div', { class: 'card' }, table('Violations open at any time in the range', ['SLA', 'Metric', 'Provider / model', 'Observed', 'Target', 'Opened', 'Last breached', 'Status'], violationRows(list, false),
        { emptyText: 'No violations in this range.', numeric: [3, 4] }));
    });
  };

  const resolve = async (v) => {
    feedback.replaceChildren();
    try {
      await post(`api/v1/sla/violations/${encodeURIComponent(v.id)}/resolve`, {});
      notify(`Violation of ${v.definition_name} resolved`);
    } catch (e) {
      feedback.replaceChildren(errorBox(e)); // 409: already resolved (by the collector, say)
    }
    await Promise.all([loadActive(), loadHistory()]);
  };

  const collect = async () => {
    feedback.replaceChildren();
    try {
      // A person's check counts the five-minute bucket in progress too (the schedule keeps to whole buckets).
      const r = await request('POST', 'api/v1/sla/collect', { query: { include_current_bucket: 'true' }, body: {} });
      notify(`Checked ${r.evaluated} model windows: ${r.opened} opened, ${r.still_open} still open, ${r.resolved} resolved`);
    } catch (e) {
      feedback.replaceChildren(errorBox(e));
    }
    await Promise.all([loadActive(), loadHistory(), loadHealth()]);
  };

  windowSel.addEventListener('change', loadHealth);
  hoursSel.addEventListener('change', loadCharts);
  page.append(
    h('h2', {}, 'Definitions'),
    h('div', { class: 'toolbar' }, h('button', { type: 'button', onclick: () => editDef(null) }, 'New SLA')),
    defs,
    h('h2', {}, 'Health'),
    h('div', { class: 'toolbar' }, field('Window', windowSel)),
    health,
    h('h2', {}, 'History'),
    h('div', { class: 'toolbar' }, field('Period', hoursSel)),
    charts,
    h('h2', {}, 'Violations'),
    h('div', { class: 'toolbar' }, h('button', { type: 'button', class: 'secondary', onclick: collect }, 'Check now'), h('span', { class: 'muted' }, 'The collector checks every 5 minutes; Check now also counts the last few minutes.')),
    feedback,
    active,
    h('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); loadHistory(); } }, field('From', from), field('To', to), h('button', { type: 'submit', class: 'secondary' }, 'Show')),
    history,
  );
  await Promise.all([loadDefs(), loadHealth(), loadCharts(), loadActive(), loadHistory()]);
  // Failover rules: only where that API is deployed (a 404 hides the section; it is never shown empty).
  if (await available('api/v1/sla/failover-rules')) {
    page.append(h('h2', { id: 'failover' }, 'Failover rules'), failover);
    await failoverSection(failover);
  }
}

const CONDITIONS = [['error_rate', 'error rate above (%)'], ['latency_p95', 'latency p95 above (ms)'], ['availability', 'availability below (%)'], ['sla_violation', 'an open SLA violation']];

async function failoverSection(box) {
  const list = h('div');
  const load = async () => {
    list.replaceChildren();
    await section(list, async () => {
      const r = await get('api/v1/sla/failover-rules');
      const rules = r.data || []; // the API's listing: {data, total}
      return h('div', { class: 'card' }, table('Failover rules: calls to the primary go to the fallback while the trigger holds', ['Primary', 'Fallback', 'Trigger', 'Threshold', 'Cooldown', 'State', ''],
        rules.map((x) => [x.primary_model, x.fallback_model, x.trigger_condition, thresholdText(x.trigger_condition, x.trigger_threshold), x.cooldown_minutes == null ? '—' : `${x.cooldown_minutes} min`,
          x.status === 'active' ? h('span', {}, badge('failing over', 'warn'), ' until ', timeEl(x.active_until)) : badge(x.status || 'inactive', ''),
          h('div', { class: 'row-actions' },
            h('button', { type: 'button', class: 'secondary', 'aria-label': `Edit failover ${x.primary_model} to ${x.fallback_model}`, onclick: () => edit(x) }, 'Edit'),
            h('button', { type: 'button', class: 'danger', 'aria-label': `Delete failover ${x.primary_model} to ${x.fallback_model}`, onclick: () => remove(x) }, 'Delete'))]),
        { emptyText: 'No failover rules: a failing model is not replaced.', numeric: [3, 4] }));
    });
  };
  const edit = async (x) => {
    const cond = x?.trigger_condition || 'error_rate';
    const percentish = (c) => c === 'error_rate' || c === 'availability';
    const shown = x?.trigger_threshold == null ? '' : percentish(cond) ? round6(Number(x.trigger_threshold) * 100) : x.trigger_threshold;
    const condition = h('select', {}, CONDITIONS.map(([v, t]) => h('option', { value: v, selected: v === cond }, t)));
    const fields = [
      ['primary_model', 'Primary model', h('input', { type: 'text', required: true, value: x?.primary_model || '' })],
      ['fallback_model', 'Fallback model', h('input', { type: 'text', required: true, value: x?.fallback_model || '' })],
      ['trigger_condition', 'Trigger', condition],
      ['trigger_threshold', 'Threshold', h('input', { type: 'number', min: '0', step: 'any', value: shown }), '% for error rate and availability, ms for latency; none for an SLA violation'],
      ['cooldown_minutes', 'Cooldown (minutes)', h('input', { type: 'number', min: '0', step: '1', value: x?.cooldown_minutes ?? 5 })],
    ];
    const saved = await formDialog(x ? 'Edit failover rule' : 'New failover rule', fields, (v) => {
      const body = failoverBody(v);
      if (body.trigger_threshold !== undefined && percentish(body.trigger_condition)) body.trigger_threshold = round6(body.trigger_threshold / 100);
      return x ? request('PUT', `api/v1/sla/failover-rules/${encodeURIComponent(x.id)}`, { body }) : post('api/v1/sla/failover-rules', body);
    });
    if (saved) {
      notify('Failover rule saved');
      await load();
    }
  };
  const remove = async (x) => {
    if (!(await confirm(`Delete failover ${x.primary_model} → ${x.fallback_model}?`, 'Calls to the primary are no longer redirected when it fails.', 'Delete rule'))) return;
    try {
      await request('DELETE', `api/v1/sla/failover-rules/${encodeURIComponent(x.id)}`);
      await load();
    } catch (e) {
      notify(e.message, 'error');
    }
  };
  box.append(h('div', { class: 'toolbar' }, h('button', { type: 'button', onclick: () => edit(null) }, 'New failover rule')), list);
  await load();
}
