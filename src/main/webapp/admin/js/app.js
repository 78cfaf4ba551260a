// The dashboard shell: sign-in and sign-out, the hash router, and the announcer for screen readers.
import * as api from './api.js';
import { replace } from './dom.js';
import * as directories from './views/directories.js';
import * as companies from './views/companies.js';
import * as projects from './views/projects.js';
import * as users from './views/users.js';
import * as exports from './views/exports.js';
import * as rules from './views/rules.js';
import * as audit from './views/audit.js';
import * as tokens from './views/tokens.js';

const sections = { directories, companies, rules, projects, users, audit, exports, tokens };

const $ = (id) => document.getElementById(id);
let cleanup = null;
let announceTimer = null;
/** Who is signed in ({method, role, actor, may}), null before sign-in. */
let me = null;

// Roles, strongest first. A control marked data-needs="admin" (a change) or "auditor" is not
// offered to a weaker role: it is removed from the page, not just disabled.
const RANK = { admin: 0, auditor: 1, viewer: 2 };
const covers = (role, needed) => RANK[role] !== undefined && RANK[role] <= (RANK[needed] ?? 0);

function prune(root) {
  if (!me) return;
  for (const el of root.querySelectorAll('[data-needs]')) {
    if (!covers(me.role, el.dataset.needs)) el.remove();
  }
}
new MutationObserver((changes) => {
  if (!me || me.role === 'admin') return;
  for (const c of changes) for (const n of c.addedNodes) {
    if (n.nodeType !== 1) continue;
    if (n.dataset.needs && !covers(me.role, n.dataset.needs)) n.remove();
    else prune(n);
  }
}).observe(document.getElementById('view'), { childList: true, subtree: true });

const SIGN_IN_ERRORS = {
  'no-role': 'Your account has no Gangway role. Ask an admin to add you to one of the groups mapped to a role.',
  refused: 'Your identity provider did not sign you in.',
  expired: 'The sign-in took too long or was started in another browser. Try again.',
  failed: 'The sign-in through your identity provider failed. Try again, or ask an admin to check the server log.',
};

/** Shows who is signed in and offers only the sections their role may open. */
function applyRole() {
  document.body.dataset.role = me.role;
  for (const li of document.querySelectorAll('#nav li')) {
    const a = li.querySelector('a');
    li.hidden = !covers(me.role, a.dataset.needs || 'viewer');
  }
  const who = me.method === 'break-glass' ? 'the admin token (break-glass)'
    : me.method === 'token' ? `API token ${me.name || ''}`.trim() : (me.email || me.name || me.subject || 'you');
  $('who').textContent = `Signed in as ${who} · role ${me.role}`;
  $('who').hidden = false;
}

/** Tells screen readers (and the visible status line of the page, if any) what just happened. */
export function announce(message) {
  const el = $('announcer');
  clearTimeout(announceTimer);
  el.textContent = '';
  announceTimer = setTimeout(() => { el.textContent = message; }, 50);
}

/** #/section/id?x=y → {section, id, query} */
function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, q] = raw.split('?');
  const [section, ...rest] = path.split('/').filter(Boolean);
  return {
    section: sections[section] ? section : 'directories',
    id: rest.length ? decodeURIComponent(rest.join('/')) : null,
    query: new URLSearchParams(q || ''),
  };
}

function showSignIn(message) {
  stopView();
  me = null;
  delete document.body.dataset.role;
  $('view').hidden = true;
  $('nav').hidden = true;
  $('sign-out').hidden = true;
  $('who').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message || '';
  document.title = 'Sign in · Gangway admin';
  if ($('oidc-sign-in-block').hidden) $('token').focus(); else $('oidc-sign-in').focus();
}

function stopView() {
  if (cleanup) { try { cleanup(); } catch { /* a view's cleanup must not block navigation */ } }
  cleanup = null;
}

async function route() {
  if (!me) { showSignIn(); return; }
  stopView();
  let { section, id, query } = parseHash();
  const link = document.querySelector(`#nav a[data-section="${section}"]`);
  if (link && link.closest('li').hidden) { section = 'directories'; id = null; }
  $('sign-in').hidden = true;
  $('nav').hidden = false;
  $('sign-out').hidden = false;
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const view = $('view');
  view.hidden = false;
  // Each visit renders into a fresh element: a slow answer for a page already left lands in a
  // detached element instead of over the page now shown.
  const page = document.createElement('div');
  replace(view, page);
  const ctx = {
    announce,
    go: (hash) => { location.hash = hash; },
    setTitle: (title) => { document.title = title + ' · Gangway admin'; },
  };
  let result;
  try {
    result = await sections[section].render(page, { id, query }, ctx);
  } catch (e) {
    if (e.status === 401) return; // handled by whenUnauthorized
    replace(page, Object.assign(document.createElement('p'), { className: 'error', textContent: e.message }));
  }
  if (!page.isConnected) { if (typeof result === 'function') result(); return; }
  cleanup = typeof result === 'function' ? result : null;
  // Move focus to the new page's heading so keyboard and screen-reader users land on it, unless
  // they already moved into the page while it loaded.
  const heading = page.querySelector('h1');
  if (heading && !page.contains(document.activeElement)) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: false });
  }
}

api.whenUnauthorized(() => {
  const wasToken = !!api.token();
  api.signOut();
  showSignIn(wasToken ? 'The server no longer accepts this token. Sign in again.'
    : 'Your session has ended. Sign in again.');
});

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = $('token');
  const value = input.value.trim();
  const error = $('sign-in-error');
  if (!value) { error.textContent = 'Enter the admin token.'; input.focus(); return; }
  error.textContent = '';
  const button = event.submitter || event.target.querySelector('button');
  button.disabled = true;
  try {
    if (!(await api.accepts(value))) {
      error.textContent = 'That token is not accepted. Check it and try again.';
      input.select();
      return;
    }
    api.signIn(value);
    input.value = '';
    me = await api.session();
    if (!me) { api.signOut(); error.textContent = 'That token is not accepted. Check it and try again.'; return; }
    applyRole();
    announce('Signed in.');
    if (!location.hash || location.hash === '#') location.hash = '#/directories';
    await route();
  } catch (e) {
    error.textContent = e.message;
  } finally {
    button.disabled = false;
  }
});

$('sign-out').addEventListener('click', async () => {
  const person = me && me.method === 'oidc';
  let idp = null;
  if (person) {
    try { idp = (await api.endSession()).endSession; } catch { /* the session is gone either way */ }
  }
  api.signOut();
  $('token').value = '';
  const offer = $('idp-sign-out');
  offer.hidden = !idp;
  if (idp) offer.querySelector('a').href = idp;
  showSignIn('');
  announce('Signed out.');
});

async function start() {
  const params = new URLSearchParams(location.search);
  const failure = params.get('sign-in-error');
  if (failure) history.replaceState(null, '', location.pathname + location.hash);
  const options = await api.signInOptions();
  $('oidc-sign-in-block').hidden = !options.oidc;
  try {
    me = await api.session();
  } catch (e) {
    me = null;
  }
  if (!me) {
    api.signOut();
    showSignIn(failure ? (SIGN_IN_ERRORS[failure] || SIGN_IN_ERRORS.failed) : '');
    return;
  }
  applyRole();
  await route();
}

window.addEventListener('hashchange', route);
start();
