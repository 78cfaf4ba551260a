// How a role reaches a user: every path (binding on a group, binding on a company) and since when.
import { h, time } from '../dom.js';

/** "collaborators — via group G (binding 7) since …; via company C …" as a list per role. */
export function rolesList(roles) {
  if (!roles || !roles.length) return h('span', { class: 'muted' }, 'no role');
  return h('ul', { class: 'roles' }, roles.map((r) => h('li', null,
    h('strong', null, r.role), ' ',
    h('ul', { class: 'via' }, (r.via || []).map((v) => h('li', null,
      'via ', v.type, ' ', h('span', { class: 'subject' }, v.name),
      v.bindingId ? h('span', { class: 'muted' }, ` (binding ${v.bindingId})`) : null,
      v.since ? [' since ', time(v.since)] : null))))));
}
