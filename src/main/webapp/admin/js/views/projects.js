// Projects with their roles; one project's bindings (what each grants, whom its licence leaves
// out) and its effective access (who holds which role, through which binding).
import * as api from '../api.js';
import { h, table, time, badge, number, facts, errorBox, replace, loading } from '../dom.js';
import { rolesList } from './access.js';
import { pager } from './companies.js';
import { field, input, formError, validate, showProblem, busy, confirmAction, plural } from '../forms.js';

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

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
    body, createForm(ctx));
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

function createForm(ctx) {
  const key = input('key', { required: true });
  const name = input('name', { required: true });
  const form = h('form', { class: 'card', dataset: { needs: 'admin' }, 'aria-labelledby': 'new-project-title', novalidate: true, id: 'new-project' },
    h('h2', { id: 'new-project-title' }, 'Create a project'),
    h('p', null, 'It starts with the roles administrators, agents, customers and collaborators; add your own on its page.'),
    h('div', { class: 'grid' },
      field('new-project-key', 'Key', key, 'E.g. SUP: bindings, exports and links name it.'),
      field('new-project-name', 'Name', name, 'E.g. Customer support.')),
    formError(),
    h('button', { type: 'submit' }, 'Create project'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const k = key.value.trim();
    if (!validate(form, [
      [key, k !== '', 'Enter a key.'],
      [key, k === '' || KEY.test(k), 'Use letters, digits, dot, dash or underscore.'],
      [name, name.value.trim() !== '', 'Enter a name.'],
    ])) return;
    await busy(form, async () => {
      try {
        const p = await api.post('projects', { key: k, name: name.value.trim() });
        ctx.announce(`Project ${p.name} created.`);
        ctx.go(`#/projects/${encodeURIComponent(p.key)}`);
      } catch (e) { showProblem(form, e, { key, name }); }
    });
  });
  return form;
}

async function detail(view, key, offset, ctx, flash) {
  const k = encodeURIComponent(key);
  // After a change the page is drawn again from the server's answers; focus goes back to where
  // the change was made, and what happened stays written at the top.
  const reload = async (focusId, message) => {
    await detail(view, key, offset, ctx, message);
    const el = focusId && document.getElementById(focusId);
    if (el) { el.tabIndex = -1; el.focus(); }
  };
  if (!flash) replace(view, h('p', { class: 'crumbs' }, h('a', { href: '#/projects' }, 'Projects')), h('h1', null, key), loading('the project'));
  let project; let bindings; let access; let pools; let companies;
  try {
    [project, bindings, access, pools, companies] = await Promise.all([
      api.get(`projects/${k}`),
      api.get(`projects/${k}/bindings`),
      api.get(`projects/${k}/access`, { offset, limit: PAGE }),
      api.get('licence-pools'),
      api.get('companies'),
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
    flash ? h('p', { class: 'notice notice-info', id: 'project-flash' }, flash) : null,
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
          { label: 'Remove', cell: (b) => h('button', { type: 'button', class: 'danger small', id: `unbind-${b.id}`, dataset: { needs: 'admin' },
            'aria-label': `Remove binding ${b.id}: ${b.subject.type} ${b.subject.name} as ${b.role}`,
            onclick: () => unbind(project, b, ctx, reload) }, 'Remove') },
        ],
        rows: bindings,
      })),
    inviteForm(project, companies.filter((c) => c.status === 'active'), ctx, reload),
    poolsSection(project, bindings, pools, ctx, reload),
    roleForm(project, ctx, reload),
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
      pager(`#/projects/${k}`, offset, entries.length, access.total)),
    eventsSection(project));
}

/** Removing a binding shows first who loses which role (the roles no other binding keeps). */
async function unbind(project, b, ctx, reload) {
  let preview;
  try {
    preview = await api.get(`projects/${encodeURIComponent(project.key)}/bindings/${b.id}/removal-preview`, { limit: 50 });
  } catch (e) {
    if (e.status !== 401) ctx.announce('Could not preview the removal: ' + e.message);
    return;
  }
  const losses = preview.revokes.losses || [];
  const ok = await confirmAction({
    title: `Remove ${b.subject.type} ${b.subject.name} as ${b.role}?`,
    body: [
      preview.revokes.total
        ? [h('p', null, h('strong', null, `${plural(preview.revokes.total, 'user')} will lose ${b.role} in ${project.key}:`)),
          h('ul', { id: 'unbind-losses' }, losses.map((l) => h('li', null, l.userName))),
          preview.revokes.total > losses.length ? h('p', null, `…and ${number(preview.revokes.total - losses.length)} more.`) : null]
        : h('p', { id: 'unbind-losses' }, 'Nobody loses access: everyone it reaches keeps the role through another binding.'),
      b.licencePool ? h('p', null, `Their seats in licence pool ${b.licencePool} go to whoever waits longest.`) : null,
      h('p', null, 'Each revocation is recorded as an access event.'),
    ],
    confirm: 'Remove binding',
  });
  if (!ok) return;
  try {
    await api.del(`projects/${encodeURIComponent(project.key)}/bindings/${b.id}`);
    const msg = `Binding removed; ${plural(preview.revokes.total, 'user')} lost ${b.role}.`;
    ctx.announce(msg);
    reload('bindings-title', msg);
  } catch (e) { if (e.status !== 401) ctx.announce(e.message); }
}

/**
 * "Invite company X (or IdP group G) into this project as R": pick the subject by typing part of
 * its name (companies filtered here, groups searched on the server), pick the role, bind.
 */
function inviteForm(project, companies, ctx, reload) {
  const kindCompany = h('input', { type: 'radio', name: 'subject-type', value: 'company', id: 'invite-type-company', checked: true });
  const kindGroup = h('input', { type: 'radio', name: 'subject-type', value: 'group', id: 'invite-type-group' });
  // A search field and a list of buttons (not an ARIA combobox): the matches are counted in a
  // status line, Arrow Down moves into them, Enter or a click picks one.
  const search = input('subject', { type: 'search' });
  const choices = h('ul', { class: 'choices', id: 'invite-choices', 'aria-label': 'Matches' });
  const count = h('p', { class: 'muted', role: 'status', id: 'invite-count' });
  const chosenLine = h('p', { class: 'chosen', id: 'invite-chosen', 'aria-live': 'polite' }, 'Nothing chosen yet.');
  const role = h('select', { name: 'role' }, project.roles.map((r) => h('option', { value: r.name },
    r.licencePool ? `${r.name} (licence pool ${r.licencePool})` : r.name)));
  const result = h('div', { id: 'invite-result', 'aria-live': 'polite' });
  let chosen = null;
  let searchSeq = 0;
  const choose = (subject) => {
    chosen = subject;
    search.value = subject.label;
    replace(choices);
    chosenLine.textContent = `Chosen: ${subject.type} ${subject.label}`;
    search.removeAttribute('aria-invalid');
    document.getElementById('invite-subject-error').textContent = '';
    role.focus();
  };
  const show = (items) => {
    replace(choices, items.slice(0, 10).map((s) => h('li', null,
      h('button', { type: 'button', class: 'secondary small', onclick: () => choose(s) }, s.label))));
    count.textContent = search.value.trim() ? `${plural(items.length, 'match', 'matches')}${items.length > 10 ? ', first 10 shown' : ''}.` : '';
  };
  const lookup = async () => {
    const text = search.value.trim();
    chosen = null;
    chosenLine.textContent = 'Nothing chosen yet.';
    if (!text) { show([]); return; }
    if (kindCompany.checked) {
      const t = text.toLowerCase();
      show(companies.filter((c) => c.key.toLowerCase().includes(t) || c.name.toLowerCase().includes(t))
        .map((c) => ({ type: 'company', ref: c.key, label: `${c.name} (${c.key})` })));
      return;
    }
    const mine = ++searchSeq; // answers may arrive out of order: keep the latest
    try {
      const found = await api.get('groups', { search: text, limit: 20 });
      if (mine !== searchSeq) return;
      show(found.items.map((g) => ({ type: 'group', ref: g.id, label: `${g.displayName} (${g.directory})` })));
    } catch (e) { if (e.status !== 401 && mine === searchSeq) count.textContent = e.message; }
  };
  let timer = null;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(lookup, 200); });
  search.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); choices.querySelector('button')?.focus(); }
  });
  choices.addEventListener('keydown', (e) => {
    const buttons = [...choices.querySelectorAll('button')];
    const i = buttons.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && i < buttons.length - 1) { e.preventDefault(); buttons[i + 1].focus(); }
    if (e.key === 'ArrowUp') { e.preventDefault(); (i > 0 ? buttons[i - 1] : search).focus(); }
    if (e.key === 'Escape') { e.preventDefault(); search.focus(); }
  });
  const switchKind = () => { chosen = null; search.value = ''; show([]); chosenLine.textContent = 'Nothing chosen yet.'; };
  kindCompany.addEventListener('change', switchKind);
  kindGroup.addEventListener('change', switchKind);
  const form = h('form', { class: 'card', dataset: { needs: 'admin' }, 'aria-labelledby': 'invite-title', novalidate: true, id: 'invite-form' },
    h('h2', { id: 'invite-title' }, 'Invite a company or an IdP group'),
    h('p', null, 'Everyone in it gets the role, now and as the IdP adds or removes people.'),
    h('fieldset', null, h('legend', null, 'Invite'),
      kindCompany, h('label', { for: 'invite-type-company' }, 'a company'),
      kindGroup, h('label', { for: 'invite-type-group' }, 'an IdP group')),
    field('invite-subject', 'Company or group', search, 'Type part of its name, then pick it from the matches (arrow down to reach them).'),
    count, choices, chosenLine,
    field('invite-role', 'As role', role),
    formError(),
    h('button', { type: 'submit' }, `Invite into ${project.key}`),
    result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!validate(form, [[search, chosen !== null, 'Pick a company or group from the matches.']])) return;
    const body = { role: role.value, [chosen.type]: chosen.ref };
    await busy(form, async () => {
      try {
        const b = await api.post(`projects/${encodeURIComponent(project.key)}/bindings`, body);
        const msg = `${chosen.label} invited as ${b.role}: ${plural(b.granted, 'user')} granted` +
          (b.leftOut?.count ? `, ${plural(b.leftOut.count, 'user')} waiting for a licence seat` : '') + '.';
        ctx.announce(msg);
        reload('bindings-title', msg);
      } catch (e) { showProblem(form, e, { role, group: search, company: search, subject: search }); }
    });
  });
  return form;
}

/** The licence pools this project's roles draw from: seats, used, who waits; set the seat limit. */
function poolsSection(project, bindings, pools, ctx, reload) {
  const keys = [...new Set(project.roles.map((r) => r.licencePool).filter(Boolean))];
  if (!keys.length) return h('section', { 'aria-labelledby': 'pools-title' }, h('h2', { id: 'pools-title' }, 'Licence pools'),
    h('p', { class: 'empty' }, 'No role of this project needs a licence. Add a role with a licence pool below.'));
  return h('section', { 'aria-labelledby': 'pools-title', id: 'pools' },
    h('h2', { id: 'pools-title' }, 'Licence pools'),
    h('p', { class: 'hint' }, 'A pool is shared: every role that draws from it, in any project, takes its seats.'),
    keys.map((key) => {
      const pool = pools.find((p) => p.key === key) || { key, seats: null, used: 0 };
      const waiting = bindings.filter((b) => b.licencePool === key && b.leftOut?.count);
      const waitCount = waiting.reduce((n, b) => n + b.leftOut.count, 0);
      const id = `pool-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
      const seats = input('seats', { inputmode: 'numeric', value: pool.seats ?? '' });
      const form = h('form', { class: 'card', novalidate: true, id: `${id}-form`, 'aria-labelledby': `${id}-title` },
        h('h3', { id: `${id}-title` }, `Pool ${key}`),
        h('p', { id: `${id}-usage` }, `${number(pool.used)} seat${pool.used === 1 ? '' : 's'} used of `,
          pool.seats === null || pool.seats === undefined ? 'no limit' : number(pool.seats),
          waitCount ? `; ${plural(waitCount, 'user')} waiting` : '; nobody waiting', '.'),
        waiting.length ? h('ul', { id: `${id}-waiting` }, waiting.map((b) => h('li', null,
          `via ${b.subject.type} ${b.subject.name} (${b.role}): `, b.leftOut.users.join(', '),
          b.leftOut.count > b.leftOut.users.length ? ` and ${number(b.leftOut.count - b.leftOut.users.length)} more` : ''))) : null,
        h('div', { dataset: { needs: 'admin' } },
          field(`${id}-seats`, 'Seat limit', seats, 'Empty: no limit. Lowering it below the seats in use keeps current holders; raising it lets the longest-waiting in.'),
          formError(),
          h('button', { type: 'submit' }, 'Set seat limit')));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const v = seats.value.trim();
        if (!validate(form, [[seats, v === '' || /^\d+$/.test(v), 'Enter a whole number of seats, or leave it empty for no limit.']])) return;
        await busy(form, async () => {
          try {
            const p = await api.put(`licence-pools/${encodeURIComponent(key)}`, { seats: v === '' ? null : Number(v) });
            const msg = `Pool ${key}: ${p.used} used of ${p.seats ?? 'no limit'}.`;
            ctx.announce(msg);
            reload(`${id}-title`, msg);
          } catch (e) { showProblem(form, e, { seat: seats }); }
        });
      });
      return form;
    }));
}

/** A custom role, optionally drawing from a licence pool (created when first named). */
function roleForm(project, ctx, reload) {
  const name = input('name', { required: true });
  const pool = input('licencePool');
  const form = h('form', { class: 'card', dataset: { needs: 'admin' }, 'aria-labelledby': 'new-role-title', novalidate: true, id: 'new-role' },
    h('h2', { id: 'new-role-title' }, 'Add a role'),
    h('div', { class: 'grid' },
      field('new-role-name', 'Role name', name, 'E.g. approvers.'),
      field('new-role-pool', 'Licence pool (optional)', pool, 'Holders of this role take a seat of this pool, e.g. agent-licences.')),
    formError(),
    h('button', { type: 'submit' }, 'Add role'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const n = name.value.trim();
    if (!validate(form, [
      [name, n !== '', 'Enter a role name.'],
      [name, n === '' || /^[a-z0-9][a-z0-9._-]{0,63}$/.test(n), 'Use lower-case letters, digits, dot, dash or underscore.'],
      [name, !project.roles.some((r) => r.name === n), `${project.key} has a role ${n} already.`],
      [pool, pool.value.trim() === '' || KEY.test(pool.value.trim()), 'Use letters, digits, dot, dash or underscore.'],
    ])) return;
    await busy(form, async () => {
      try {
        const r = await api.post(`projects/${encodeURIComponent(project.key)}/roles`, { name: n, licencePool: pool.value.trim() || null });
        const msg = `Role ${r.name} added to ${project.key}.`;
        ctx.announce(msg);
        reload('bindings-title', msg);
      } catch (e) { showProblem(form, e, { role: name, pool, licence: pool, name }); }
    });
  });
  return form;
}

/** Grants and revocations in this project, newest first. */
function eventsSection(project) {
  const events = h('div', { id: 'project-events' }, loading('access events'));
  api.get('access-events', { project: project.key, limit: 50 }).then((list) => replace(events, table({
    id: 'project-events-table',
    rowHeader: false,
    caption: 'Grants and revocations in this project, with their cause (latest 50)',
    empty: 'No grants or revocations recorded.',
    columns: [
      { label: 'When', cell: (e) => time(e.at) },
      { label: 'What', cell: (e) => badge(e.kind.replace('_', ' '), { granted: 'ok', revoked: 'off' }[e.kind] || 'warn') },
      { label: 'User', cell: (e) => h('a', { href: `#/users/${encodeURIComponent(e.userId)}?project=${encodeURIComponent(project.key)}` }, e.userName || e.userId) },
      { label: 'Role', cell: (e) => e.role },
      { label: 'Via', cell: (e) => `${e.viaType} ${e.via}` },
      { label: 'Caused by', cell: (e) => h('code', null, e.cause || '') },
    ],
    rows: list,
  })), (e) => { if (e.status !== 401) replace(events, errorBox(e, 'access events')); });
  return h('section', { 'aria-labelledby': 'events-title' }, h('h2', { id: 'events-title' }, 'Access events'), events);
}
