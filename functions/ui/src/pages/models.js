import { available, get, isAdmin } from '../api.js';
import { count, money, timeEl } from '../format.js';
import { h, section, table, badge } from '../ui.js';
import { fractionPercent, ms, perMinute } from '../model.js';

// Each model's price per million tokens (GET /pricing) and its deployments' recent health on the
// instance that answered (GET /health/models: cooling down, or failed over by an SLA failover rule), and
// for the master key each model's health and throughput (requests and tokens per minute) across all
// instances from the SLA monitor (GET /api/v1/sla/health).
export async function models(page) {
  page.append(h('h2', {}, 'Prices'));
  await section(page, async () => {
    const p = await get('pricing');
    const per = (m, k) => (m.free ? money(0) : m.usd_per_million_tokens?.[k] == null ? '—' : money(m.usd_per_million_tokens[k]));
    return h('div', { class: 'card' }, table('Price per million tokens (USD)', ['Model', 'Priced as', 'Input', 'Output', 'Cache read', 'Source'],
      (p.data || []).map((m) => [m.model, m.priced_as || '—', per(m, 'input'), per(m, 'output'), per(m, 'cache_read'), m.source]),
      { emptyText: 'No models configured.', numeric: [2, 3, 4] }),
      p.unpriced_models?.length ? h('p', { class: 'state error' }, `Unpriced (refused until priced): ${p.unpriced_models.join(', ')}`) : null);
  });
  page.append(h('h2', {}, 'Health'));
  await section(page, async () => {
    const r = await get('health/models');
    return h('div', { class: 'card' }, table('Deployments (this instance, recent calls)', ['Model', 'Provider', 'Upstream model', 'Status', 'Successes', 'Failures', 'Avg latency', 'Last error'],
      (r.data || []).map((d) => [d.model, d.provider, d.upstream_model, deploymentStatus(d),
        count(d.successes), count(d.failures), d.avg_latency_ms == null ? '—' : `${d.avg_latency_ms} ms`, d.last_error ? h('span', {}, d.last_error, ' ', timeEl(d.last_error_at)) : '—']),
      { emptyText: 'No deployments.', numeric: [4, 5, 6] }));
  });
  await slaHealth(page);
}

/** healthy, cooling down (this instance's router), or failed over to another model (an SLA failover rule). */
function deploymentStatus(d) {
  if (d.status === 'failed_over' && d.sla_failover) return h('span', {}, badge('failed over', 'warn'), ` to ${d.sla_failover.fallback_model} until `, timeEl(d.sla_failover.until));
  return d.healthy ? badge('healthy', 'ok') : badge('cooling down', 'bad');
}

/** Each model across all instances over the last hour (the SLA monitor's health), for the master key. */
async function slaHealth(page) {
  if (!isAdmin() || !(await available('api/v1/sla/definitions'))) return;
  page.append(h('h2', {}, 'Health across all instances, last hour'));
  await section(page, async () => {
    const r = await get('api/v1/sla/health', { window_minutes: 60 });
    const kind = { ok: 'ok', breached: 'bad' };
    return h('div', { class: 'card', dataset: { testid: 'model-throughput' } }, table('From the spend logs of every instance (SLA monitor); per minute = over the whole hour', ['Model', 'Provider', 'Requests', 'Requests / min', 'Tokens / min', 'p50', 'p95', 'Error rate', 'SLA status'],
      (r.data || []).map((x) => [x.model, x.provider, count(x.requests), perMinute(x.requests_per_minute), perMinute(x.tokens_per_minute), ms(x.latency_p50_ms), ms(x.latency_p95_ms), fractionPercent(x.error_rate), badge(x.status.replace('_', ' '), kind[x.status])]),
      { emptyText: 'No calls in the last hour (the current five-minute bucket counts once it ends).', numeric: [2, 3, 4, 5, 6, 7] }));
  });
}
