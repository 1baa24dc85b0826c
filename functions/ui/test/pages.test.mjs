// Unit tests of the Chargeback, SLA monitor, Forecasts and Overview pages' pure logic (src/model.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ruleBody, reportActions, monthOf, slaBody, fractionPercent, mapeText, ms, metricValue, failoverBody, thresholdText,
  forecastSeries, probability, scopeName, sortForecasts, cumulativeForecast,
} from '../src/model.js';

test('ruleBody: a team rule; metadata parsed; the other scope cleared on an edit only', () => {
  const v = { name: 'ml research', scope: 'team', scope_id: 'ml', allocation_type: 'cost_center', allocation_target: 'CC-1', allocation_percent: '33.333333', metadata: '{"company_code":"1000"}' };
  assert.deepEqual(ruleBody(v), { name: 'ml research', team_id: 'ml', allocation_type: 'cost_center', allocation_target: 'CC-1', allocation_percent: 33.333333, metadata: { company_code: '1000' } });
  const edit = ruleBody({ ...v, scope: 'tag', scope_id: 'batch', metadata: '' }, true);
  assert.equal(edit.tag, 'batch');
  assert.equal(edit.team_id, null); // moving a rule from a team to a tag: exactly one of them
  assert.deepEqual(edit.metadata, {}); // a cleared metadata box clears it
  assert.throws(() => ruleBody({ ...v, metadata: '{not json' }), /'metadata' must be JSON/);
});

test('reportActions: a draft can be regenerated and finalized, not exported; finalized and exported only exported', () => {
  assert.deepEqual(reportActions('draft'), { regenerate: true, finalize: true, exportable: false });
  assert.deepEqual(reportActions('finalized'), { regenerate: false, finalize: false, exportable: true });
  assert.deepEqual(reportActions('exported'), { regenerate: false, finalize: false, exportable: true });
  assert.equal(monthOf(new Date(2026, 0, 31, 23, 30)), '2026-01'); // the viewer's month, not UTC's
});

test('slaBody: percents typed, fractions sent; blank targets left out on create, null (removed) on edit', () => {
  const v = { name: 'fast', provider: '', model_pattern: 'gpt-4o*', evaluation_window_minutes: '15', target_p50_ms: '', target_p95_ms: '2000', target_p99_ms: '', target_error_rate: '1', target_availability: '99.9' };
  assert.deepEqual(slaBody(v), { name: 'fast', model_pattern: 'gpt-4o*', evaluation_window_minutes: 15, target_p95_ms: 2000, target_error_rate: 0.01, target_availability: 0.999 });
  const e = slaBody(v, true);
  assert.equal(e.target_p50_ms, null);
  assert.equal(e.provider, null); // any provider
  assert.equal(e.target_error_rate, 0.01);
});

test('SLA figures: fractions as percents, milliseconds, a metric in its own unit', () => {
  assert.equal(fractionPercent(0.0123), '1.23%');
  assert.equal(fractionPercent(0.999), '99.9%');
  assert.equal(fractionPercent(null), '—');
  // backtest_mape comes in percent already (Forecaster: 100 × mean |error| / actual), so 4.21 is 4.2%, not 421%
  assert.equal(mapeText(4.21), '4.2%');
  assert.equal(mapeText(12), '12%');
  assert.equal(mapeText(null), '—');
  assert.equal(ms(850.4), '850 ms');
  assert.equal(ms(1250), '1.25 s');
  assert.equal(metricValue('error_rate', 0.05), '5%');
  assert.equal(metricValue('latency_p95_ms', 2400), '2.4 s');
});

test('failoverBody and thresholdText: the contract of /api/v1/sla/failover-rules', () => {
  assert.deepEqual(failoverBody({ primary_model: 'a', fallback_model: 'b', trigger_condition: 'sla_violation', trigger_threshold: '', cooldown_minutes: '10' }),
    { primary_model: 'a', fallback_model: 'b', trigger_condition: 'sla_violation', cooldown_minutes: 10 });
  assert.equal(thresholdText('error_rate', 0.05), '5%');
  assert.equal(thresholdText('latency_p95', 3000), '3 s');
  assert.equal(thresholdText('sla_violation', null), '—');
});

const forecast = {
  scope_type: 'team', scope_id: 'ml', horizon: 'budget_window', period_start: '2026-12-01', period_end: '2026-12-05',
  forecasted_cost: 10, confidence_low: 8, confidence_high: 13, budget: 12, probability_over_budget: 0.3,
  daily: [
    { date: '2026-12-03', actual: null, forecast: 2, low: 1, high: 3 },
    { date: '2026-12-01', actual: 2, forecast: null, low: null, high: null },
    { date: '2026-12-02', actual: 2, forecast: null, low: null, high: null },
    { date: '2026-12-04', actual: null, forecast: 2, low: 1, high: 3 },
    { date: '2026-12-05', actual: null, forecast: 2, low: 1, high: 3 },
  ],
};

test('forecastSeries: days in order, actuals and forecast apart, the budget as a number', () => {
  const s = forecastSeries(forecast);
  assert.deepEqual(s.labels, ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05']);
  assert.deepEqual(s.actual, [2, 2, null, null, null]);
  assert.deepEqual(s.forecast, [null, null, 2, 2, 2]);
  assert.equal(s.budget, 12);
});

test('cumulativeForecast: running actuals, then the forecast ending at forecasted_cost and the band at the period band', () => {
  // actuals 2 + 2 = 4 by the 2nd; three forecast days of 2 each = 6 → 4 + 6 = 10 = forecasted_cost
  const c = cumulativeForecast(forecast);
  assert.deepEqual(c.actual, [2, 4, null, null, null]);
  assert.deepEqual(c.forecast, [null, 4, 6, 8, 10]);
  // band: 2 below and 3 above at the end, a third of it per forecast day
  assert.deepEqual(c.low, [null, 4, 5.333333, 6.666667, 8]);
  assert.deepEqual(c.high, [null, 4, 7, 10, 13]);
  assert.equal(c.budget, 12);
});

test('probability, scope names and the order of forecasts', () => {
  assert.equal(probability(0.004), '<1%');
  assert.equal(probability(0.995), '>99%');
  assert.equal(probability(0.3), '30%');
  assert.equal(probability(null), '—');
  assert.equal(scopeName(forecast), 'team ml');
  assert.equal(scopeName({ scope_type: 'global', scope_id: null }), 'global');
  const sorted = sortForecasts([{ scope_id: 'a', probability_over_budget: 0.1, forecasted_cost: 5 }, { scope_id: 'b', probability_over_budget: null, forecasted_cost: 50 }, { scope_id: 'c', probability_over_budget: 0.9, forecasted_cost: 1 }]);
  assert.deepEqual(sorted.map((f) => f.scope_id), ['c', 'a', 'b']);
});

test('memberSummary: admins first, then by id; three names and a count of the rest', async () => {
  const { memberSummary } = await import('../src/model.js');
  assert.equal(memberSummary([]), 'none');
  assert.equal(memberSummary([{ user_id: 'bo', role: 'user' }, { user_id: 'ana', role: 'user' }, { user_id: 'zed', role: 'admin' }]), 'zed (admin), ana, bo');
  const five = ['e', 'd', 'c', 'b', 'a'].map((u) => ({ user_id: u, role: 'user' }));
  assert.equal(memberSummary(five), 'a, b, c +2 more');
});

test('budgetText: the window in words, lifetime as "in all", no budget as "none"', async () => {
  const { budgetText } = await import('../src/model.js');
  assert.equal(budgetText({ max_budget: 5, budget_duration: '1mo' }), '$5.00 a month');
  assert.equal(budgetText({ max_budget: 2, budget_duration: 'weekly' }), '$2.00 a week');
  assert.equal(budgetText({ max_budget: 1, budget_duration: null }), '$1.00 in all');
  assert.equal(budgetText({ max_budget: null }), 'none');
});

test('perMinute: two decimals for small rates, whole numbers with separators for large ones', async () => {
  const { perMinute } = await import('../src/model.js');
  assert.equal(perMinute(null), '—');
  assert.equal(perMinute(0.666667), '0.67');
  assert.equal(perMinute(80), '80');
  assert.equal(perMinute(12345.6), '12,346');
});
