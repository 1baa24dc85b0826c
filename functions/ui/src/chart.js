// chart.js, registered with only the parts the dashboard draws (keeps the first page small).
import { Chart, BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend, LineController, LineElement, PointElement } from 'chart.js';
import { money } from './format.js';
import { h } from './ui.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend, LineController, LineElement, PointElement);

/** A bar chart of [label, dollars] pairs (labels YYYY-MM-DD shown as MM-DD unless dates: false), with a text alternative. */
export function spendChart(title, points, { line, dates = true } = {}) {
  const canvas = h('canvas', { role: 'img', 'aria-label': `${title}: ${points.length} values, total ${money(points.reduce((s, p) => s + p[1], 0))}` });
  const wrap = h('figure', { class: 'chart card' }, h('figcaption', {}, title), h('div', { class: 'chart-box' }, canvas));
  const datasets = [{ type: 'bar', label: 'Spend (USD)', data: points.map((p) => p[1]), backgroundColor: '#3b6fd4' }];
  if (line) datasets.push({ type: 'line', label: line.label, data: points.map(() => line.value), borderColor: '#c0392b', pointRadius: 0, borderDash: [6, 4] });
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
