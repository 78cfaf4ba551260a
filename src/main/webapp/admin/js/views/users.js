// "Why does X have access to Y": find a user, then see every role they hold in every project,
// each path to it (binding on a group or on a company) and since when, what a full licence pool
// keeps from them, and the grants and revocations that led there.
import * as api from '../api.js';
import { h, table, time, badge, errorBox, notAvailable, replace, loading } from '../dom.js';
import { rolesList } from './access.js';

export function render(view, { id, query }, ctx) {
  return id ? detail(view, id, query.get('project') || '', ctx) : search(view, query, ctx);
}

async function search(view, query, ctx) {
  ctx.setTitle('Users and access');
  const q = query.get('q') || '';
  const companyKey0 = query.get('company') || '';
  const input = h('input', { id: 'user-search', name: 'q', type: 'search', value: q, autocomplete: 'off',
    spellcheck: 'false', 'aria-describedby': 'user-search-hint' });
  const company = h('select', { id: 'user-company', name: 'company' }, h('option', { value: '' }, 'Any company'));
  const form = h('form', { role: 'search', class: 'inline-form', 'aria-label': 'Find a user' },
    h('div', { class: 'field' },
      h('label', { for: 'user-search' }, 'User'),
      input,
      h('p', { id: 'user-search-hint', class: 'hint' }, 'A user id, or the start of a user name or email.')),
    h('div', { class: 'field' }, h('label', { for: 'user-company' }, 'Company'), company),
    h('button', { type: 'submit' }, 'Search'));
  const results = h('div', { id: 'user-results' });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = input.value.trim();
    const params = new URLSearchParams();
    if (value) params.set('q', value);
    if (company.value) params.set('company', company.value);
    // The search goes in the page's hash (never the token), so Back returns to the results.
    ctx.go('#/users' + (params.toString() ? '?' + params : ''));
  });
  replace(view, h('h1', null, 'Users and access'),
    h('p', { class: 'lede' }, 'Find a user by name, email or company to see why they have access to each project: every role, every binding that grants it, since when.'),
    form, results);
  api.get('companies').then((list) => {
    company.append(...list.map((c) => h('option', { value: c.key, selected: c.key === companyKey0 }, `${c.name} (${c.key})`)));
  }, () => { /* the search by name still works */ });
  if (companyKey0) { await byCompany(results, companyKey0, q, ctx); return; }
  if (!q) return;
  replace(results, loading('users'));
  try {
    const answer = await api.get('users', { search: q, limit: 50 });
    const items = answer.items || [];
    replace(results, table({
      id: 'user-results-table',
      caption: `${items.length} user${items.length === 1 ? '' : 's'} matching \u201c${q}\u201d${items.length === 50 ? ' (first 50)' : ''}`,
      empty: `No user matches \u201c${q}\u201d.`,
      columns: [
        { label: 'User name', cell: (u) => h('a', { href: `#/users/${encodeURIComponent(u.id)}` }, u.userName) },
        { label: 'Display name', cell: (u) => u.displayName || '' },
        { label: 'Directory', cell: (u) => h('a', { href: `#/directories/${u.directoryId}` }, String(u.directoryId)) },
        { label: 'Company', cell: (u) => u.company
          ? h('a', { href: `#/companies/${encodeURIComponent(companyKey(u.company))}` }, companyLabel(u.company)) : '–' },
        { label: 'Active', cell: (u) => u.active ? 'yes' : badge('inactive', 'off') },
      ],
      rows: items,
    }));
    ctx.announce(`${items.length} user${items.length === 1 ? '' : 's'} found.`);
  } catch (e) {
    if (e.status === 401) return;
    if (!e.notAvailable) { replace(results, errorBox(e, 'users')); return; }
    replace(results, notAvailable('searching users by name.'), byId(ctx));
  }
}

/** The members of a company, optionally only those whose name or email starts with `q`. */
async function byCompany(results, key, q, ctx) {
  replace(results, loading('members'));
  try {
    const c = await api.get(`companies/${encodeURIComponent(key)}`, { limit: 1000 });
    const t = q.toLowerCase();
    const items = (c.members || []).filter((m) => !t || m.userName.toLowerCase().startsWith(t) || m.userId === q);
    replace(results, table({
      id: 'user-results-table',
      caption: `${items.length} member${items.length === 1 ? '' : 's'} of ${c.name}${q ? ` matching \u201c${q}\u201d` : ''}${c.memberCount > (c.members || []).length ? ` (among the first ${(c.members || []).length} of ${c.memberCount})` : ''}`,
      empty: `No member of ${c.name} matches.`,
      columns: [
        { label: 'User name', cell: (m) => h('a', { href: `#/users/${encodeURIComponent(m.userId)}` }, m.userName) },
        { label: 'Directory', cell: (m) => h('a', { href: `#/directories/${m.directoryId}` }, String(m.directoryId)) },
        { label: 'Company', cell: () => h('a', { href: `#/companies/${encodeURIComponent(c.key)}` }, c.name) },
        { label: 'Why a member', cell: (m) => m.reason || '' },
        { label: 'Active', cell: (m) => m.active ? 'yes' : badge('inactive', 'off') },
      ],
      rows: items,
    }));
    ctx.announce(`${items.length} user${items.length === 1 ? '' : 's'} found.`);
  } catch (e) {
    if (e.status !== 401) replace(results, errorBox(e, 'the company\u2019s members'));
  }
}

// The search answer names the company as a key, or as {key,name}; show either.
function companyKey(c) { return typeof c === 'string' ? c : c.key; }
function companyLabel(c) { return typeof c === 'string' ? c : (c.name || c.key); }

/** Without search, a user can still be opened by the SCIM id the IdP shows. */
function byId(ctx) {
  const input = h('input', { id: 'user-id', autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'inline-form', 'aria-label': 'Open a user by id' },
    h('div', { class: 'field' }, h('label', { for: 'user-id' }, 'User id (SCIM id)'), input),
    h('button', { type: 'submit' }, 'Open'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value.trim()) ctx.go('#/users/' + encodeURIComponent(input.value.trim()));
  });
  return form;
}

async function detail(view, id, project, ctx) {
  const uid = encodeURIComponent(id);
  replace(view, h('p', { class: 'crumbs' }, h('a', { href: '#/users' }, 'Users and access')), h('h1', null, 'User'), loading('access'));
  let access; let projects;
  try {
    [access, projects] = await Promise.all([api.get(`users/${uid}/access`), api.get('projects')]);
  } catch (e) {
    if (e.status !== 401) replace(view, h('h1', null, 'User'), errorBox(e, 'the user\u2019s access'));
    return;
  }
  ctx.setTitle(access.userName);
  const entries = access.entries || [];
  const leftOut = access.leftOut || [];

  const select = h('select', { id: 'why-project', name: 'project' },
    h('option', { value: '' }, 'Choose a project'),
    projects.map((p) => h('option', { value: p.key, selected: p.key === project }, `${p.name} (${p.key})`)));
  const whyAnswer = h('div', { id: 'why-answer', 'aria-live': 'polite' });
  const historyTitle = h('h2', { id: 'history-title' });
  const events = h('div', { id: 'access-history' });
  const show = (key) => {
    replace(whyAnswer, key ? answer(access, key) : null);
    historyTitle.textContent = key ? `History in ${key}` : 'History';
    return loadHistory(events, id, key);
  };
  // Answer in place (keyboard users stay on the list); the address keeps the choice for Back and links.
  select.addEventListener('change', () => {
    history.replaceState(null, '', `#/users/${uid}` + (select.value ? '?project=' + encodeURIComponent(select.value) : ''));
    show(select.value);
  });

  replace(view,
    h('p', { class: 'crumbs' }, h('a', { href: '#/users' }, 'Users and access')),
    h('h1', null, access.userName),
    h('p', null, access.active ? 'Active user.' : [badge('inactive', 'off'), ' An inactive user holds no access.'],
      ' ', h('span', { class: 'muted' }, 'Id ', h('code', null, access.userId))),
    h('section', { class: 'card', 'aria-labelledby': 'why-title' },
      h('h2', { id: 'why-title' }, 'Why does this user have access?'),
      h('div', { class: 'field' }, h('label', { for: 'why-project' }, 'Project'), select),
      whyAnswer),
    h('section', { 'aria-labelledby': 'all-title' },
      h('h2', { id: 'all-title' }, 'Access in every project'),
      table({
        id: 'user-access',
        caption: 'Each role this user holds and every path to it',
        empty: 'This user has no access to any project.',
        columns: [
          { label: 'Project', cell: (e) => h('a', { href: `#/projects/${encodeURIComponent(e.project)}` }, e.project) },
          { label: 'Roles and why', cell: (e) => rolesList(e.roles) },
        ],
        rows: entries,
      })),
    leftOut.length ? h('section', { 'aria-labelledby': 'left-out-title' },
      h('h2', { id: 'left-out-title' }, 'Left out: licence pool full'),
      table({
        id: 'user-left-out',
        caption: 'Roles a binding would grant, but the licence pool has no free seat',
        columns: [
          { label: 'Project', cell: (e) => e.project },
          { label: 'Roles and bindings waiting', cell: (e) => rolesList(e.roles) },
        ],
        rows: leftOut,
      })) : null,
    h('section', { 'aria-labelledby': 'history-title' }, historyTitle, events));
  show(project); // the history loads in the background
}

/** Grants and revocations of one user (in one project, if given), newest first. */
async function loadHistory(events, id, project) {
  replace(events, loading('history'));
  try {
    const list = await api.get('access-events', { user: id, project, limit: 50 });
    replace(events, table({
      id: 'user-events',
      rowHeader: false,
      caption: 'Grants and revocations, with the call that caused each (latest 50)',
      empty: 'No grants or revocations recorded.',
      columns: [
        { label: 'When', cell: (e) => time(e.at) },
        { label: 'What', cell: (e) => badge(e.kind.replace('_', ' '), { granted: 'ok', revoked: 'off' }[e.kind] || 'warn') },
        { label: 'Project', cell: (e) => e.project },
        { label: 'Role', cell: (e) => e.role },
        { label: 'Via', cell: (e) => `${e.viaType} ${e.via}` },
        { label: 'Caused by', cell: (e) => h('code', null, e.cause || '') },
      ],
      rows: list,
    }));
  } catch (e) {
    if (e.status !== 401) replace(events, errorBox(e, 'the history'));
  }
}

/** One plain sentence, then the paths. */
function answer(access, project) {
  const entry = (access.entries || []).find((e) => e.project === project);
  const waiting = (access.leftOut || []).find((e) => e.project === project);
  const out = [];
  if (entry && entry.roles.length) {
    out.push(h('p', { class: 'answer yes' }, h('strong', null, `${access.userName} has access to ${project}`),
      ` as ${entry.roles.map((r) => r.role).join(' and ')}:`));
    out.push(rolesList(entry.roles));
  } else {
    out.push(h('p', { class: 'answer no' }, h('strong', null, `${access.userName} has no access to ${project}.`),
      access.active ? ' No binding of this project reaches one of their groups or their company.' : ' The user is inactive.'));
  }
  if (waiting) {
    out.push(h('p', null, 'Left out because a licence pool is full:'), rolesList(waiting.roles));
  }
  return out;
}
