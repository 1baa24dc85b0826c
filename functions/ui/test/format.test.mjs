// Unit tests of the page's pure functions, run by `npm test` (the Maven build runs it before packaging).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { money, localDay } from '../src/format.js';
import { summarize, periodStarts } from '../src/spendlogs.js';

test('money: cents from $1 up, up to six decimals below, so a call never shows as $0.00', () => {
  assert.equal(money(12.345), '$12.35');
  assert.equal(money(1), '$1.00');
  assert.equal(money(0), '$0.00');
  // one mock call: 10 input × $0.15/M + 18 output × $0.60/M = 0.0000015 + 0.0000108 = $0.0000123
  assert.equal(money(0.0000123), '$0.000012');
  assert.equal(money('0.000084'), '$0.000084');
  assert.equal(money(0.5), '$0.50');
  assert.equal(money(null), '—');
  assert.equal(money('x'), '—');
});

test('periodStarts: weeks start on Monday, in the viewer zone', () => {
  const p = periodStarts(new Date(2026, 11, 5, 15, 0)); // Saturday 5 December 2026
  assert.equal(localDay(p.today), '2026-12-05');
  assert.equal(localDay(p.week), '2026-11-30');
  assert.equal(localDay(p.month), '2026-12-01');
  assert.equal(localDay(p.thirty), '2026-11-06');
});

test('summarize: today, week and month totals, top models by spend, 30 daily points', () => {
  const now = new Date(2026, 11, 10, 15, 0); // Thursday: the week started on Monday 7 December
  const at = (d, h) => new Date(2026, 11, d, h).toISOString();
  const lines = [
    { start_time: at(10, 9), model: 'a', cost: 0.5, total_tokens: 10 },
    { start_time: at(1, 9), model: 'b', cost: 2, total_tokens: 20 }, // this month, before this week
    { start_time: at(8, 9), model: 'a', cost: 0.25, total_tokens: 5 },
    { start_time: new Date(2026, 10, 20).toISOString(), model: 'c', cost: 7, total_tokens: 1 }, // last month
    { start_time: at(9, 9), model: 'a', cost: 0, total_tokens: 5, cache_hit: true, saved_cost: 0.125 }, // a cache hit
  ];
  const s = summarize(lines, now);
  assert.equal(s.totals.today, 0.5);
  assert.equal(s.totals.week, 0.75);
  assert.equal(s.totals.month, 2.75);
  assert.equal(s.totals.requests, 4);
  assert.equal(s.totals.hitsMonth, 1);
  assert.equal(s.totals.savedMonth, 0.125);
  assert.deepEqual(s.top.map((m) => m.model), ['b', 'a']);
  assert.equal(s.days.length, 30);
  assert.equal(s.days.at(-1)[0], '2026-12-10');
  assert.equal(s.days.find(([d]) => d === '2026-11-20')[1], 7);
});
