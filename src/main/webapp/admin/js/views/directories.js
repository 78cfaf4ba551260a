// Directories (IdP connections): their sync health, counts and recent errors, refreshed every few
// seconds; creating a directory shows its token once.
import * as api from '../api.js';
import { h, table, time, badge, number, facts, errorBox, notAvailable, replace, loading } from '../dom.js';
import { poll } from '../poll.js';

const REFRESH_MS = 2500;
const IDPS = [['okta', 'Okta'], ['entra', 'Microsoft Entra ID'], ['generic', 'Other SCIM 2.0 client']];

export function render(view, { id }, ctx) {
  return id ? detail(view, id, ctx) : list(view, ctx);
}

function healthBadge(status) {
  if (!status) return h('span', { class: 'muted' }, '–');
  return badge(status.health, status.health);
}

/** Status of one directory, or null when this server has no status call (yet). */
async function statusOf(id) {
  try {
    return await api.get(`directories/${encodeURIComponent(id)}/status`);
  } catch (e) {
    if (e.notAvailable) return null;
    throw e;
  }
}

function list(view, ctx) {
  ctx.setTitle('Directories');
  const body = h('div', null, loading('directories'));
  const updated = h('p', { class: 'updated muted' });
  const created = h('div');
  replace(view,
    h('h1', null, 'Directories'),
    h('p', { class: 'lede' }, 'Each directory is one identity-provider connection with its own SCIM token. ',
      'Health, counts and errors refresh every few seconds.'),
    updated, body, created, createForm(created, ctx, () => poller.now()));

  let statusAvailable = true;
  let lastJson = null;
  const poller = poll(async () => {
    try {
      const dirs = await api.get('directories');
      const statuses = statusAvailable ? await Promise.all(dirs.map((d) => statusOf(d.id))) : dirs.map(() => null);
      if (dirs.length && statuses.every((s) => s === null)) statusAvailable = false;
      const rows = dirs.map((d, i) => ({ d, s: statuses[i] }));
      updated.textContent = 'Updated ' + new Date().toLocaleTimeString();
      const json = JSON.stringify(rows);
      if (json === lastJson) return; // keep the page (and keyboard focus) as it is
      lastJson = json;
      replace(body,
        statusAvailable ? null : notAvailable('sync status (health, counts, recent errors).'),
        table({
          id: 'directories-table',
          caption: `${dirs.length} director${dirs.length === 1 ? 'y' : 'ies'}`,
          empty: 'No directories yet. Create one below to connect an identity provider.',
          columns: [
            { label: 'Name', cell: ({ d }) => h('a', { href: `#/directories/${d.id}` }, d.name) },
            { label: 'IdP', cell: ({ d }) => d.idp },
            { label: 'State', cell: ({ d }) => badge(d.status, d.status === 'active' ? 'ok' : 'off') },
            { label: 'Health', cell: ({ s }) => healthBadge(s) },
            { label: 'Users', class: 'num', cell: ({ s }) => s ? number(s.counts?.users) : '–' },
            { label: 'Groups', class: 'num', cell: ({ s }) => s ? number(s.counts?.groups) : '–' },
            { label: 'Errors (24 h)', class: 'num', cell: ({ s }) => s ? number(s.requests?.errors24h) : '–' },
            { label: 'Last request', cell: ({ s }) => s ? time(s.lastRequestAt) : '–' },
          ],
          rows,
        }));
    } catch (e) {
      if (e.status === 401) return;
      lastJson = null;
      replace(body, errorBox(e, 'directories'));
    }
  }, REFRESH_MS * 2);
  return poller;
}

function createForm(result, ctx, refresh) {
  const name = h('input', { id: 'new-directory-name', name: 'name', required: true, autocomplete: 'off',
    pattern: '[A-Za-z0-9][A-Za-z0-9._-]*', 'aria-describedby': 'new-directory-hint' });
  const idp = h('select', { id: 'new-directory-idp', name: 'idp' }, IDPS.map(([v, l]) => h('option', { value: v }, l)));
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card', 'aria-labelledby': 'new-directory-title', novalidate: true },
    h('h2', { id: 'new-directory-title' }, 'Create a directory'),
    h('div', { class: 'field' }, h('label', { for: 'new-directory-name' }, 'Name'), name,
      h('p', { id: 'new-directory-hint', class: 'hint' }, 'For example okta-prod. Letters, digits, dot, dash, underscore.')),
    h('div', { class: 'field' }, h('label', { for: 'new-directory-idp' }, 'Identity provider'), idp),
    error,
    h('button', { type: 'submit' }, 'Create directory'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    if (!name.value.trim()) { error.textContent = 'Enter a name.'; name.focus(); return; }
    try {
      const d = await api.post('directories', { name: name.value.trim(), idp: idp.value });
      name.value = '';
      showTokenOnce(result, d);
      refresh();
      ctx.announce(`Directory ${d.name} created. Its token is shown once.`);
    } catch (e) {
      if (e.status !== 401) error.textContent = e.message;
    }
  });
  return form;
}

function showTokenOnce(result, d) {
  const tokenField = h('input', { id: 'new-directory-token', readonly: true, value: d.token, class: 'token',
    spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'new-directory-token-hint' });
  const copied = h('span', { role: 'status', class: 'muted' });
  const copy = h('button', { type: 'button', class: 'secondary' }, 'Copy token');
  copy.addEventListener('click', async () => {
    tokenField.select();
    try { await navigator.clipboard.writeText(d.token); copied.textContent = ' Copied.'; }
    catch { copied.textContent = ' Select the field and copy it by hand.'; }
  });
  const dismiss = h('button', { type: 'button', class: 'secondary' }, 'I have stored it');
  dismiss.addEventListener('click', () => replace(result));
  replace(result, h('section', { class: 'notice notice-warn', 'aria-labelledby': 'token-once-title' },
    h('h2', { id: 'token-once-title' }, `Token of ${d.name}`),
    h('p', { id: 'new-directory-token-hint' }, 'This is the only time Gangway shows it: store it in your identity provider now. ',
      'If it is lost, rotate the directory\u2019s token.'),
    h('div', { class: 'field' }, h('label', { for: 'new-directory-token' }, 'SCIM bearer token'), tokenField),
    h('p', null, copy, ' ', dismiss, copied),
    h('p', null, h('a', { href: `#/directories/${d.id}` }, `Open ${d.name}`))));
  tokenField.focus();
}

function detail(view, id, ctx) {
  const heading = h('h1', null, 'Directory');
  const updated = h('p', { class: 'updated muted' });
  const body = h('div', null, loading('the directory'));
  replace(view, h('p', { class: 'crumbs' }, h('a', { href: '#/directories' }, 'Directories')), heading, updated, body);

  let last = null;
  let lastJson = null;
  let statusAvailable = true;
  return poll(async () => {
    try {
      const d = await api.get(`directories/${encodeURIComponent(id)}`);
      const s = statusAvailable ? await statusOf(id) : null;
      if (s === null) statusAvailable = false;
      updated.textContent = 'Updated ' + new Date().toLocaleTimeString();
      const json = JSON.stringify([d, s]);
      if (json === lastJson) return; // keep the page (and keyboard focus) as it is
      lastJson = json;
      heading.textContent = d.name;
      ctx.setTitle(d.name);
      replace(body, ...renderDetail(d, s));
      if (s && last) {
        const changes = [];
        if (s.counts?.users !== last.counts?.users) changes.push(`${s.counts.users} users`);
        if (s.requests?.errors24h !== last.requests?.errors24h) changes.push(`${s.requests.errors24h} errors in 24 hours`);
        if (s.health !== last.health) changes.push(`health ${s.health}`);
        if (changes.length) ctx.announce(`${d.name}: now ${changes.join(', ')}.`);
      }
      last = s;
    } catch (e) {
      if (e.status === 401) return;
      lastJson = null;
      replace(body, errorBox(e, 'the directory'));
    }
  }, REFRESH_MS);
}

function renderDetail(d, s) {
  const about = facts([
    ['Identity provider', d.idp],
    ['State', badge(d.status, d.status === 'active' ? 'ok' : 'off')],
    ['Created', time(d.createdAt)],
    ['Token issued', time(d.tokenIssuedAt)],
    ['SCIM base URL', h('code', null, new URL('/scim/v2', location.origin).href)],
  ]);
  if (!s) return [about, notAvailable('sync status (health, counts, recent errors).')];
  const c = s.counts || {};
  const r = s.requests || {};
  const drift = s.drift || {};
  const pools = drift.poolsOverLimit || [];
  return [
    h('section', { 'aria-labelledby': 'health-title', class: 'card health health-' + s.health },
      h('h2', { id: 'health-title' }, 'Health: ', badge(s.health, s.health)),
      s.healthReason ? h('p', { id: 'health-reason' }, s.healthReason) : null,
      facts([
        ['Last request', time(s.lastRequestAt)],
        ['Last write', time(s.lastWriteAt)],
        ['Requests (24 h)', number(r.last24h), 'count-requests'],
        ['Errors (24 h)', number(r.errors24h), 'count-errors'],
      ])),
    h('section', { 'aria-labelledby': 'counts-title' },
      h('h2', { id: 'counts-title' }, 'Contents'),
      facts([
        ['Users', number(c.users), 'count-users'],
        ['Active users', number(c.activeUsers), 'count-active-users'],
        ['Groups', number(c.groups), 'count-groups'],
        ['Memberships', number(c.memberships), 'count-memberships'],
      ], { class: 'facts big' })),
    h('section', { 'aria-labelledby': 'errors-title' },
      h('h2', { id: 'errors-title' }, 'Recent errors'),
      table({
        id: 'recent-errors',
        rowHeader: false,
        caption: 'Requests of this directory that Gangway refused, newest first',
        empty: 'No recent errors.',
        columns: [
          { label: 'When', cell: (e) => time(e.at) },
          { label: 'Request', cell: (e) => h('code', null, `${e.method} ${e.path}`) },
          { label: 'Status', class: 'num', cell: (e) => String(e.status) },
          { label: 'SCIM type', cell: (e) => e.scimType || '–' },
          { label: 'Detail', cell: (e) => e.detail || '' },
        ],
        rows: s.recentErrors || [],
      })),
    h('section', { 'aria-labelledby': 'drift-title' },
      h('h2', { id: 'drift-title' }, 'Drift'),
      facts([
        ['Unmatched external users', drift.unmatchedExternalUsers ? h('a', { href: '#/companies?issues=unmatched' }, number(drift.unmatchedExternalUsers)) : number(drift.unmatchedExternalUsers ?? 0)],
        ['Company conflicts', drift.conflicts ? h('a', { href: '#/companies?issues=conflict' }, number(drift.conflicts)) : number(drift.conflicts ?? 0)],
        ['Unknown group members', number(drift.unknownMembers ?? 0)],
        ['Licence pools over their limit', pools.length
          ? h('ul', null, pools.map((p) => h('li', null, `${p.pool}: ${p.used} used of ${p.seats}`)))
          : 'none'],
      ])),
    about,
  ];
}
