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

const sections = { directories, companies, rules, projects, users, audit, exports };

const $ = (id) => document.getElementById(id);
let cleanup = null;
let announceTimer = null;

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
  $('view').hidden = true;
  $('nav').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message || '';
  document.title = 'Sign in · Gangway admin';
  $('token').focus();
}

function stopView() {
  if (cleanup) { try { cleanup(); } catch { /* a view's cleanup must not block navigation */ } }
  cleanup = null;
}

async function route() {
  if (!api.token()) { showSignIn(); return; }
  stopView();
  const { section, id, query } = parseHash();
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
  api.signOut();
  showSignIn('The server no longer accepts this token. Sign in again.');
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
    announce('Signed in.');
    if (!location.hash || location.hash === '#') location.hash = '#/directories';
    await route();
  } catch (e) {
    error.textContent = e.message;
  } finally {
    button.disabled = false;
  }
});

$('sign-out').addEventListener('click', () => {
  api.signOut();
  $('token').value = '';
  showSignIn('');
  announce('Signed out.');
});

window.addEventListener('hashchange', route);
route();
