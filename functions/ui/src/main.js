import './style.css';
import { available, currentSession, isAdmin, onSessionChange, signIn, signOut } from './api.js';
import { h, errorBox } from './ui.js';
import { overview } from './pages/overview.js';
import { keys } from './pages/keys.js';
import { teams } from './pages/teams.js';
import { models } from './pages/models.js';
import { logs } from './pages/logs.js';
import { alerts } from './pages/alerts.js';
import { spend } from './pages/spend.js';
import { budgets } from './pages/budgets.js';
import { chargeback } from './pages/chargeback.js';
import { sla } from './pages/sla.js';
import { forecasts } from './pages/forecasts.js';

// Pages: route → title, render, who sees it, and (for pages on APIs that may not be deployed yet)
// the endpoint whose 404 hides the page.
const PAGES = [
  { route: 'overview', title: 'Overview', render: overview },
  { route: 'spend', title: 'Spend', render: spend, admin: true, needs: 'api/v1/reports/summary' },
  { route: 'keys', title: 'Keys', render: keys },
  { route: 'teams', title: 'Teams and users', render: teams },
  { route: 'budgets', title: 'Budgets', render: budgets, admin: true, needs: 'api/v1/budgets?page_size=1' },
  { route: 'models', title: 'Models', render: models },
  { route: 'logs', title: 'Logs', render: logs },
  { route: 'alerts', title: 'Alerts', render: alerts, admin: true },
  { route: 'forecasts', title: 'Forecasts', render: forecasts, admin: true, needs: 'api/v1/reports/forecast' },
  { route: 'chargeback', title: 'Chargeback', render: chargeback, admin: true, needs: 'api/v1/chargeback/reports' },
  { route: 'sla', title: 'SLA monitor', render: sla, admin: true, needs: 'api/v1/sla/definitions' },
];

const app = document.getElementById('app');
let visible = [];

async function visiblePages() {
  const admin = isAdmin();
  const pages = PAGES.filter((p) => !p.admin || admin);
  const checks = await Promise.all(pages.map((p) => (p.needs ? available(p.needs) : true)));
  return pages.filter((_, i) => checks[i]);
}

function loginView(message) {
  const input = h('input', { id: 'api-key', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, placeholder: 'sk-…' });
  const feedback = h('div', { class: 'feedback', role: 'alert' }, message ? errorBox({ message }) : null);
  const button = h('button', { type: 'submit' }, 'Sign in');
  const form = h(
    'form',
    {
      class: 'login card',
      'aria-labelledby': 'login-title',
      onsubmit: async (ev) => {
        ev.preventDefault();
        button.disabled = true;
        feedback.replaceChildren();
        try {
          await signIn(input.value.trim());
          input.value = '';
        } catch (e) {
          feedback.replaceChildren(errorBox(e));
          input.select();
        } finally {
          button.disabled = false;
        }
      },
    },
    h('h1', { id: 'login-title' }, 'Tollgate'),
    h('p', { class: 'muted' }, 'Sign in with the master key or a virtual key. The key is exchanged for a session of 30 minutes and is not kept.'),
    h('label', { for: 'api-key' }, 'API key'),
    input,
    button,
    feedback,
  );
  app.replaceChildren(h('main', { class: 'login-page' }, form));
  input.focus();
}

function shell() {
  const s = currentSession();
  const nav = h('nav', { 'aria-label': 'Pages' }, h('ul', {}, visible.map((p) => h('li', {}, h('a', { href: `#/${p.route}`, dataset: { route: p.route } }, p.title)))));
  const who = s.role === 'admin' ? 'master key' : `key ${s.key_alias || s.key_name || ''}`;
  const header = h(
    'header',
    { class: 'top' },
    h('a', { class: 'brand', href: '#/overview' }, 'Tollgate'),
    nav,
    h('div', { class: 'who' }, h('span', { class: 'muted', 'data-testid': 'who' }, `Signed in with the ${who}`), h('button', { type: 'button', class: 'secondary', onclick: () => signOut() }, 'Sign out')),
  );
  const main = h('main', { id: 'content', tabindex: '-1' });
  app.replaceChildren(h('a', { class: 'skip', href: '#content', onclick: (e) => { e.preventDefault(); main.focus(); } }, 'Skip to content'), header, main);
  return main;
}

async function route() {
  if (!currentSession()) return loginView();
  const name = (location.hash.replace(/^#\/?/, '').split('?')[0] || 'overview').split('/')[0];
  const page = visible.find((p) => p.route === name) || visible[0];
  let main = document.getElementById('content');
  if (!main) main = shell();
  document.querySelectorAll('nav a').forEach((a) => {
    if (a.dataset.route === page.route) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  document.title = `${page.title} · Tollgate`;
  const body = h('div', { class: 'page', dataset: { page: page.route } }, h('h1', {}, page.title));
  main.replaceChildren(body);
  try {
    await page.render(body);
  } catch (e) {
    body.append(errorBox(e));
  }
  body.dataset.ready = 'true';
}

async function start(reason) {
  if (!currentSession()) {
    app.replaceChildren();
    return loginView(reason);
  }
  app.replaceChildren(h('p', { class: 'state loading', role: 'status' }, 'Loading…'));
  visible = await visiblePages();
  shell();
  await route();
}

onSessionChange((s, reason) => start(reason));
window.addEventListener('hashchange', () => route());
start();
