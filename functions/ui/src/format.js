// Money, numbers and times as the dashboard shows them.

const usd2 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdSmall = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 6 });
const int = new Intl.NumberFormat('en-US');

/**
 * Dollars: cents from $1 up; below $1 up to six decimals (a call often costs $0.000084), so a small
 * spend never shows as $0.00. Null is an em dash.
 */
export function money(value) {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  if (!Number.isFinite(n)) return '—';
  return Math.abs(n) >= 1 || n === 0 ? usd2.format(n) : usdSmall.format(n);
}

export function count(value) {
  if (value === null || value === undefined) return '—';
  return int.format(Number(value));
}

export function percent(value) {
  return `${Math.round(Number(value) * 10) / 10}%`;
}

/** A <time> in the viewer's zone, with UTC in its title (shown on hover). */
export function timeEl(iso) {
  const el = document.createElement('time');
  if (!iso) {
    el.textContent = '—';
    return el;
  }
  const d = new Date(iso);
  el.dateTime = d.toISOString();
  el.textContent = d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  el.title = 'UTC: ' + d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return el;
}

/** YYYY-MM-DD of a Date in the viewer's zone. */
export function localDay(d) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
