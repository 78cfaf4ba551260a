// The admin API client. Two ways in: a person signed in through the company's IdP holds an
// HttpOnly session cookie (the page never sees it) and sends the session's CSRF token with every
// change; an admin or personal API token lives in sessionStorage only (this tab, until sign-out or
// the tab closes), travels only in the Authorization header, and is never put in a URL or logged.

const KEY = 'gangway.adminToken';
const BASE = new URL('api/', new URL('./', document.baseURI)).pathname; // /admin/api/ wherever the WAR sits

export function token() { return sessionStorage.getItem(KEY); }
export function signIn(value) { sessionStorage.setItem(KEY, value); }
export function signOut() { sessionStorage.removeItem(KEY); csrf = null; }

/** The CSRF token of a browser session (kept in memory only), when signed in through the IdP. */
let csrf = null;
const SAFE = new Set(['GET', 'HEAD']);

/** An answer other than 2xx: status, and the problem+json title and detail when there is one. */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
  /** The call does not exist on this server (an older build, or a feature not landed yet). */
  get notAvailable() { return this.status === 404 || this.status === 405 || this.status === 501; }
}

let onUnauthorized = () => {};
/** Called when the server refuses the token (401): the app signs out and asks again. */
export function whenUnauthorized(handler) { onUnauthorized = handler; }

function url(path, params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') query.set(k, v);
  }
  const q = query.toString();
  return BASE + path.replace(/^\//, '') + (q ? '?' + q : '');
}

async function request(method, path, { params, body, tokenOverride, accept = 'application/json' } = {}) {
  const t = tokenOverride ?? token();
  const headers = { Accept: accept };
  if (t) headers.Authorization = 'Bearer ' + t;
  else if (csrf && !SAFE.has(method)) headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url(path, params), {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: t ? 'omit' : 'same-origin', referrerPolicy: 'no-referrer',
    });
  } catch (e) {
    throw new ApiError(0, 'Gangway did not answer', 'check that the server is running and reachable');
  }
  if (response.ok) return response;
  let title = response.statusText || 'HTTP ' + response.status;
  let detail;
  try {
    const problem = await response.json();
    title = problem.title || title;
    detail = problem.detail;
  } catch { /* not problem+json */ }
  const error = new ApiError(response.status, title, detail);
  if (response.status === 401 && tokenOverride === undefined) onUnauthorized(error);
  throw error;
}

export async function get(path, params) {
  const r = await request('GET', path, { params });
  return r.status === 204 ? null : r.json();
}

export async function post(path, body) {
  const r = await request('POST', path, { body });
  return r.status === 204 ? null : r.json();
}

export async function patch(path, body) {
  const r = await request('PATCH', path, { body });
  return r.status === 204 ? null : r.json();
}

export async function put(path, body) {
  const r = await request('PUT', path, { body });
  return r.status === 204 ? null : r.json();
}

export async function del(path) {
  const r = await request('DELETE', path);
  return r.status === 204 ? null : r.json();
}

/**
 * Who is signed in — {method, role, actor, may:{change,audit,export}, csrfToken?} — with the token
 * of this tab, or else with the session cookie; null when neither is accepted.
 */
export async function session() {
  try {
    const me = await (await request('GET', 'session', { tokenOverride: token() || '' })).json();
    if (me.csrfToken) csrf = me.csrfToken;
    return me;
  } catch (e) {
    if (e.status === 401) return null;
    throw e;
  }
}

/** Ends the browser session at Gangway; answers {endSession?} (the IdP's sign-out address). */
export async function endSession() {
  const r = await request('DELETE', 'session', { tokenOverride: '' });
  csrf = null;
  return r.json();
}

/** Which ways in this server offers: {oidc, breakGlass}. */
export async function signInOptions() {
  try {
    const r = await fetch(new URL('auth/config', new URL('./', document.baseURI)).pathname,
      { cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' });
    return r.ok ? await r.json() : { oidc: false, breakGlass: true };
  } catch {
    return { oidc: false, breakGlass: true };
  }
}

/** Checks a token without keeping it: true when the admin API accepts it. */
export async function accepts(candidate) {
  try {
    await request('GET', 'directories', { tokenOverride: candidate });
    return true;
  } catch (e) {
    if (e.status === 401) return false;
    throw e;
  }
}

/**
 * Downloads an export. The call needs the bearer header, so a plain link cannot do it: fetch the
 * body, then hand it to the browser as a Blob link. Returns the file name and size.
 */
export async function download(path, params, fallbackName) {
  const r = await request('GET', path, { params, accept: '*/*' });
  const blob = await r.blob();
  const disposition = r.headers.get('Content-Disposition') || '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
  return { name, size: blob.size };
}
