// Companies with their member counts, one company's members (why, since when), and the users the
// mapping rules could not place.
import * as api from '../api.js';
import { h, table, time, badge, number, facts, errorBox, notAvailable, replace, loading } from '../dom.js';

const PAGE = 50;

export function render(view, { id, query }, ctx) {
  return id ? detail(view, id, Number(query.get('offset')) || 0, ctx) : list(view, query, ctx);
}

async function list(view, query, ctx) {
  ctx.setTitle('Companies');
  const body = h('div', null, loading('companies'));
  const issues = h('div');
  replace(view, h('h1', null, 'Companies'),
    h('p', { class: 'lede' }, 'External organisations. Gangway files each user into at most one company, from the mapping rules and the companies\u2019 email domains.'),
    body, issues);
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
      pager(base, offset, members.length, c.memberCount)));
}

/** Previous / next links for offset paging. */
export function pager(base, offset, shown, total) {
  const prev = offset > 0 ? h('a', { href: `${base}?offset=${Math.max(0, offset - PAGE)}`, rel: 'prev' }, '← Previous') : null;
  const next = offset + shown < total ? h('a', { href: `${base}?offset=${offset + PAGE}`, rel: 'next' }, 'Next →') : null;
  return prev || next ? h('nav', { class: 'pager', 'aria-label': 'Pages' }, prev, ' ', next) : null;
}
