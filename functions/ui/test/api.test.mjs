// Unit tests of src/api.js's optional-API probe, with the browser's globals stood in (location, sessionStorage,
// fetch): each path is asked once per session, a 404 means absent, a network failure is asked again.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const store = new Map();
globalThis.sessionStorage = {
  getItem: (k) => (store.has(k) ? store.get(k) : null),
  setItem: (k, v) => store.set(k, String(v)),
  removeItem: (k) => store.delete(k),
};
globalThis.location = { origin: 'http://gateway.test', pathname: '/ui/' };
const asked = [];
let answers = {};
globalThis.fetch = async (url, init) => {
  const path = new URL(url).pathname;
  asked.push(path);
  if (path === '/auth/login') {
    return new Response(JSON.stringify({ token: 't-' + asked.length, role: 'admin', expires_at: new Date(Date.now() + 3600e3).toISOString() }), { status: 200 });
  }
  const status = answers[path];
  if (status === 'down') throw new TypeError('fetch failed');
  return new Response(status === 200 ? '{}' : '{"error":{"message":"no"}}', { status: status ?? 200 });
};
const { available, signIn } = await import('../src/api.js');

test('available: asked once per session and path; 404 is absent, any other answer present', async () => {
  await signIn('sk-admin');
  answers = { '/api/v1/reports/summary': 200, '/api/v1/sla/definitions': 404, '/api/v1/budgets': 403 };
  asked.length = 0;
  assert.equal(await available('api/v1/reports/summary'), true);
  assert.equal(await available('api/v1/sla/definitions'), false);
  assert.equal(await available('api/v1/budgets'), true);
  assert.equal(await available('api/v1/reports/summary'), true);
  assert.equal(await available('api/v1/sla/definitions'), false);
  assert.deepEqual(asked, ['/api/v1/reports/summary', '/api/v1/sla/definitions', '/api/v1/budgets']);

  await signIn('sk-admin'); // a new session asks again: the deployment may have changed
  asked.length = 0;
  assert.equal(await available('api/v1/sla/definitions'), false);
  assert.deepEqual(asked, ['/api/v1/sla/definitions']);
});

test('available: a network failure is not remembered', async () => {
  await signIn('sk-admin');
  answers = { '/api/v1/reports/forecast': 'down' };
  asked.length = 0;
  assert.equal(await available('api/v1/reports/forecast'), false);
  await new Promise((r) => setTimeout(r, 0));
  answers = { '/api/v1/reports/forecast': 200 };
  assert.equal(await available('api/v1/reports/forecast'), true);
  assert.deepEqual(asked, ['/api/v1/reports/forecast', '/api/v1/reports/forecast']);
});

test('getPage: a page past the end is read again as the last page', async () => {
  const { getPage } = await import('../src/api.js');
  await signIn('sk-admin');
  const pages = [];
  globalThis.fetch = async (url) => {
    const u = new URL(url);
    const page = Number(u.searchParams.get('page'));
    pages.push(page);
    const data = page <= 2 ? [{ id: page }] : [];
    return new Response(JSON.stringify({ data, total: 2, page, page_size: 1, total_pages: 2 }), { status: 200 });
  };
  const past = await getPage('api/v1/budgets', 5, 1);
  assert.equal(past.page, 2);
  assert.deepEqual(past.data, [{ id: 2 }]);
  const first = await getPage('api/v1/budgets', 1, 1);
  assert.equal(first.page, 1);
  assert.deepEqual(pages, [5, 2, 1]);
});
