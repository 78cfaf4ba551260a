// The audit log: every state change, filtered by period, actor and target, a page at a time; and
// the one-button check that the sealed chain is intact.
import * as api from '../api.js';
import { h, table, time, errorBox, replace, loading } from '../dom.js';
import { field, input, formError, validate, showProblem } from '../forms.js';
import { verifyCard } from './exports.js';

const PAGE = 50;
const FILTERS = ['from', 'to', 'actor', 'targetType', 'targetId'];

export async function render(view, { query }, ctx) {
  ctx.setTitle('Audit log');
  const f = Object.fromEntries(FILTERS.map((k) => [k, query.get(k) || '']));
  const after = Number(query.get('after')) || 0;
  const from = input('from', { type: 'datetime-local', step: '1' });
  const to = input('to', { type: 'datetime-local', step: '1' });
  if (f.from) from.value = local(f.from);
  if (f.to) to.value = local(f.to);
  const actor = input('actor', { value: f.actor });
  const targetType = h('select', { name: 'targetType' }, ['', 'directory', 'company', 'mapping_rule', 'project', 'binding', 'licence_pool', 'user', 'group']
    .map((t) => h('option', { value: t, selected: t === f.targetType }, t || 'Any')));
  const targetId = input('targetId', { value: f.targetId });
  const form = h('form', { class: 'card', 'aria-labelledby': 'audit-filter-title', novalidate: true, id: 'audit-filter' },
    h('h2', { id: 'audit-filter-title' }, 'Filter'),
    h('div', { class: 'grid' },
      field('audit-from', 'From (your time zone)', from),
      field('audit-to', 'To', to),
      field('audit-actor', 'Actor', actor, 'admin, or directory:<id>'),
      field('audit-target-type', 'Target type', targetType),
      field('audit-target-id', 'Target id or key', targetId)),
    formError(),
    h('p', { class: 'actions' }, h('button', { type: 'submit' }, 'Show entries'),
      h('a', { href: '#/audit' }, 'Clear filters')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!validate(form, [[to, !from.value || !to.value || new Date(from.value) <= new Date(to.value), 'To must not be before From.']])) return;
    const q = new URLSearchParams();
    if (from.value) q.set('from', new Date(from.value).toISOString());
    if (to.value) q.set('to', new Date(to.value).toISOString());
    for (const [k, el] of [['actor', actor], ['targetType', targetType], ['targetId', targetId]]) if (el.value.trim()) q.set(k, el.value.trim());
    const hash = '#/audit' + (q.toString() ? '?' + q : '');
    if (location.hash === hash) render(view, { query: q }, ctx); else ctx.go(hash);
  });
  const results = h('div', { id: 'audit-results' }, loading('audit entries'));
  replace(view, h('h1', null, 'Audit log'),
    h('p', { class: 'lede' }, 'One entry per state change: who (an admin or a directory), what, on which target, with the before and after. Oldest first.'),
    form, results, verifyCard(ctx));
  const params = Object.fromEntries(Object.entries(f).filter(([, v]) => v));
  try {
    const entries = await api.get('audit', { ...params, after, limit: PAGE });
    const base = new URLSearchParams(params);
    const nextQ = new URLSearchParams(base);
    if (entries.length) nextQ.set('after', String(entries[entries.length - 1].seq));
    replace(results,
      table({
        id: 'audit-table',
        rowHeader: false,
        caption: `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}${after ? ` after #${after}` : ''}${entries.length === PAGE ? ' (more on the next page)' : ''}`,
        empty: 'No entries match.',
        columns: [
          { label: '#', class: 'num', cell: (r) => String(r.seq) },
          { label: 'When', cell: (r) => time(r.at) },
          { label: 'Actor', cell: (r) => h('code', null, r.actor) },
          { label: 'Action', cell: (r) => h('code', null, r.action) },
          { label: 'Target', cell: (r) => `${r.targetType} ${r.targetId}` },
          { label: 'Detail', cell: (r) => h('code', { class: 'detail' }, r.detail ? JSON.stringify(r.detail) : '') },
        ],
        rows: entries,
      }),
      h('nav', { class: 'pager', 'aria-label': 'Pages' },
        after ? h('a', { href: '#/audit' + (base.toString() ? '?' + base : '') }, '\u2190 First page') : null,
        entries.length === PAGE ? h('a', { href: '#/audit?' + nextQ, rel: 'next' }, 'Next page \u2192') : null));
    ctx.announce(`${entries.length} audit entries shown.`);
  } catch (e) {
    if (e.status === 401) return;
    showProblem(form, e, { from, to, actor, targettype: targetType, target: targetId, after: form.querySelector('.form-error') });
    replace(results, errorBox(e, 'audit entries'));
  }
}

/** An ISO instant as the value of a datetime-local control, in the reader's time zone. */
function local(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
