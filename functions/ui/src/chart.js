// chart.js, registered with only the parts the dashboard draws (keeps the first page small).
import { Chart, BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend, LineController, LineElement, PointElement, Filler } from 'chart.js';
import { money } from './format.js';
import { h } from './ui.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend, LineController, LineElement, PointElement, Filler);

/** A bar chart of [label, dollars] pairs (labels YYYY-MM-DD shown as MM-DD unless dates: false), with a text alternative. */
export function spendChart(title, points, { dates = true } = {}) {
  const canvas = h('canvas', { role: 'img', 'aria-label': `${title}: ${points.length} values, total ${money(points.reduce((s, p) => s + p[1], 0))}` });
  const wrap = h('figure', { class: 'chart card' }, h('figcaption', {}, title), h('div', { class: 'chart-box' }, canvas));
  const datasets = [{ type: 'bar', label: 'Spend (USD)', data: points.map((p) => p[1]), backgroundColor: '#3b6fd4' }];
  requestAnimationFrame(() => {
    // eslint-disable-next-line no-new
    new Chart(canvas, {
      data: { labels: points.map((p) => (dates ? p[0].slice(5) : p[0])), datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${money(c.parsed.y)}` } }, legend: { display: datasets.length > 1 } },
        scales: { y: { beginAtZero: true, ticks: { callback: (v) => money(v) } } },
      },
    });
  });
  return wrap;
}

/**
 * A line chart over labels (series: [{label, data, color, dash, fill: '-1' for a band to the previous
 * series, bar}]), values formatted by format (money by default); optional horizontal budget line.
 * The canvas has a text alternative; summary says what it shows in words.
 */
export function lineChart(title, labels, series, { format = money, budget, summary, min } = {}) {
  const canvas = h('canvas', { role: 'img', 'aria-label': `${title}: ${summary || `${labels.length} points`}` });
  const wrap = h('figure', { class: 'chart card' }, h('figcaption', {}, title), h('div', { class: 'chart-box' }, canvas));
  const datasets = series.map((s) => ({
    type: s.bar ? 'bar' : 'line',
    label: s.label,
    data: s.data,
    borderColor: s.color,
    backgroundColor: s.fill ? 'rgba(59, 111, 212, 0.15)' : s.color,
    borderDash: s.dash,
    borderWidth: s.fill || s.thin ? 1 : 2,
    pointRadius: s.points ? 2 : 0,
    fill: s.fill || false,
    spanGaps: false,
    order: s.bar ? 2 : 1,
  }));
  if (budget !== null && budget !== undefined) datasets.push({ type: 'line', label: 'Budget', data: labels.map(() => budget), borderColor: '#c0392b', borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, fill: false });
  requestAnimationFrame(() => {
    // eslint-disable-next-line no-new
    new Chart(canvas, {
      data: { labels, datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${format(c.parsed.y)}` } },
          // a band is one legend entry (its upper edge), not two
          legend: { display: datasets.length > 1, labels: { filter: (item) => !series[item.datasetIndex]?.noLegend } },
        },
        scales: { y: { beginAtZero: min === undefined, min, ticks: { callback: (v) => format(v) } } },
      },
    });
  });
  return wrap;
}
