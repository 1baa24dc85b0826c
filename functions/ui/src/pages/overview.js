import { available, get, isAdmin } from '../api.js';
import { count, money, timeEl } from '../format.js';
import { h, section, stat, table, budgetBars, sizeBars, empty } from '../ui.js';
import { recentLogs, summarize, periodStarts } from '../spendlogs.js';
import { localDay } from '../format.js';
import { spendChart } from '../chart.js';
import { forecastChart } from './forecasts.js';

// Today / this week / this month, top models and a 30-day chart. From the analytics summary report
// when it is deployed (GET /api/v1/reports/summary), else from the recent spend logs.
export async function overview(page) {
  const admin = isAdmin();
  await section(page, async () => {
    const p = periodStarts();
    const start = p.month < p.thirty ? p.month : p.thirty;
    const analytics = admin && (await available('api/v1/reports/summary'));
    const [{ lines, complete }, summary, trend, forecast] = await Promise.all([
      recentLogs({ start_date: localDay(new Date(start.getTime() - 86400000)) }),
      analytics ? get('api/v1/reports/summary') : null,
      analytics ? get('api/v1/reports/trend', { days: 30 }).catch(() => null) : null,
      analytics ? globalForecast() : null,
    ]);
    const s = summarize(lines);
    // The analytics reports (issue 11) cover every call, not only the recent logs: prefer them.
    const totals = summary
      ? {
          today: summary.today?.cost,
          week: summary.this_week?.cost,
          month: summary.this_month?.cost,
          requests: summary.this_month?.requests,
          savedMonth: summary.this_month?.saved_by_cache,
          hitsMonth: summary.this_month?.cache_hits,
        }
      : s.totals;
    if (summary?.top_models) s.top = summary.top_models.map((m) => ({ model: m.model, requests: m.requests, tokens: m.input_tokens == null ? null : Number(m.input_tokens) + Number(m.output_tokens ?? 0), spend: Number(m.cost) }));
    if (trend?.series) s.days = trend.series.map((p) => [p.date, Number(p.cost)]);
    const cards = h(
      'div',
      { class: 'cards' },
      stat('Today', money(totals.today), 'spend-today'),
      stat('This week', money(totals.week), 'spend-week'),
      stat('This month', money(totals.month), 'spend-month'),
      stat('Requests this month', count(totals.requests), 'requests-month'),
      stat(`Saved by the cache this month (${count(totals.hitsMonth || 0)} hits)`, money(totals.savedMonth || 0), 'saved-month'),
    );
    const note = complete ? null : h('p', { class: 'muted' }, 'Showing the most recent 10,000 calls; older ones are in the spend-log reports.');
    const top = table('Top models this month', ['Model', 'Requests', 'Tokens', 'Spend'],
      s.top.map((m) => [m.model, count(m.requests), count(m.tokens), money(m.spend)]),
      { emptyText: 'No calls this month yet.', numeric: [1, 2, 3] });
    const chart = lines.length || s.days.some((d) => d[1] > 0) ? spendChart('Spend per day, last 30 days', s.days) : empty('No spend in the last 30 days yet.');
    return [cards, note, h('div', { class: 'grid2' }, chart, forecast ? forecastChart(forecast) : h('div', { class: 'card' }, top)), forecast ? h('div', { class: 'card' }, top) : null];
  });
  if (admin && (await available('api/v1/sla/violations/active'))) {
    page.append(h('h2', {}, 'Open SLA violations'));
    await section(page, async () => {
      const v = await get('api/v1/sla/violations/active');
      return table('Open SLA violations (SLA monitor)', ['Since', 'SLA', 'Model', 'Metric'],
        (v.data || []).map((x) => [timeEl(x.opened_at), x.definition_name, `${x.provider} / ${x.model}`, x.metric]),
        { emptyText: 'No open SLA violations.' });
    });
  }
  if (admin) {
    page.append(h('h2', {}, 'Recent alerts'));
    await section(page, async () => {
      const a = await get('alerts', { limit: 5 });
      return table('The five most recent budget alerts', ['When', 'Alert', 'Spend', 'Limit'],
        (a.data || []).map((x) => [timeEl(x.occurred_at), x.message, money(x.spend), money(x.limit)]),
        { emptyText: 'No alerts.', numeric: [2, 3] });
    });
  } else {
    page.append(h('h2', {}, 'Your budgets'));
    const slot = await section(page, async () => {
      const info = (await get('key/info')).info;
      if (!info.budgets?.length) return empty('This key has no hard budget.');
      return h("div", { class: "card" }, budgetBars(info));
    });
    sizeBars(slot);
  }
}

/** The whole gateway's forecast for its budget window (else next month), when forecasts are deployed. */
async function globalForecast() {
  if (!(await available('api/v1/reports/forecast'))) return null;
  try {
    const all = (await get('api/v1/reports/forecast', { scope_type: 'global' })).forecasts || [];
    const global = all.filter((f) => f.scope_type === 'global');
    const windows = global.filter((f) => f.horizon === 'budget_window');
    return windows.find((f) => (f.budget_duration || '1mo') === '1mo') || windows[0] || global[0] || null;
  } catch {
    return null;
  }
}
