// Recent spend-log lines (GET /spend/logs: the master key sees all, a virtual key its own), read page
// by page, and what the Overview makes of them until the analytics reports are deployed.
import { get } from './api.js';
import { localDay } from './format.js';

export async function recentLogs(query, maxPages = 10) {
  const lines = [];
  let cursor = null;
  for (let i = 0; i < maxPages; i++) {
    const page = await get('spend/logs', { ...query, limit: 1000, cursor });
    lines.push(...(page.data || []));
    cursor = page.next_cursor;
    if (!cursor) return { lines, complete: true };
  }
  return { lines, complete: false };
}

/** Start of today, of this week (Monday) and of this month, in the viewer's zone. */
export function periodStarts(now = new Date()) {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const week = new Date(today);
  week.setDate(today.getDate() - ((today.getDay() + 6) % 7));
  const month = new Date(now.getFullYear(), now.getMonth(), 1);
  const thirty = new Date(today);
  thirty.setDate(today.getDate() - 29);
  return { today, week, month, thirty };
}

/** Totals for today / week / month, spend per model, and a 30-day daily series. */
export function summarize(lines, now = new Date()) {
  const p = periodStarts(now);
  const totals = { today: 0, week: 0, month: 0, requests: 0, savedMonth: 0, hitsMonth: 0 };
  const models = new Map();
  const days = new Map();
  for (let i = 0; i < 30; i++) {
    const d = new Date(p.thirty);
    d.setDate(p.thirty.getDate() + i);
    days.set(localDay(d), 0);
  }
  for (const l of lines) {
    const t = new Date(l.start_time);
    const cost = Number(l.cost || 0);
    if (t >= p.month) totals.month += cost;
    if (t >= p.week) totals.week += cost;
    if (t >= p.today) totals.today += cost;
    if (t >= p.month) {
      totals.requests += 1;
      if (l.cache_hit) {
        totals.hitsMonth += 1;
        totals.savedMonth += Number(l.saved_cost || 0);
      }
      const m = models.get(l.model || l.requested_model) || { model: l.model || l.requested_model, spend: 0, requests: 0, tokens: 0 };
      m.spend += cost;
      m.requests += 1;
      m.tokens += Number(l.total_tokens || 0);
      models.set(m.model, m);
    }
    const day = localDay(t);
    if (days.has(day)) days.set(day, days.get(day) + cost);
  }
  const top = [...models.values()].sort((a, b) => b.spend - a.spend).slice(0, 5);
  return { totals, top, days: [...days.entries()] };
}
