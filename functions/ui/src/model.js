// The pages' pure logic (no DOM), unit-tested in test/*.test.mjs: request bodies from form values, what a
// report's status allows, the SLA and forecast figures.

import { percent } from './format.js';

/** A form's number field: blank → undefined (left out), else the number (NaN kept so the API names the field). */
const num = (v) => (v === '' || v === undefined ? undefined : Number(v));

/**
 * An allocation rule's body from the form. scope is 'team' or 'tag'; the other one is sent as null on
 * an edit, so moving a rule from a team to a tag works (the API wants exactly one). metadata is JSON text.
 */
export function ruleBody(v, editing = false) {
  const body = {
    name: v.name,
    allocation_type: v.allocation_type,
    allocation_target: v.allocation_target,
    allocation_percent: num(v.allocation_percent),
  };
  body.team_id = v.scope === 'tag' ? (editing ? null : undefined) : v.scope_id;
  body.tag = v.scope === 'tag' ? v.scope_id : editing ? null : undefined;
  if (v.metadata) {
    try {
      body.metadata = JSON.parse(v.metadata);
    } catch {
      throw new Error("'metadata' must be JSON, e.g. {\"company_code\": \"1000\", \"gl_account\": \"6100\"}");
    }
  } else if (editing) {
    body.metadata = {};
  }
  for (const k of Object.keys(body)) if (body[k] === undefined || body[k] === '') delete body[k];
  return body;
}

/** What a chargeback report's status allows (docs/chargeback.md: draft → finalized → exported). */
export function reportActions(status) {
  const draft = status === 'draft';
  return { regenerate: draft, finalize: draft, exportable: !draft };
}

/** YYYY-MM of a Date in the viewer's zone (the month input's value). */
export function monthOf(d = new Date()) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

const SLA_TARGETS = ['target_p50_ms', 'target_p95_ms', 'target_p99_ms', 'target_error_rate', 'target_availability'];

/**
 * An SLA definition's body. Error rate and availability are typed as percents and sent as fractions
 * (1% → 0.01). On an edit a blank target is null (the API removes it); on a create it is left out.
 */
export function slaBody(v, editing = false) {
  const body = { name: v.name, provider: v.provider || (editing ? null : undefined), model_pattern: v.model_pattern, evaluation_window_minutes: num(v.evaluation_window_minutes) };
  for (const k of SLA_TARGETS) {
    const n = num(v[k]);
    const value = n === undefined ? undefined : k === 'target_error_rate' || k === 'target_availability' ? round6(n / 100) : n;
    body[k] = value === undefined ? (editing ? null : undefined) : value;
  }
  for (const k of Object.keys(body)) if (body[k] === undefined || body[k] === '') delete body[k];
  return body;
}

/** A fraction (0.0123) as a percent of up to 3 decimals ('1.23%'); null as an em dash. */
export function fractionPercent(f) {
  if (f === null || f === undefined || f === '') return '—';
  return `${round6(Number(f) * 100).toLocaleString('en-US', { maximumFractionDigits: 3 })}%`;
}

/** A forecast's backtest MAPE: the API sends it already in percent (4.21 → '4.2%'), unlike interval_coverage. */
export function mapeText(m) {
  return m === null || m === undefined || m === '' ? '—' : percent(m);
}

export const round6 = (n) => Math.round(n * 1e6) / 1e6;

/** Milliseconds as '850 ms' or '1.25 s'. */
export function ms(v) {
  if (v === null || v === undefined) return '—';
  const n = Number(v);
  return n >= 1000 ? `${(n / 1000).toLocaleString('en-US', { maximumFractionDigits: 2 })} s` : `${Math.round(n)} ms`;
}

/** A violation's observed or target value in its metric's unit. */
export function metricValue(metric, v) {
  if (v === null || v === undefined) return '—';
  return metric === 'error_rate' || metric === 'availability' ? fractionPercent(v) : ms(v);
}

/** A failover rule's body (POST/PUT /api/v1/sla/failover-rules): numbers as numbers, blanks left out. */
export function failoverBody(v) {
  const body = {
    primary_model: v.primary_model,
    fallback_model: v.fallback_model,
    trigger_condition: v.trigger_condition,
    trigger_threshold: num(v.trigger_threshold),
    cooldown_minutes: num(v.cooldown_minutes),
  };
  for (const k of Object.keys(body)) if (body[k] === undefined || body[k] === '') delete body[k];
  return body;
}

/** A failover threshold in its condition's unit: error_rate and availability are fractions, latency in ms. */
export function thresholdText(condition, t) {
  if (t === null || t === undefined) return '—';
  if (condition === 'error_rate' || condition === 'availability') return fractionPercent(t);
  if (condition === 'latency_p95') return ms(t);
  return String(t);
}

/** A forecast's scope as people read it: 'global', 'team ml'. */
export const scopeName = (f) => (f.scope_type === 'global' || !f.scope_id ? f.scope_type || 'global' : `${f.scope_type} ${f.scope_id}`);

/**
 * A forecast's daily series for a chart: labels, the actuals (null where none), the forecast and its band
 * (null on days with actuals only, except the last actual day, where the forecast starts, so the line joins).
 */
export function forecastSeries(f) {
  const days = [...(f.daily || [])].sort((a, b) => (a.date < b.date ? -1 : 1));
  const labels = days.map((d) => d.date);
  const val = (x) => (x === null || x === undefined ? null : Number(x));
  return {
    labels,
    actual: days.map((d) => val(d.actual)),
    forecast: days.map((d) => val(d.forecast)),
    low: days.map((d) => val(d.low)),
    high: days.map((d) => val(d.high)),
    budget: f.budget === null || f.budget === undefined ? null : Number(f.budget),
  };
}

/** Probability (0–1) as a whole percent, '<1%' and '>99%' at the ends. */
export function probability(p) {
  if (p === null || p === undefined) return '—';
  const n = Number(p) * 100;
  if (n > 0 && n < 1) return '<1%';
  if (n < 100 && n > 99) return '>99%';
  return `${Math.round(n)}%`;
}

/** The forecast that matters most first: highest probability over budget, then the largest forecast. */
export function sortForecasts(list) {
  return [...list].sort((a, b) => (Number(b.probability_over_budget ?? -1) - Number(a.probability_over_budget ?? -1)) || Number(b.forecasted_cost) - Number(a.forecasted_cost));
}

/**
 * A forecast as running totals over its period, for a chart against the budget: actual spend to date,
 * then the forecast carried on from it, and the 80% band widening from nothing today to the period's
 * band (confidence_low/high) at its end, in step with the forecast's own growth. (The per-day bands
 * cannot be summed: the band of a sum is narrower than the sum of the bands.)
 */
export function cumulativeForecast(f) {
  const s = forecastSeries(f);
  const n = s.labels.length;
  let last = -1; // the last day with an actual figure
  s.actual.forEach((a, i) => {
    if (a !== null) last = i;
  });
  const actual = new Array(n).fill(null);
  const forecast = new Array(n).fill(null);
  const low = new Array(n).fill(null);
  const high = new Array(n).fill(null);
  let base = 0;
  for (let i = 0; i <= last; i++) {
    base += s.actual[i] || 0;
    actual[i] = round6(base);
  }
  const ahead = s.forecast.slice(last + 1).map((v) => v || 0);
  const aheadTotal = ahead.reduce((a, b) => a + b, 0);
  const end = Number(f.forecasted_cost);
  // the forecast's days scaled so that the line ends at forecasted_cost (the period's figure)
  const scale = aheadTotal > 0 && Number.isFinite(end) && end >= base ? (end - base) / aheadTotal : 1;
  const below = f.confidence_low == null ? 0 : end - Number(f.confidence_low);
  const above = f.confidence_high == null ? 0 : Number(f.confidence_high) - end;
  if (last >= 0) {
    forecast[last] = low[last] = high[last] = actual[last];
  }
  let done = 0;
  for (let i = last + 1; i < n; i++) {
    done += ahead[i - last - 1];
    const share = aheadTotal > 0 ? done / aheadTotal : (i - last) / ahead.length;
    const point = base + done * scale;
    forecast[i] = round6(point);
    low[i] = round6(Math.max(base, point - below * share));
    high[i] = round6(point + above * share);
  }
  return { labels: s.labels, actual, forecast, low, high, budget: s.budget };
}

/** Teams page: a team's members in one cell, admins first: "ana (admin), bo, cy +2 more". */
export function memberSummary(members, shown = 3) {
  if (!members?.length) return 'none';
  const sorted = [...members].sort((a, b) => (a.role === 'admin' ? 0 : 1) - (b.role === 'admin' ? 0 : 1) || a.user_id.localeCompare(b.user_id));
  const names = sorted.slice(0, shown).map((m) => (m.role === 'admin' ? `${m.user_id} (admin)` : m.user_id));
  return names.join(', ') + (members.length > shown ? ` +${members.length - shown} more` : '');
}

const WINDOWS = { '1h': 'hour', '1d': 'day', '24h': 'day', '7d': 'week', '1mo': 'month', '30d': 'month', hourly: 'hour', daily: 'day', weekly: 'week', monthly: 'month' };

/** A record's hard budget in words: "$5.00 a month", "$1.00 in all" (lifetime), "none". */
export function budgetText(r, money = (v) => `$${Number(v).toFixed(2)}`) {
  if (r?.max_budget == null) return 'none';
  const w = WINDOWS[r.budget_duration];
  return `${money(r.max_budget)} ${w ? `a ${w}` : 'in all'}`;
}

/** A per-minute rate: "—" without one, two decimals below 10, whole numbers with separators above. */
export function perMinute(v) {
  if (v == null) return '—';
  const n = Number(v);
  return n < 10 ? n.toFixed(2) : Math.round(n).toLocaleString('en-US');
}
