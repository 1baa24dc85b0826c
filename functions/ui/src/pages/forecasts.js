import { get, post } from '../api.js';
import { money, timeEl } from '../format.js';
import { h, section, table, notify, errorBox, badge, field, empty } from '../ui.js';
import { forecastSeries, probability, scopeName, sortForecasts, fractionPercent, mapeText, cumulativeForecast } from '../model.js';
import { lineChart } from '../chart.js';

// Forecasts (GET /api/v1/reports/forecast): one row per scope and horizon with the forecast, its 80%
// band, the budget, the probability of going over it, the projected exhaustion date and how well
// the method did on past data; a chart of the selected scope (actuals, forecast, band, budget line)
// and, per day, the latest forecast made for it against the actual (…/forecast/history). "Generate now" recomputes them.
export async function forecasts(page) {
  const list = h('div');
  const detail = h('div', { class: 'detail' });
  const feedback = h('div', { class: 'feedback', role: 'alert' });
  const horizon = h('select', { id: 'fc-horizon' }, [['budget_window', 'budget window'], ['next_month', 'next month'], ['', 'both']].map(([v, t]) => h('option', { value: v }, t)));
  const scopeType = h('select', { id: 'fc-scope' }, [['', 'all'], ['global', 'global'], ['team', 'teams'], ['user', 'users'], ['key', 'keys'], ['customer', 'customers'], ['tag', 'tags'], ['key_model', 'key per-model budgets'], ['team_model', 'team per-model budgets']].map(([v, t]) => h('option', { value: v }, t)));
  const tableBox = h('div');
  let all = [];

  const render = () => {
    const shown = sortForecasts(all.filter((f) => (!horizon.value || f.horizon === horizon.value) && (!scopeType.value || f.scope_type === scopeType.value)));
    tableBox.replaceChildren(h('div', { class: 'card' }, table('Forecasts, the likeliest to go over budget first (select one for its chart)',
      ['Scope', 'Horizon', 'Period', 'Forecast', '80% band', 'Budget', 'P(over budget)', 'Budget runs out', 'Backtest error (MAPE)', '80% band coverage', 'Generated'],
      shown.map((f) => [scopeName(f), horizonName(f), `${f.period_start} – ${f.period_end}`, money(f.forecasted_cost),
        `${money(f.confidence_low)} – ${money(f.confidence_high)}`, money(f.budget),
        f.probability_over_budget == null ? '—' : badge(probability(f.probability_over_budget), Number(f.probability_over_budget) >= 0.5 ? 'bad' : Number(f.probability_over_budget) >= 0.2 ? 'warn' : 'ok'),
        f.projected_exhaustion_date || '—', mapeText(f.backtest_mape), fractionPercent(f.interval_coverage), timeEl(f.generated_at)]),
      { onRow: (i) => open(shown[i]), emptyText: all.length ? 'No forecast matches the filters.' : 'No forecasts yet. Generate them now, or wait for the daily job (00:30 UTC).', numeric: [3, 5, 6] })));
  };

  const load = async () => {
    list.replaceChildren();
    await section(list, async () => {
      all = (await get('api/v1/reports/forecast')).forecasts || [];
      render();
      return tableBox;
    });
    if (all.length) await open(sortForecasts(all)[0]);
    else detail.replaceChildren();
  };

  const open = async (f) => {
    detail.replaceChildren();
    const s = forecastSeries(f);
    const band = `80% band ${money(f.confidence_low)} – ${money(f.confidence_high)}`;
    detail.append(
      h('h2', {}, `${scopeName(f)}: ${horizonName(f)}`),
      h('div', { class: 'cards' },
        h('div', { class: 'card stat', dataset: { testid: 'forecast-cost' } }, h('div', { class: 'muted' }, `Forecast ${f.period_start} – ${f.period_end}`), h('div', { class: 'figure' }, money(f.forecasted_cost))),
        h('div', { class: 'card stat' }, h('div', { class: 'muted' }, '80% / 95% band'), h('div', {}, band), h('div', { class: 'muted' }, `95%: ${money(f.confidence_low_95)} – ${money(f.confidence_high_95)}`)),
        h('div', { class: 'card stat' }, h('div', { class: 'muted' }, 'Budget'), h('div', { class: 'figure' }, money(f.budget)), h('div', { class: 'muted' }, `P(over) ${probability(f.probability_over_budget)}; runs out ${f.projected_exhaustion_date || 'not in this period'}`)),
        h('div', { class: 'card stat' }, h('div', { class: 'muted' }, 'Method'), h('div', {}, f.method || '—'), h('div', { class: 'muted' }, `${f.history_days ?? '—'} days of history; backtest MAPE ${mapeText(f.backtest_mape)}, coverage ${fractionPercent(f.interval_coverage)}`))),
      s.labels.length ? h('div', { class: 'grid2' }, forecastChart(f), lineChart(`Per day: actual, forecast and 80% band (${scopeName(f)})`, s.labels.map((d) => d.slice(5)), [
          { label: 'Actual', data: s.actual, color: '#3b6fd4', bar: true },
          { label: 'Forecast', data: s.forecast, color: '#2c5fc4', dash: [4, 3] },
          { label: '80% band, low', data: s.low, color: 'rgba(59, 111, 212, 0.4)', thin: true, noLegend: true },
          { label: '80% band, high', data: s.high, color: 'rgba(59, 111, 212, 0.4)', fill: '-1' },
        ], { summary: `forecast ${money(f.forecasted_cost)}, ${band}` }))
        : empty('No daily figures for this forecast.'),
    );
    await section(detail, async () => {
      const r = await get('api/v1/reports/forecast/history', { scope_type: f.scope_type, scope_id: f.scope_id });
      const pts = (r.points || []).slice().sort((a, b) => (a.date < b.date ? -1 : 1));
      if (!pts.length) return empty('No stored daily forecasts for this scope yet.');
      return lineChart(`Each day: the latest forecast made for it, its band and the actual (${scopeName(f)})`, pts.map((p) => p.date.slice(5)), [
        { label: 'Forecast', data: pts.map((p) => p.forecast), color: '#2c5fc4', points: true },
        { label: 'Band, low', data: pts.map((p) => p.low), color: 'rgba(59, 111, 212, 0.4)', thin: true, noLegend: true },
        { label: 'Band, high', data: pts.map((p) => p.high), color: 'rgba(59, 111, 212, 0.4)', fill: '-1' },
        { label: 'Actual', data: pts.map((p) => p.actual ?? null), color: '#2e8540', points: true },
      ], { summary: `${pts.length} days` });
    });
  };

  const generate = async (button) => {
    feedback.replaceChildren();
    button.disabled = true;
    try {
      await post('api/v1/reports/forecast/generate', {});
      notify('Forecasts generated');
      await load();
    } catch (e) {
      feedback.replaceChildren(errorBox(e));
    } finally {
      button.disabled = false;
    }
  };

  horizon.addEventListener('change', render);
  scopeType.addEventListener('change', render);
  const gen = h('button', { type: 'button', onclick: () => generate(gen) }, 'Generate now');
  page.append(h('div', { class: 'toolbar' }, field('Horizon', horizon), field('Scope', scopeType), gen), feedback, list, detail);
  await load();
}

/** Spend so far this period, the forecast to its end with its 80% band, and the budget line. */
export function forecastChart(f) {
  const c = cumulativeForecast(f);
  return lineChart(`Spend to date and forecast to ${f.period_end}`, c.labels.map((d) => d.slice(5)), [
    { label: 'Spend to date', data: c.actual, color: '#3b6fd4', points: true },
    { label: 'Forecast', data: c.forecast, color: '#2c5fc4', dash: [4, 3] },
    { label: '80% band, low', data: c.low, color: 'rgba(59, 111, 212, 0.4)', thin: true, noLegend: true },
    { label: '80% band, high', data: c.high, color: 'rgba(59, 111, 212, 0.4)', fill: '-1' },
  ], { budget: c.budget, summary: `forecast ${money(f.forecasted_cost)} (80%: ${money(f.confidence_low)} – ${money(f.confidence_high)}), budget ${money(f.budget)}` });
}

/** "budget window (7d)" for a budget window (a day, a week or a month), "next month" otherwise. */
function horizonName(f) {
  const name = f.horizon.replace('_', ' ');
  return f.horizon === 'budget_window' && f.budget_duration ? `${name} (${f.budget_duration})` : name;
}
