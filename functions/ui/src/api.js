// The gateway's API, called with the dashboard session token (never the key: it is exchanged at
// sign-in and dropped). The token lives in this tab's memory and sessionStorage, which the browser
// clears when the tab closes (docs/decisions.md, "Dashboard sessions").
const STORE = 'tollgate.session';

/** The API's root: the page is at <root>ui/ or <root>ui, also under API Gateway's stage prefix (/prod/ui/). */
export function apiRoot() {
  const path = location.pathname;
  const at = path.search(/\/ui(\/[^/]*)?$/);
  return at >= 0 ? path.slice(0, at + 1) : '/';
}

export class ApiError extends Error {
  constructor(status, message, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let session = null;
try {
  session = JSON.parse(sessionStorage.getItem(STORE) || 'null');
} catch {
  session = null;
}
const listeners = new Set();
/** path → Promise of true / false / null: what {@link available} found in this session. */
const availability = new Map();

export function currentSession() {
  if (session && Date.parse(session.expires_at) <= Date.now()) {
    setSession(null);
  }
  return session;
}

export function onSessionChange(fn) {
  listeners.add(fn);
}

function setSession(value, reason) {
  session = value;
  availability.clear();
  if (value) sessionStorage.setItem(STORE, JSON.stringify(value));
  else sessionStorage.removeItem(STORE);
  listeners.forEach((fn) => fn(value, reason));
}

export async function signIn(apiKey) {
  const answer = await request('POST', 'auth/login', { body: { api_key: apiKey }, anonymous: true });
  setSession(answer);
  return answer;
}

export async function signOut(reason) {
  const old = session;
  setSession(null, reason);
  if (old) {
    try {
      await fetch(apiRoot() + 'auth/logout', { method: 'POST', headers: { Authorization: 'Bearer ' + old.token } });
    } catch {
      // signing out is forgetting the token; the call only tells the server
    }
  }
}

export const isAdmin = () => currentSession()?.role === 'admin';

/** GET with query parameters; blanks are left out. */
export function get(path, query) {
  return request('GET', path, { query });
}

/**
 * One page of a paged list ({data, total, page, page_size, total_pages}); a page past the end (its last item
 * deleted, a stale page number) is read again as the last page. The answer's page is the one shown.
 */
export async function getPage(path, page, pageSize) {
  const r = await get(path, { page, page_size: pageSize });
  if (!(r.data || []).length && page > 1 && r.total_pages >= 1) {
    return get(path, { page: r.total_pages, page_size: pageSize });
  }
  return r;
}

export function post(path, body) {
  return request('POST', path, { body });
}

/**
 * Whether an optional API answers (a 404 means it is not deployed here): asked once per session and path, so pages
 * may ask on every render. A network failure is not remembered; the next render asks again.
 */
export function available(path) {
  let known = availability.get(path);
  if (!known) {
    known = probe(path);
    availability.set(path, known);
    known.then((answer) => {
      if (answer === null && availability.get(path) === known) availability.delete(path);
    });
  }
  return known.then((answer) => answer === true);
}

/** True when the path answers (any status but 404), false on a 404, null when the server could not be reached. */
async function probe(path) {
  try {
    await get(path);
    return true;
  } catch (e) {
    if (e.status === 404) return false;
    return e.status === undefined || e.status === 0 ? null : true;
  }
}

export async function request(method, path, { query, body, anonymous, raw } = {}) {
  const url = new URL(apiRoot() + path, location.origin);
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  }
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (!anonymous) {
    const s = currentSession();
    if (!s) throw new ApiError(401, 'Your session has ended; sign in again.');
    headers.Authorization = 'Bearer ' + s.token;
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'The gateway could not be reached: ' + e.message);
  }
  if (raw && response.ok) return response;
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const message = data?.error?.message || data?.message || `${response.status} ${response.statusText}`;
    const error = new ApiError(response.status, message, data?.error?.code);
    if (response.status === 401 && !anonymous) signOut(message);
    throw error;
  }
  return data;
}
