// Companies with their member counts, one company's members (why, since when), and the users the
// mapping rules could not place.
import * as api from '../api.js';
import { h, table, time, badge, number, facts, errorBox, notAvailable, replace, loading } from '../dom.js';
import { field, input, formError, validate, showProblem, busy, confirmAction, plural, list as words } from '../forms.js';
import { follow } from './reevaluation.js';

const KEY = /^[a-z0-9][a-z0-9._-]*$/;
const DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

const PAGE = 50;

export function render(view, { id, query }, ctx) {
  return id ? detail(view, id, Number(query.get('offset')) || 0, ctx) : list(view, query, ctx);
}

async function list(view, query, ctx) {
  ctx.setTitle('Companies');
  const body = h('div', null, loading('companies'));
  const issues = h('div');
  const progress = h('div', { 'aria-live': 'polite' });
  replace(view, h('h1', null, 'Companies'),
    h('p', { class: 'lede' }, 'External organisations. Gangway files each user into at most one company, from the mapping rules and the companies\u2019 email domains. ',
      h('a', { href: '#/rules' }, 'Mapping rules'), ' decide the rest.'),
    body, createForm(ctx, progress), progress, issues);
  try {
    const companies = await api.get('companies');
    replace(body, table({
      id: 'companies-table',
      caption: `${companies.length} compan${companies.length === 1 ? 'y' : 'ies'}`,
      empty: 'No companies yet.',
      columns: [
        { label: 'Company', cell: (c) => h('a', { href: `#/companies/${encodeURIComponent(c.key)}` }, c.name) },
        { label: 'Key', cell: (c) => h('code', null, c.key) },
        { label: 'Domains', cell: (c) => (c.domains || []).join(', ') || '–' },
        { label: 'State', cell: (c) => badge(c.status, c.status === 'active' ? 'ok' : 'off') },
        { label: 'Members', class: 'num', cell: (c) => number(c.memberCount) },
        { label: 'Created', cell: (c) => time(c.createdAt) },
      ],
      rows: companies,
    }));
  } catch (e) {
    if (e.status !== 401) replace(body, errorBox(e, 'companies'));
    return;
  }
  replace(issues, await mappingIssues(query.get('issues')));
}

function createForm(ctx, progress) {
  const key = input('key', { required: true });
  const name = input('name', { required: true });
  const domains = h('textarea', { name: 'domains', rows: '2', spellcheck: 'false' });
  const form = h('form', { class: 'card', dataset: { needs: 'admin' }, 'aria-labelledby': 'new-company-title', novalidate: true, id: 'new-company' },
    h('h2', { id: 'new-company-title' }, 'Add a company'),
    h('div', { class: 'grid' },
      field('new-company-key', 'Key', key, 'Short and stable, e.g. fabrikam: bindings and exports name it.'),
      field('new-company-name', 'Name', name, 'As people know it, e.g. Fabrikam Partners.')),
    field('new-company-domains', 'Email domains', domains, 'Users whose email or userName ends in one of them belong to it. Separate with commas or new lines; may be empty.'),
    formError(),
    h('button', { type: 'submit' }, 'Add company'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const list = words(domains.value);
    const bad = list.find((d) => !DOMAIN.test(d));
    if (!validate(form, [
      [key, key.value.trim() !== '', 'Enter a key.'],
      [key, key.value.trim() === '' || KEY.test(key.value.trim()), 'Use lower-case letters, digits, dot, dash or underscore.'],
      [name, name.value.trim() !== '', 'Enter a name.'],
      [domains, !bad, `\u201c${bad}\u201d is not a domain like partner.example.`],
    ])) return;
    await busy(form, async () => {
      try {
        const c = await api.post('companies', { key: key.value.trim(), name: name.value.trim(), domains: list });
        ctx.announce(`Company ${c.name} added.`);
        form.reset();
        ctx.go(`#/companies/${encodeURIComponent(c.key)}`);
      } catch (e) { showProblem(form, e, { key, domain: domains, name }); }
    });
  });
  return form;
}

async function mappingIssues(focus) {
  const section = h('section', { 'aria-labelledby': 'issues-title', id: 'mapping-issues' },
    h('h2', { id: 'issues-title' }, 'Users the rules could not place'));
  for (const [kind, title, empty] of [
    ['conflict', 'Conflicts: rules or domains name different companies', 'No conflicts.'],
    ['unmatched', 'Unmatched: external-looking users no rule places', 'No unmatched users.'],
  ]) {
    try {
      const answer = await api.get('mapping-issues', { kind, limit: 100 });
      section.append(h('h3', { id: 'issues-' + kind, tabindex: focus === kind ? '-1' : null }, title, ` (${number(answer.total)})`),
        table({
          caption: title,
          empty,
          columns: [
            { label: 'User', cell: (i) => h('a', { href: `#/users/${encodeURIComponent(i.userId)}` }, i.userId) },
            { label: 'Directory', cell: (i) => h('a', { href: `#/directories/${i.directoryId}` }, String(i.directoryId)) },
            { label: 'Why', cell: (i) => i.detail || '' },
            { label: 'Since', cell: (i) => time(i.since) },
          ],
          rows: answer.items || [],
        }));
    } catch (e) {
      if (e.status === 401) return section;
      section.append(e.notAvailable ? notAvailable('mapping issues.') : errorBox(e, 'mapping issues'));
    }
  }
  if (focus) setTimeout(() => section.querySelector(`#issues-${focus}`)?.focus(), 0);
  return section;
}

async function detail(view, key, offset, ctx) {
  replace(view, h('p', { class: 'crumbs' }, h('a', { href: '#/companies' }, 'Companies')),
    h('h1', null, key), loading('the company'));
  let c;
  try {
    c = await api.get(`companies/${encodeURIComponent(key)}`, { offset, limit: PAGE });
  } catch (e) {
    if (e.status !== 401) replace(view, h('h1', null, key), errorBox(e, 'the company'));
    return;
  }
  ctx.setTitle(c.name);
  const members = c.members || [];
  const base = `#/companies/${encodeURIComponent(key)}`;
  replace(view,
    h('p', { class: 'crumbs' }, h('a', { href: '#/companies' }, 'Companies')),
    h('h1', null, c.name),
    facts([
      ['Key', h('code', null, c.key)],
      ['State', badge(c.status, c.status === 'active' ? 'ok' : 'off')],
      ['Email domains', (c.domains || []).join(', ') || '–'],
      ['Members', number(c.memberCount), 'company-member-count'],
      ['Created', time(c.createdAt)],
      c.retiredAt ? ['Retired', time(c.retiredAt)] : null,
    ].filter(Boolean)),
    h('section', { 'aria-labelledby': 'members-title' },
      h('h2', { id: 'members-title' }, 'Members'),
      table({
        id: 'company-members',
        caption: `Members ${members.length ? offset + 1 : 0}–${offset + members.length} of ${c.memberCount}`,
        empty: 'No members.',
        columns: [
          { label: 'User', cell: (m) => h('a', { href: `#/users/${encodeURIComponent(m.userId)}` }, m.userName) },
          { label: 'Directory', cell: (m) => h('a', { href: `#/directories/${m.directoryId}` }, String(m.directoryId)) },
          { label: 'Active', cell: (m) => m.active ? 'yes' : badge('inactive', 'off') },
          { label: 'Why a member', cell: (m) => m.reason || '' },
          { label: 'Since', cell: (m) => time(m.since) },
        ],
        rows: members,
      }),
      pager(base, offset, members.length, c.memberCount)),
    c.status === 'active' ? editForm(c, ctx) : null,
    c.status === 'active' ? retireCard(c, ctx) : null);
}

/** Rename and replace the domains; a domain change places the users of old and new domains again. */
function editForm(c, ctx) {
  const name = input('name', { required: true, value: c.name });
  const domains = h('textarea', { name: 'domains', rows: '2', spellcheck: 'false' });
  domains.value = (c.domains || []).join('\n');
  const progress = h('div', { 'aria-live': 'polite', id: 'edit-progress' });
  const form = h('form', { class: 'card', dataset: { needs: 'admin' }, 'aria-labelledby': 'edit-company-title', novalidate: true, id: 'edit-company' },
    h('h2', { id: 'edit-company-title' }, 'Edit'),
    field('edit-company-name', 'Name', name),
    field('edit-company-domains', 'Email domains', domains, 'One per line or separated by commas. Users of an added or removed domain are placed again.'),
    formError(),
    h('button', { type: 'submit' }, 'Save changes'),
    progress);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const list = words(domains.value);
    const bad = list.find((d) => !DOMAIN.test(d));
    if (!validate(form, [
      [name, name.value.trim() !== '', 'Enter a name.'],
      [domains, !bad, `\u201c${bad}\u201d is not a domain like partner.example.`],
    ])) return;
    const change = {};
    if (name.value.trim() !== c.name) change.name = name.value.trim();
    if (JSON.stringify([...list].sort()) !== JSON.stringify([...(c.domains || [])].sort())) change.domains = list;
    if (!Object.keys(change).length) { showProblem(form, { message: 'Nothing changed.' }); return; }
    await busy(form, async () => {
      try {
        const updated = await api.patch(`companies/${encodeURIComponent(c.key)}`, change);
        ctx.announce(`Company ${updated.name} saved.`);
        Object.assign(c, updated);
        const r = await follow(progress, updated.reevaluation, ctx);
        if (progress.isConnected && (!r || r.status !== 'running')) setTimeout(() => ctx.go(`#/companies/${encodeURIComponent(c.key)}?saved=${Date.now()}`), 0);
      } catch (e) { showProblem(form, e, { domain: domains, name }); }
    });
  });
  return form;
}

/** Retiring shows first who leaves the company and what access they lose. */
function retireCard(c, ctx) {
  const button = h('button', { type: 'button', class: 'danger', id: 'retire-company', dataset: { needs: 'admin' } }, `Retire ${c.name}`);
  const result = h('div', { 'aria-live': 'polite' });
  button.addEventListener('click', async () => {
    let preview;
    try {
      preview = await api.get(`companies/${encodeURIComponent(c.key)}/retire-preview`, { limit: 50 });
    } catch (e) {
      if (e.status !== 401) replace(result, errorBox(e, 'what retiring would change'));
      return;
    }
    const losses = preview.revokes.losses || [];
    const ok = await confirmAction({
      title: `Retire ${c.name}?`,
      body: [
        h('p', null, `Its rules and domains stop applying; its ${plural(preview.members, 'member')} leave its company group `,
          `(the mapping rules may place them in another company). Its ${plural(preview.bindings, 'binding')} then reach nobody.`),
        preview.revokes.total
          ? [h('p', null, h('strong', null, `${plural(preview.revokes.total, 'role')} will be revoked:`)),
            h('ul', { id: 'retire-losses' }, losses.map((l) => h('li', null, `${l.userName} loses ${l.role} in ${l.project}`))),
            preview.revokes.total > losses.length ? h('p', null, `…and ${number(preview.revokes.total - losses.length)} more.`) : null]
          : h('p', { id: 'retire-losses' }, 'Nobody loses access: no role depends on this company alone.'),
        h('p', null, 'A retired company cannot be edited or bound again.'),
      ],
      confirm: 'Retire company',
    });
    if (!ok) return;
    try {
      const retired = await api.post(`companies/${encodeURIComponent(c.key)}/retire`);
      ctx.announce(`Company ${retired.name} retired.`);
      await follow(result, retired.reevaluation, ctx);
      if (result.isConnected) ctx.go(`#/companies/${encodeURIComponent(c.key)}?retired=1`);
    } catch (e) { if (e.status !== 401) replace(result, errorBox(e, 'the retirement')); }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'retire-title' },
    h('h2', { id: 'retire-title' }, 'Retire'),
    h('p', null, 'When the company is no longer a partner. You see who loses what before anything changes.'),
    button, result);
}

/** Previous / next links for offset paging. */
export function pager(base, offset, shown, total) {
  const prev = offset > 0 ? h('a', { href: `${base}?offset=${Math.max(0, offset - PAGE)}`, rel: 'prev' }, '← Previous') : null;
  const next = offset + shown < total ? h('a', { href: `${base}?offset=${offset + PAGE}`, rel: 'next' }, 'Next →') : null;
  return prev || next ? h('nav', { class: 'pager', 'aria-label': 'Pages' }, prev, ' ', next) : null;
}
