// Personal API tokens for scripts: who made which, with which role, until when, last used. An
// admin creates one (the secret is shown once) and revokes one (at once, after a confirmation).
import * as api from '../api.js';
import { h, table, time, errorBox, replace, loading, badge } from '../dom.js';
import { field, input, select, formError, validate, showProblem, busy, confirmAction } from '../forms.js';

export async function render(view, _route, ctx) {
  ctx.setTitle('API tokens');
  const list = h('div', { id: 'tokens-list' }, loading('tokens'));
  const once = h('div', { id: 'token-result' });
  replace(view, h('h1', null, 'API tokens'),
    h('p', { class: 'lede' }, 'Personal API tokens let scripts call the admin API with a role and an expiry. '
      + 'Gangway keeps only a hash: a token is shown once, when it is created.'),
    once, createForm(ctx, once, () => load(list, ctx)), list);
  await load(list, ctx);
}

async function load(list, ctx) {
  let tokens;
  try {
    tokens = await api.get('tokens');
  } catch (e) {
    replace(list, errorBox(e, 'the tokens'));
    return;
  }
  replace(list, table({
    id: 'tokens-table',
    caption: `${tokens.length} token${tokens.length === 1 ? '' : 's'}`,
    empty: 'No personal API tokens yet.',
    columns: [
      { label: 'Name', cell: (t) => t.name },
      { label: 'Role', cell: (t) => t.role },
      { label: 'Status', cell: (t) => badge(t.status, t.status === 'active' ? 'ok' : 'off') },
      { label: 'Expires', cell: (t) => time(t.expiresAt) },
      { label: 'Last used', cell: (t) => (t.lastUsedAt ? time(t.lastUsedAt) : 'never') },
      { label: 'Created by', cell: (t) => t.createdBy },
      { label: 'Revoke', cell: (t) => (t.status !== 'active' ? '' : h('button', {
        type: 'button', class: 'danger small', id: `revoke-token-${t.id}`, dataset: { needs: 'admin' },
        'aria-label': `Revoke token ${t.name}`, onclick: () => revoke(t, list, ctx) }, 'Revoke')) },
    ],
    rows: tokens,
  }));
}

async function revoke(t, list, ctx) {
  const ok = await confirmAction({
    title: `Revoke ${t.name}?`,
    body: h('p', null, `Scripts using this ${t.role} token are refused from now on. This cannot be undone.`),
    confirm: 'Revoke token',
  });
  if (!ok) return;
  try {
    await api.del(`tokens/${t.id}`);
    ctx.announce(`Token ${t.name} revoked.`);
  } catch (e) {
    ctx.announce(e.message);
  }
  await load(list, ctx);
}

function createForm(ctx, once, reload) {
  const name = input('name', { maxlength: '100' });
  const role = select('role', [['auditor', 'auditor — read everything, change nothing'], ['viewer', 'viewer — status and access'],
    ['admin', 'admin — everything']]);
  const expires = select('expiresIn', [['30d', '30 days'], ['90d', '90 days'], ['7d', '7 days'], ['1d', '1 day'], ['366d', 'one year']]);
  const form = h('form', { class: 'card', dataset: { needs: 'admin' }, 'aria-labelledby': 'new-token-title', novalidate: true, id: 'new-token' },
    h('h2', { id: 'new-token-title' }, 'Create a token'),
    h('div', { class: 'grid' },
      field('new-token-name', 'Name', name, 'What the script is, e.g. nightly-access-export. The audit log names it.'),
      field('new-token-role', 'Role', role),
      field('new-token-expires', 'Expires in', expires)),
    formError(),
    h('button', { type: 'submit' }, 'Create token'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!validate(form, [[name, name.value.trim() !== '', 'Give the token a name.']])) return;
    await busy(form, async () => {
      try {
        const t = await api.post('tokens', { name: name.value.trim(), role: role.value, expiresIn: expires.value });
        name.value = '';
        showOnce(once, t, ctx);
        await reload();
      } catch (e) {
        showProblem(form, e, { name, role, expires: expires });
      }
    });
  });
  return form;
}

function showOnce(once, t, ctx) {
  const field_ = h('input', { id: 'new-api-token', readonly: true, class: 'token', spellcheck: 'false', autocomplete: 'off',
    'aria-describedby': 'new-api-token-hint' });
  field_.value = t.token;
  const dismiss = h('button', { type: 'button', class: 'secondary', id: 'dismiss-api-token' }, 'I have stored it');
  dismiss.addEventListener('click', () => {
    field_.value = '';
    replace(once);
    ctx.announce('The token is no longer shown.');
    document.querySelector('main h1')?.focus();
  });
  replace(once, h('section', { class: 'notice notice-warn', 'aria-labelledby': 'api-token-once-title', id: 'api-token-once' },
    h('h2', { id: 'api-token-once-title' }, `Token ${t.name} (${t.role})`),
    h('p', { id: 'new-api-token-hint' }, 'This is the only time Gangway shows it. Use it as "Authorization: Bearer <token>".'),
    h('div', { class: 'field' }, h('label', { for: 'new-api-token' }, 'API token'), field_),
    h('p', { class: 'actions' }, dismiss)));
  field_.focus();
  field_.select();
  ctx.announce(`Token ${t.name} created. It is shown once.`);
}
