// Small DOM helpers: elements, the loading / empty / error states, tables, budget bars, dialogs.
import { money, percent } from './format.js';

/** h('button', {class: 'x', onclick}, 'text', child…) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export const loading = (what = 'Loading…') => h('p', { class: 'state loading', role: 'status' }, what);
export const empty = (what) => h('p', { class: 'state empty' }, what);
export const errorBox = (e) =>
  h('div', { class: 'state error', role: 'alert' }, h('strong', {}, 'Error'), ' ', e?.message || String(e));

/** Runs load() and puts its result (or the error) in place of a loading message. */
export async function section(container, load) {
  const slot = h('div', { class: 'section-body' }, loading());
  container.append(slot);
  try {
    const content = await load();
    slot.replaceChildren(...[content].flat().filter(Boolean));
  } catch (e) {
    slot.replaceChildren(errorBox(e));
  }
  return slot;
}

/** A table; rows are arrays of cells (strings or nodes); onRow makes rows keyboard-activatable. */
export function table(caption, headers, rows, { onRow, emptyText = 'Nothing here yet.', numeric = [] } = {}) {
  if (rows.length === 0) return empty(emptyText);
  const head = h('tr', {}, headers.map((t, i) => h('th', { scope: 'col', class: numeric.includes(i) ? 'num' : null }, t)));
  const body = rows.map((cells, r) => {
    const tr = h('tr', {}, cells.map((c, i) => h('td', { class: numeric.includes(i) ? 'num' : null }, c)));
    if (onRow) {
      tr.tabIndex = 0;
      tr.classList.add('clickable');
      tr.addEventListener('click', () => onRow(r));
      tr.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          onRow(r);
        }
      });
    }
    return tr;
  });
  return h('div', { class: 'table-wrap' }, h('table', {}, h('caption', {}, caption), h('thead', {}, head), h('tbody', {}, body)));
}

/**
 * One budget window as a bar: green, yellow from the soft limit (or 80% without one), red at the hard
 * limit. data-state says which, for people and for the tests.
 */
export function budgetBar(b, softBudget) {
  const limit = Number(b.max_budget);
  const spent = Number(b.committed ?? b.spend ?? 0);
  const share = limit > 0 ? Math.min(100, (spent / limit) * 100) : 100;
  const soft = softBudget !== null && softBudget !== undefined ? Number(softBudget) : limit * 0.8;
  const state = spent >= limit ? 'critical' : spent >= soft ? 'warning' : 'ok';
  const label = `${b.budget_duration || 'lifetime'}: ${money(b.spend)} of ${money(limit)}`;
  return h(
    'div',
    { class: 'budget', dataset: { state, window: b.budget_duration || 'lifetime' } },
    h('div', { class: 'budget-label' }, h('span', {}, label), h('span', { class: 'muted' }, percent(share))),
    h('div', {
      class: 'bar',
      role: 'progressbar',
      'aria-label': label,
      'aria-valuemin': '0',
      'aria-valuemax': String(limit),
      'aria-valuenow': String(spent),
      'aria-valuetext': `${percent(share)} used (${state})`,
    }, h('div', { class: 'fill', dataset: { state }, style: null })),
  );
}

/** Sets the bar widths after insertion (inline style attributes are not used: CSP style-src 'self'). */
export function sizeBars(root) {
  root.querySelectorAll('.budget').forEach((el) => {
    const bar = el.querySelector('.bar');
    const now = Number(bar.getAttribute('aria-valuenow'));
    const max = Number(bar.getAttribute('aria-valuemax'));
    el.querySelector('.fill').style.width = `${max > 0 ? Math.min(100, (now / max) * 100) : 100}%`;
  });
}

/** A modal dialog (native <dialog>: focus is trapped, Esc closes). Resolves with the button's value. */
export function dialog(title, body, buttons = [{ label: 'Close', value: 'close' }]) {
  return new Promise((resolve) => {
    const d = h(
      'dialog',
      { class: 'modal', 'aria-labelledby': 'dialog-title' },
      h('h2', { id: 'dialog-title' }, title),
      body,
      h('div', { class: 'actions' }, buttons.map((b) => h('button', {
        type: 'button',
        class: b.class || (b.value === 'close' || b.value === 'cancel' ? 'secondary' : null),
        onclick: () => d.close(b.value),
      }, b.label))),
    );
    d.addEventListener('close', () => {
      d.remove();
      resolve(d.returnValue || 'cancel');
    });
    document.body.append(d);
    d.showModal();
  });
}

export function confirm(title, text, action = 'Confirm') {
  return dialog(title, h('p', {}, text), [
    { label: 'Cancel', value: 'cancel' },
    { label: action, value: 'ok', class: 'danger' },
  ]).then((v) => v === 'ok');
}

/** A labelled form field. */
export function field(label, input, hint) {
  const id = input.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('small', { class: 'muted' }, hint) : null);
}

export function notify(text, kind = 'info') {
  const box = document.getElementById('toast') || document.body.appendChild(h('div', { id: 'toast', role: 'status', 'aria-live': 'polite' }));
  const item = h('div', { class: `toast ${kind}` }, text);
  box.append(item);
  while (box.children.length > 3) box.firstChild.remove(); // the latest three, not a wall over the page
  setTimeout(() => item.remove(), 5000);
}

/** A labelled card with one figure (Overview). */
export const stat = (label, value, testid) => h('div', { class: 'card stat', dataset: { testid } }, h('div', { class: 'muted' }, label), h('div', { class: 'figure' }, value));

/** The soft budget applies to the window of max_budget (the key's budget_duration, lifetime when none). */
export function softFor(info, b) {
  const main = info.budget_duration || 'lifetime';
  const win = b.budget_duration || 'lifetime';
  return win === main && Number(b.max_budget) === Number(info.max_budget) ? info.soft_budget : null;
}

/** The budget bars of a record with /…/info's "budgets" (keys, teams, users). */
export function budgetBars(info) {
  if (!info?.budgets?.length) return h('span', { class: 'muted' }, 'no hard budget');
  return h('div', { class: 'budgets' }, info.budgets.map((b) => budgetBar(b, softFor(info, b))));
}

/** Saves a fetch Response as a file: the name from its Content-Disposition, else the fallback. */
export async function download(response, fallback) {
  const disposition = response.headers.get('Content-Disposition') || '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] || fallback;
  const url = URL.createObjectURL(await response.blob());
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return name;
}

/**
 * A form in a dialog, sent until the API accepts it: fields is [[key, label, input, hint?]…]; send(values)
 * calls the API; a refusal (400, 409…) is shown in the dialog with the API's message and the form stays open.
 */
export async function formDialog(title, fields, send, action = 'Save') {
  const feedback = h('div', { role: 'alert', class: 'feedback' });
  const form = h('form', { class: 'form-grid', onsubmit: (e) => e.preventDefault() }, fields.map(([, label, input, hint]) => field(label, input, hint)), feedback);
  for (;;) {
    if ((await dialog(title, form, [{ label: 'Cancel', value: 'cancel' }, { label: action, value: 'ok' }])) !== 'ok') return null;
    const values = Object.fromEntries(fields.map(([key, , input]) => [key, input.value.trim()]));
    try {
      return await send(values);
    } catch (e) {
      feedback.replaceChildren(errorBox(e));
    }
  }
}

/** A status badge: ok (green), warn (yellow), bad (red), plain otherwise. */
export const badge = (text, kind = '') => h('span', { class: `badge ${kind}`, dataset: { status: text } }, text);

/**
 * Previous / Next around "Page n of m · N things"; go(page) shows that page. The lists that page (keys in the
 * browser, teams and users through the API) share it.
 */
export function pager(label, page, pages, summary, go) {
  return h('div', { class: 'pager', role: 'navigation', 'aria-label': label },
    h('button', { type: 'button', class: 'secondary', disabled: page <= 1, onclick: () => go(page - 1) }, 'Previous'),
    h('span', {}, `Page ${page} of ${pages} · ${summary}`),
    h('button', { type: 'button', class: 'secondary', disabled: page >= pages, onclick: () => go(page + 1) }, 'Next'));
}

/** A search box that calls onSearch(text, trimmed) once typing has paused for waitMs. */
export function searchBox(attrs, onSearch, waitMs = 200) {
  const input = h('input', { type: 'search', ...attrs });
  let timer;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => onSearch(input.value.trim()), waitMs);
  });
  return input;
}
