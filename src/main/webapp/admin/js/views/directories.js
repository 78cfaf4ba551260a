// Directories (IdP connections): their sync health, counts and recent errors, refreshed every few
// seconds; creating a directory shows its token once.
import * as api from '../api.js';
import { h, table, time, badge, number, facts, errorBox, notAvailable, replace, loading } from '../dom.js';
import { poll } from '../poll.js';
import { field, input, formError, validate, showProblem, busy, confirmAction, plural } from '../forms.js';

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
      const tripped = rows.filter(({ s }) => s?.guard?.state === 'tripped');
      replace(body,
        statusAvailable ? null : notAvailable('sync status (health, counts, recent errors).'),
        tripped.length ? h('div', { class: 'notice notice-error', id: 'guards-tripped', role: 'alert' },
          h('p', null, h('strong', null, 'Guard tripped: '), 'access revocations are held until an admin looks.'),
          h('ul', null, tripped.map(({ d, s }) => h('li', null, h('a', { href: `#/directories/${d.id}` }, d.name), ': ',
            `the revocations of ${plural(s.guard.held, 'user')} are held since `, time(s.guard.since), '.')))) : null,
        table({
          id: 'directories-table',
          caption: `${dirs.length} director${dirs.length === 1 ? 'y' : 'ies'}`,
          empty: document.body.dataset.role === 'admin'
            ? 'No directories yet. Create one below to connect an identity provider.' : 'No directories yet.',
          columns: [
            { label: 'Name', cell: ({ d }) => h('a', { href: `#/directories/${d.id}` }, d.name) },
            { label: 'IdP', cell: ({ d }) => d.idp },
            { label: 'State', cell: ({ d }) => badge(d.status, d.status === 'active' ? 'ok' : 'off') },
            { label: 'Health', cell: ({ d, s }) => s?.guard?.state === 'tripped'
              ? [healthBadge(s), ' ', h('a', { href: `#/directories/${d.id}`, class: 'badge badge-bad', id: `guard-tripped-${d.id}` },
                `guard tripped: ${plural(s.guard.held, 'user')} held`)]
              : healthBadge(s) },
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
  // The mass-deprovisioning guard (issue 10): a banner while it holds revocations (with the held
  // users and the release button), its state and its settings, above the health card.
  const guardSlot = h('div', { id: 'directory-guard', class: 'guard-slot' });
  const manage = h('div', { id: 'directory-manage' });
  replace(view, h('p', { class: 'crumbs' }, h('a', { href: '#/directories' }, 'Directories')), heading, updated,
    tokenResult, guardSlot, body, manage);

  let last = null;
  let lastJson = null;
  let statusAvailable = true;
  let current = null;
  const guard = guardPanel(guardSlot, ctx, () => poller.now());
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
      guard.update(d, s);
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

// --- The mass-deprovisioning guard (issue 10) ----------------------------------------------------

const WINDOWS = [['PT15M', '15 minutes'], ['PT30M', '30 minutes'], ['PT1H', '1 hour'], ['PT6H', '6 hours'],
  ['PT12H', '12 hours'], ['P1D', '1 day'], ['P7D', '7 days']];
const HELD_SHOWN = 100;
const HELD_CONFIRMED = 1000;
const MAX_INT = 2147483647;
const WHOLE = /^\d{1,10}$/;

/** "PT1H" in words when it is one of the offered windows, else as the server sent it. */
function windowWords(w) { return WINDOWS.find(([v]) => v === w)?.[1] || w; }

/** "PROJ as customers, OTHER as agents" */
function pathsText(user) {
  return (user.paths || []).map((p) => `${p.project} as ${p.role}`).join(', ') || '–';
}

/**
 * The guard's part of a directory page: a banner while it holds revocations (who, since when,
 * why, and for admins the release button), its state for everyone, and its settings form for
 * admins. `update` is called by the page's poll; the form is built once so typing survives it.
 */
function guardPanel(slot, ctx, refresh) {
  const banner = h('div', { id: 'guard-banner-slot' });
  const result = h('div', { id: 'guard-release-result', tabindex: '-1' });
  const state = h('div', { id: 'guard-state' });
  const card = h('section', { class: 'card', id: 'guard', 'aria-labelledby': 'guard-title' },
    h('h2', { id: 'guard-title' }, 'Mass-deprovisioning guard'),
    h('p', { class: 'hint' }, 'When the identity provider revokes more access than the threshold within the window, ',
      'Gangway still stores what it sends but holds the further revocations: those users keep their access until an admin releases them.'),
    state);
  replace(slot, banner, result, card);
  let dir = null;
  let form = null;
  let bannerKey = null;
  let stateKey = null;
  let loads = 0;

  function update(d, s) {
    dir = d;
    const g = s?.guard || null;
    if (!form) { form = settingsForm(d, ctx, (saved) => { dir = saved; refresh(); }); card.append(form); }
    const sKey = JSON.stringify([d.guard, g && [g.state, g.threshold, g.revokedInWindow, g.held, g.heldPaths]]);
    if (sKey !== stateKey) { stateKey = sKey; replace(state, stateFacts(d, g)); }
    const tripped = g && g.state === 'tripped';
    const bKey = tripped ? JSON.stringify([d.name, g.held, g.heldPaths, g.since, g.threshold, g.window]) : null;
    if (bKey === bannerKey) return;
    bannerKey = bKey;
    const hadFocus = banner.contains(document.activeElement) ? document.activeElement.id : null;
    if (!tripped) { replace(banner); return; }
    replace(banner, trippedBanner(d, g));
    if (hadFocus) document.getElementById(hadFocus)?.focus();
    loadHeld(d, g);
  }

  async function loadHeld(d, g) {
    const mine = ++loads;
    const box = banner.querySelector('#guard-held-box');
    try {
      const held = await api.get(`directories/${encodeURIComponent(d.id)}/guard/held`, { limit: HELD_SHOWN });
      if (mine !== loads || !box.isConnected) return;
      const users = held.users || [];
      replace(box, table({
        id: 'guard-held',
        caption: users.length < g.held ? `The ${users.length} longest held of ${plural(g.held, 'user')}` : 'Users whose revocation is held, the longest held first',
        empty: 'No held users any more (the identity provider reversed the changes).',
        columns: [
          { label: 'User', cell: (u) => u.userName },
          { label: 'Keeps (until released)', cell: (u) => h('ul', { class: 'via' }, (u.paths || []).map((p) => h('li', null, `${p.project} as ${p.role}`))) },
          { label: 'Held since', cell: (u) => time(u.since) },
          { label: 'Caused by', cell: (u) => h('code', { class: 'detail' }, u.cause || '–') },
        ],
        rows: users,
      }));
    } catch (e) {
      if (mine !== loads || !box.isConnected || e.status === 401) return;
      replace(box, e.status === 403
        ? h('p', null, 'Auditors and admins see who is held.')
        : h('p', { class: 'error' }, 'Could not load the held users: ', e.message));
    }
  }

  function trippedBanner(d, g) {
    const release = h('button', { type: 'button', id: 'guard-release', class: 'danger', dataset: { needs: 'admin' } },
      `Release ${plural(g.held, 'held revocation')}`);
    release.addEventListener('click', () => releaseHeld());
    return h('section', { class: 'notice notice-error guard-banner', id: 'guard-banner', 'aria-labelledby': 'guard-banner-title' },
      h('h2', { id: 'guard-banner-title' }, 'Guard tripped: access revocations are held'),
      h('p', { id: 'guard-summary', role: 'alert' },
        h('strong', null, `The revocations of ${plural(g.held, 'user')} (${plural(g.heldPaths, 'access path')}) are held`),
        ' since ', time(g.since), ', when ', d.name, ' asked for more revocations than its guard allows ',
        `(now ${plural(g.threshold, 'revocation')} within ${windowWords(g.window)}). `,
        'These users keep their access; the identity provider\u2019s changes are stored as it sent them.'),
      h('div', { id: 'guard-held-box' }, loading('the held users')),
      h('p', { class: 'actions' }, release,
        h('span', { class: 'muted' }, 'Or reverse the changes in the identity provider: a reactivated user or re-added member is no longer held.')));
  }

  async function releaseHeld() {
    const d = dir;
    let held;
    try {
      held = await api.get(`directories/${encodeURIComponent(d.id)}/guard/held`, { limit: HELD_CONFIRMED });
    } catch (e) { showResult('error', `Could not read the held users: ${e.message}`); return; }
    const users = held.users || [];
    const n = held.guard?.held ?? users.length;
    if (!n) { showResult('info', 'Nothing is held any more: the identity provider reversed the changes.'); refresh(); return; }
    const ok = await confirmAction({
      title: `Release ${plural(n, 'held revocation')} of ${d.name}?`,
      body: [
        h('p', null, h('strong', null, `${plural(n, 'user')} will lose access at once`),
          ', as the identity provider asked; each loses what is listed:'),
        h('ul', { id: 'release-losses' }, users.map((u) => h('li', null, h('strong', null, u.userName), ' loses ', pathsText(u),
          ' \u2014 held from ', h('code', null, u.cause || 'a SCIM call')))),
        n > users.length ? h('p', null, `and ${plural(n - users.length, 'more user')}.`) : null,
        h('p', null, 'Each revocation is audited and sent to webhook subscribers. The guard is armed again afterwards.'),
      ],
      confirm: `Release ${plural(n, 'revocation')}`,
    });
    if (!ok) return;
    try {
      // up to the last hold this list was read with: users held while the dialog was open stay held
      const upTo = held.guard?.lastHeld;
      const r = await api.post(`directories/${encodeURIComponent(d.id)}/guard/release`, upTo ? { heldUpTo: upTo } : {});
      showResult('info', `Released: ${plural(r.released, 'user')} lost the access the guard held. `
        + (r.guard?.state === 'armed' ? 'The guard is armed again.' : `The guard is ${r.guard?.state}.`));
      refresh();
    } catch (e) { if (e.status !== 401) showResult('error', `The release failed: ${e.message}`); }
  }

  /** The outcome of a release, where focus goes (the banner and its button are gone by then). */
  function showResult(kind, message) {
    replace(result, h('p', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status', id: 'guard-release-message' }, message));
    result.focus();
  }

  return { update };
}

function stateFacts(d, g) {
  const s = d.guard || {};
  const settings = s.enabled === false ? 'off'
    : `more than the larger of ${number(s.minimum)} and ${s.percent} % of the users with access, within ${windowWords(s.window)}`;
  if (!g) return facts([['Holds revocations', settings]]);
  const kind = g.state === 'tripped' ? 'bad' : g.state === 'armed' ? 'ok' : 'off';
  return facts([
    ['State', badge(g.state, kind), 'guard-state-value'],
    ['Holds revocations', settings, 'guard-settings-value'],
    ['Threshold now', g.state === 'off' ? '–' : plural(g.threshold, 'revocation'), 'guard-threshold'],
    ['Used in this window', g.state === 'off' ? '–' : `${number(g.revokedInWindow)} of ${number(g.threshold)}`, 'guard-used'],
    ['Held', `${plural(g.held, 'user')} (${plural(g.heldPaths, 'access path')})`, 'guard-held-count'],
  ]);
}

/** Enabled, percent, minimum and window; checked before sending, the server's refusal next to its field. */
function settingsForm(d, ctx, saved) {
  let current = d.guard || { enabled: true, percent: 20, minimum: 10, window: 'PT1H' };
  const enabled = h('input', { type: 'checkbox', name: 'enabled' });
  const percent = input('percent', { inputmode: 'numeric', required: true, size: 5 });
  const minimum = input('minimum', { inputmode: 'numeric', required: true, size: 8 });
  const windowSelect = h('select', { name: 'window' });
  const show = (g) => {
    enabled.checked = g.enabled !== false;
    percent.value = String(g.percent);
    minimum.value = String(g.minimum);
    const options = WINDOWS.some(([v]) => v === g.window) ? WINDOWS : [...WINDOWS, [g.window, g.window]];
    replace(windowSelect, options.map(([v, l]) => h('option', { value: v, selected: v === g.window }, l)));
    windowSelect.value = g.window;
  };
  show(current);
  const error = formError();
  const flash = h('p', { role: 'status', id: 'guard-settings-saved', class: 'muted' });
  const form = h('form', { id: 'guard-form', dataset: { needs: 'admin' }, 'aria-labelledby': 'guard-form-title', novalidate: true },
    h('h3', { id: 'guard-form-title' }, 'Settings'),
    h('div', { class: 'field check' }, h('label', null, enabled, 'Hold revocations beyond the threshold (guard on)')),
    h('div', { class: 'grid' },
      field('guard-percent', 'Percent of the users with access', percent, 'A whole number from 0 to 100.'),
      field('guard-minimum', 'Minimum', minimum, 'Revocations always allowed per window, however few users the directory has.'),
      field('guard-window', 'Window', windowSelect, 'Revocations are counted over this sliding window.')),
    error,
    h('p', { class: 'actions' }, h('button', { type: 'submit' }, 'Save guard settings'), flash));
  enabled.id = 'guard-enabled';
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(flash);
    const p = percent.value.trim();
    const m = minimum.value.trim();
    if (!validate(form, [
      [percent, WHOLE.test(p) && Number(p) <= 100, 'Enter a whole number from 0 to 100.'],
      [minimum, WHOLE.test(m) && Number(m) <= MAX_INT, 'Enter a whole number, 0 or more.'],
    ])) return;
    const wanted = { enabled: enabled.checked, percent: Number(p), minimum: Number(m), window: windowSelect.value };
    if (wanted.enabled === current.enabled && wanted.percent === current.percent && wanted.minimum === current.minimum
        && wanted.window === current.window) {
      error.textContent = 'These are the current settings.';
      error.focus();
      return;
    }
    await busy(form, async () => {
      try {
        const dir = await api.patch(`directories/${encodeURIComponent(d.id)}`, { guard: wanted });
        current = dir.guard;
        show(current);
        flash.textContent = 'Saved.';
        ctx.announce(current.enabled
          ? `Guard settings of ${dir.name} saved: more than the larger of ${current.minimum} and ${current.percent} percent within ${windowWords(current.window)} are held.`
          : `The guard of ${dir.name} is off.`);
        saved(dir);
      } catch (e) { showProblem(form, e, { percent, minimum, window: windowSelect, enabled }); }
    });
  });
  return form;
}

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
