// Projects with their roles; one project's bindings (what each grants, whom its licence leaves
// out) and its effective access (who holds which role, through which binding).
import * as api from '../api.js';
import { h, table, time, badge, number, facts, errorBox, replace, loading } from '../dom.js';
import { rolesList } from './access.js';
import { pager } from './companies.js';

const PAGE = 50;

export function render(view, { id, query }, ctx) {
  return id ? detail(view, id, Number(query.get('offset')) || 0, ctx) : list(view, ctx);
}

function roleNames(roles) {
  return (roles || []).map((r) => r.licencePool ? `${r.name} (licence: ${r.licencePool})` : r.name).join(', ');
}

async function list(view, ctx) {
  ctx.setTitle('Projects');
  const body = h('div', null, loading('projects'));
  replace(view, h('h1', null, 'Projects'),
    h('p', { class: 'lede' }, 'A binding links an IdP group or a company to a role in a project; effective access follows the IdP.'),
    body);
  try {
    const projects = await api.get('projects');
    replace(body, table({
      id: 'projects-table',
      caption: `${projects.length} project${projects.length === 1 ? '' : 's'}`,
      empty: 'No projects yet.',
      columns: [
        { label: 'Project', cell: (p) => h('a', { href: `#/projects/${encodeURIComponent(p.key)}` }, p.name) },
        { label: 'Key', cell: (p) => h('code', null, p.key) },
        { label: 'Roles', cell: (p) => roleNames(p.roles) },
        { label: 'Created', cell: (p) => time(p.createdAt) },
      ],
      rows: projects,
    }));
  } catch (e) {
    if (e.status !== 401) replace(body, errorBox(e, 'projects'));
  }
}

async function detail(view, key, offset, ctx) {
  const k = encodeURIComponent(key);
  replace(view, h('p', { class: 'crumbs' }, h('a', { href: '#/projects' }, 'Projects')), h('h1', null, key), loading('the project'));
  let project; let bindings; let access;
  try {
    [project, bindings, access] = await Promise.all([
      api.get(`projects/${k}`),
      api.get(`projects/${k}/bindings`),
      api.get(`projects/${k}/access`, { offset, limit: PAGE }),
    ]);
  } catch (e) {
    if (e.status !== 401) replace(view, h('h1', null, key), errorBox(e, 'the project'));
    return;
  }
  ctx.setTitle(project.name);
  const entries = access.entries || [];
  replace(view,
    h('p', { class: 'crumbs' }, h('a', { href: '#/projects' }, 'Projects')),
    h('h1', null, project.name),
    facts([
      ['Key', h('code', null, project.key)],
      ['Roles', roleNames(project.roles)],
      ['Users with access', number(access.total), 'project-access-total'],
      ['Created', time(project.createdAt)],
    ]),
    h('section', { 'aria-labelledby': 'bindings-title' },
      h('h2', { id: 'bindings-title' }, 'Bindings'),
      table({
        id: 'project-bindings',
        caption: 'Who is bound to which role, and what each binding grants',
        empty: 'No bindings: nobody has access to this project.',
        columns: [
          { label: 'Role', cell: (b) => b.role },
          { label: 'Subject', cell: (b) => [badge(b.subject.type, 'neutral'), ' ',
            b.subject.type === 'company'
              ? h('a', { href: `#/companies/${encodeURIComponent(b.subject.name)}` }, b.subject.name)
              : b.subject.name] },
          { label: 'Licence pool', cell: (b) => b.licencePool || '–' },
          { label: 'Granted', class: 'num', cell: (b) => number(b.granted) },
          { label: 'Left out (pool full)', cell: (b) => b.leftOut && b.leftOut.count
            ? [badge(number(b.leftOut.count), 'warn'), ' ', (b.leftOut.users || []).join(', ')]
            : '0' },
          { label: 'Since', cell: (b) => time(b.createdAt) },
          { label: 'Binding', class: 'num', cell: (b) => String(b.id) },
        ],
        rows: bindings,
      })),
    h('section', { 'aria-labelledby': 'access-title' },
      h('h2', { id: 'access-title' }, 'Effective access'),
      table({
        id: 'project-access',
        caption: `Users ${entries.length ? offset + 1 : 0}–${offset + entries.length} of ${access.total}, with every path to each role`,
        empty: 'Nobody has access.',
        columns: [
          { label: 'User', cell: (e) => h('a', { href: `#/users/${encodeURIComponent(e.userId)}?project=${k}` }, e.userName) },
          { label: 'Roles and why', cell: (e) => rolesList(e.roles) },
        ],
        rows: entries,
      }),
      pager(`#/projects/${k}`, offset, entries.length, access.total)));
}
