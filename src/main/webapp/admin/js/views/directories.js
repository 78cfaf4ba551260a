// Directories (IdP connections): their sync health, counts and recent errors, refreshed every few
// seconds; creating a directory shows its token once.
import * as api from '../api.js';
import { h, table, time, badge, number, facts, errorBox, notAvailable, replace, loading } from '../dom.js';
import { poll } from '../poll.js';
import { field, input, formError, validate, showProblem, busy, confirmAction } from '../forms.js';

const REFRESH_MS = 2500;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
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
          empty: document.body.dataset.role === 'admin'
            ? 'No directories yet. Create one below to connect an identity provider.' : 'No directories yet.',
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
  const name = input('name', { required: true, pattern: '[A-Za-z0-9][A-Za-z0-9._-]*' });
  const idp = h('select', { name: 'idp' }, IDPS.map(([v, l]) => h('option', { value: v }, l)));
  const error = formError();
  const form = h('form', { class: 'card', dataset: { needs: 'admin' }, 'aria-labelledby': 'new-directory-title', novalidate: true },
    h('h2', { id: 'new-directory-title' }, 'Create a directory'),
    field('new-directory-name', 'Name', name, 'For example okta-prod. Letters, digits, dot, dash, underscore.'),
    field('new-directory-idp', 'Identity provider', idp),
    error,
    h('button', { type: 'submit' }, 'Create directory'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = name.value.trim();
    if (!validate(form, [
      [name, value !== '', 'Enter a name.'],
      [name, value === '' || NAME.test(value), 'Use letters, digits, dot, dash or underscore, starting with a letter or digit.'],
    ])) return;
    await busy(form, async () => {
      try {
        const d = await api.post('directories', { name: value, idp: idp.value });
        name.value = '';
        showTokenOnce(result, d, ctx);
        refresh();
        ctx.announce(`Directory ${d.name} created. Its token is shown once.`);
      } catch (e) { showProblem(form, e, { name, idp }); }
    });
  });
  return form;
}

/** The SCIM base URL an IdP is given. */
function scimBase() { return new URL('/scim/v2', location.origin).href; }

/** What to type where in the IdP's own admin screens, next to the token. */
function setupValues(d) {
  const base = h('code', null, scimBase());
  const rows = {
    okta: [
      ['Where', 'Okta admin → Applications → your SCIM app → Provisioning → Integration'],
      ['SCIM connector base URL', base],
      ['Unique identifier field for users', h('code', null, 'userName')],
      ['Supported provisioning actions', 'Push New Users, Push Profile Updates, Push Groups'],
      ['Authentication Mode', 'HTTP Header'],
      ['HTTP Header → Authorization', 'Bearer, then the token below'],
    ],
    entra: [
      ['Where', 'Entra admin center → Enterprise applications → your app → Provisioning (Automatic)'],
      ['Tenant URL', base],
      ['Secret Token', 'the token below (without “Bearer”)'],
      ['Then', 'Test Connection, Save, and turn provisioning on'],
    ],
  }[d.idp] || [
    ['SCIM base URL', base],
    ['Header', h('code', null, 'Authorization: Bearer <token>')],
    ['Content type', h('code', null, 'application/scim+json')],
  ];
  return h('dl', { class: 'setup', id: 'idp-setup' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

/**
 * Shows a token once, with a copy button and the IdP's setup values. Dismissing it removes the
 * token from the page (and nothing else ever holds it).
 */
export function showTokenOnce(result, d, ctx, why = 'created') {
  const tokenField = h('input', { id: 'new-directory-token', readonly: true, class: 'token',
    spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'new-directory-token-hint' });
  tokenField.value = d.token;
  const copied = h('span', { role: 'status', class: 'muted' });
  const copy = h('button', { type: 'button', class: 'secondary', id: 'copy-token' }, 'Copy token');
  copy.addEventListener('click', async () => {
    tokenField.select();
    try { await navigator.clipboard.writeText(tokenField.value); copied.textContent = ' Copied.'; }
    catch { copied.textContent = ' Select the field and copy it by hand (Ctrl+C).'; }
  });
  const dismiss = h('button', { type: 'button', class: 'secondary', id: 'dismiss-token' }, 'I have stored it');
  dismiss.addEventListener('click', () => {
    tokenField.value = '';
    replace(result);
    ctx?.announce('The token is no longer shown.');
    document.querySelector('main h1')?.focus();
  });
  replace(result, h('section', { class: 'notice notice-warn', 'aria-labelledby': 'token-once-title', id: 'token-once' },
    h('h2', { id: 'token-once-title' }, why === 'rotated' ? `New token of ${d.name}` : `Token of ${d.name}`),
    h('p', { id: 'new-directory-token-hint' }, 'This is the only time Gangway shows it: store it in your identity provider now. ',
      why === 'rotated' ? 'The previous token no longer works. ' : '',
      'If it is lost, rotate the directory\u2019s token.'),
    h('div', { class: 'field' }, h('label', { for: 'new-directory-token' }, 'SCIM bearer token'), tokenField),
    h('p', { class: 'actions' }, copy, dismiss, copied),
    h('h3', null, `Set up ${IDPS.find(([k]) => k === d.idp)?.[1] || d.idp}`),
    setupValues(d),
    why === 'created' ? h('p', null, h('a', { href: `#/directories/${d.id}` }, `Open ${d.name}`)) : null));
  tokenField.focus();
}

function detail(view, id, ctx) {
  const heading = h('h1', null, 'Directory');
  const updated = h('p', { class: 'updated muted' });
  const body = h('div', null, loading('the directory'));
  const tokenResult = h('div', { id: 'token-result' });
  // GUARD (issue 10): the mass-deprovisioning guard's card or banner renders into this element
  // from the status the poll below reads (s.guard: state, held, since, threshold), with its
  // settings (PATCH …/directories/{id} {"guard"}) and the release button (POST …/guard/release).
  const guardSlot = h('div', { id: 'directory-guard', class: 'guard-slot' });
  const manage = h('div', { id: 'directory-manage' });
  replace(view, h('p', { class: 'crumbs' }, h('a', { href: '#/directories' }, 'Directories')), heading, updated,
    tokenResult, guardSlot, body, manage);

  let last = null;
  let lastJson = null;
  let statusAvailable = true;
  let current = null;
  const poller = poll(async () => {
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
      renderGuard(guardSlot, d, s);
      if (!current) replace(manage, manageCard(d, tokenResult, ctx, () => poller.now()));
      else if (current.status !== d.status || current.name !== d.name) manage.dispatchEvent(new CustomEvent('directory', { detail: d }));
      current = d;
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
  return poller;
}

/** The guard's place on the page: empty until the guard lands (issue 10). */
function renderGuard(slot, _d, _s) { replace(slot); }

/** Rename, rotate the token, disable or enable: rendered once, so typing survives the refreshes. */
function manageCard(d, tokenResult, ctx, refresh) {
  let dir = d;
  const name = input('name', { required: true, value: d.name, pattern: '[A-Za-z0-9][A-Za-z0-9._-]*' });
  const renameError = formError();
  const rename = h('form', { class: 'card', dataset: { needs: 'admin' }, 'aria-labelledby': 'rename-title', novalidate: true, id: 'rename-form' },
    h('h2', { id: 'rename-title' }, 'Rename'),
    field('directory-name', 'Name', name, 'Letters, digits, dot, dash, underscore. The IdP is not affected: it knows the token, not the name.'),
    renameError,
    h('button', { type: 'submit' }, 'Rename'));
  rename.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = name.value.trim();
    if (!validate(rename, [
      [name, value !== '', 'Enter a name.'],
      [name, value === '' || NAME.test(value), 'Use letters, digits, dot, dash or underscore, starting with a letter or digit.'],
      [name, value !== dir.name, 'That is the current name.'],
    ])) return;
    await busy(rename, async () => {
      try {
        dir = await api.patch(`directories/${dir.id}`, { name: value });
        ctx.announce(`Directory renamed to ${dir.name}.`);
        refresh();
      } catch (e) { showProblem(rename, e, { name, directory: name }); }
    });
  });

  const rotate = h('button', { type: 'button', id: 'rotate-token', class: 'danger', dataset: { needs: 'admin' } }, 'Rotate token');
  rotate.addEventListener('click', async () => {
    const ok = await confirmAction({
      title: `Rotate the token of ${dir.name}?`,
      body: [h('p', null, h('strong', null, 'The current token stops working at once. '),
        `${IDPS.find(([k]) => k === dir.idp)?.[1] || dir.idp} will fail to sync (401) until you paste the new token into it.`),
      h('p', null, 'The new token is shown once.')],
      confirm: 'Rotate token',
    });
    if (!ok) return;
    try {
      const issued = await api.post(`directories/${dir.id}/rotate-token`);
      showTokenOnce(tokenResult, issued, ctx, 'rotated');
      ctx.announce(`Token of ${dir.name} rotated. The new token is shown once.`);
      refresh();
    } catch (e) { if (e.status !== 401) replace(stateLine, e.message); }
  });

  const toggle = h('button', { type: 'button', id: 'toggle-directory', dataset: { needs: 'admin' } });
  const stateLine = h('p', { class: 'error form-error', role: 'alert' });
  const label = () => {
    toggle.textContent = dir.status === 'active' ? 'Disable directory' : 'Enable directory';
    toggle.className = dir.status === 'active' ? 'danger' : '';
  };
  label();
  toggle.addEventListener('click', async () => {
    const disabling = dir.status === 'active';
    if (disabling) {
      const ok = await confirmAction({
        title: `Disable ${dir.name}?`,
        body: h('p', null, 'Every SCIM request with its token is refused (401) until you enable it again. ',
          'Its users, groups and the access they grant stay as they are; nothing is deleted.'),
        confirm: 'Disable directory',
      });
      if (!ok) return;
    }
    try {
      dir = await api.post(`directories/${dir.id}/${disabling ? 'disable' : 'enable'}`);
      label();
      replace(stateLine);
      ctx.announce(`Directory ${dir.name} ${disabling ? 'disabled' : 'enabled'}.`);
      refresh();
    } catch (e) { if (e.status !== 401) replace(stateLine, e.message); }
  });

  const card = h('section', { 'aria-labelledby': 'manage-title', id: 'manage' },
    h('h2', { id: 'manage-title' }, 'Manage'),
    h('div', { class: 'grid' }, rename,
      h('div', { class: 'card' },
        h('h2', null, 'Token and state'),
        h('p', null, 'Rotate the token when it may have leaked or its holder left; disable the connection to stop all syncing.'),
        h('p', { class: 'actions' }, rotate, toggle), stateLine)));
  card.addEventListener('directory', (e) => { dir = e.detail; label(); });
  return card;
}

function renderDetail(d, s) {
  const about = facts([
    ['Identity provider', d.idp],
    ['State', badge(d.status, d.status === 'active' ? 'ok' : 'off')],
    ['Created', time(d.createdAt)],
    ['Token issued', time(d.tokenIssuedAt)],
    ['SCIM base URL', h('code', null, scimBase())],
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
