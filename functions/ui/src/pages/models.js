import { get } from '../api.js';
import { count, money, timeEl } from '../format.js';
import { h, section, table } from '../ui.js';

// Each model's price per million tokens (GET /pricing) and its deployments' recent health on the
// instance that answered (GET /health/models).
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
      (r.data || []).map((d) => [d.model, d.provider, d.upstream_model, h('span', { class: `badge ${d.healthy ? 'ok' : 'bad'}` }, d.healthy ? 'healthy' : 'cooling down'),
        count(d.successes), count(d.failures), d.avg_latency_ms == null ? '—' : `${d.avg_latency_ms} ms`, d.last_error ? h('span', {}, d.last_error, ' ', timeEl(d.last_error_at)) : '—']),
      { emptyText: 'No deployments.', numeric: [4, 5, 6] }));
  });
}
