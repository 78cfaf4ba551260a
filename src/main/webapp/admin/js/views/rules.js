// Mapping rules in priority order: add one after previewing who it would move, move rules up and
// down, delete one; each change places the affected users again in the background.
import * as api from '../api.js';
import { h, table, time, errorBox, replace, loading, number } from '../dom.js';
import { field, input, formError, validate, showProblem, busy, confirmAction, plural } from '../forms.js';
import { follow } from './reevaluation.js';

const ATTRIBUTES = [
  ['organization', 'Organization (enterprise)'],
  ['department', 'Department (enterprise)'],
  ['division', 'Division (enterprise)'],
  ['costCenter', 'Cost center (enterprise)'],
  ['company', 'Company (Gangway extension)'],
  ['userType', 'User type (e.g. Guest)'],
  ['title', 'Title'],
  ['displayName', 'Display name'],
];

export async function render(view, _params, ctx) {
  ctx.setTitle('Mapping rules');
  const body = h('div', null, loading('mapping rules'));
  const progress = h('div', { id: 'rules-progress', 'aria-live': 'polite' });
  replace(view, h('h1', null, 'Mapping rules'),
    h('p', { class: 'lede' }, 'Rules decide a user\u2019s company from what the IdP sends. Lower numbers decide first; a company\u2019s email domains apply after the rules. ',
      'Preview a rule before saving it: you see who would move from which company to which.'),
    progress, body);
  let companies;
  try {
    companies = await api.get('companies');
  } catch (e) {
    if (e.status !== 401) replace(body, errorBox(e, 'companies'));
    return;
  }
  const reload = async (focusId) => {
    try {
      const rules = await api.get('mapping-rules');
      replace(body, rulesTable(rules, ctx, progress, reload), addForm(rules, companies.filter((c) => c.status === 'active'), ctx, progress, reload));
      if (focusId) document.getElementById(focusId)?.focus();
    } catch (e) {
      if (e.status !== 401) replace(body, errorBox(e, 'mapping rules'));
    }
  };
  await reload();
}

function describe(when) {
  if (when.groupName) return ['member of a group named ', h('code', null, when.groupName)];
  const short = when.attribute.split(':').pop();
  return [h('code', null, short), ' equals ', h('q', null, when.equals)];
}

function rulesTable(rules, ctx, progress, reload) {
  const move = async (i, delta) => {
    const a = rules[i];
    const b = rules[i + delta];
    // Swap the two priorities; equal ones become one apart so the order really changes.
    let pa = b.priority;
    let pb = a.priority;
    if (pa === pb) { pa = delta < 0 ? Math.max(0, b.priority - 1) : b.priority + 1; pb = b.priority; }
    try {
      const moved = await api.patch(`mapping-rules/${a.id}`, { priority: pa });
      const other = pb !== b.priority ? await api.patch(`mapping-rules/${b.id}`, { priority: pb }) : null;
      // Follow the re-evaluation with more users to place (each moved rule starts one).
      const job = [moved.reevaluation, other?.reevaluation].filter(Boolean).sort((x, y) => y.total - x.total)[0];
      ctx.announce(`Rule ${a.id} moved ${delta < 0 ? 'up' : 'down'}; users it matches are placed again.`);
      await reload(`rule-${a.id}-${delta < 0 ? 'up' : 'down'}`);
      follow(progress, job, ctx);
    } catch (e) { if (e.status !== 401) replace(progress, errorBox(e, 'the new order')); }
  };
  const remove = async (r) => {
    const ok = await confirmAction({
      title: `Delete rule ${r.id}?`,
      body: [h('p', null, 'Rule: ', describe(r.when), ' \u2192 ', h('strong', null, r.company)),
        h('p', null, `The users it placed in ${r.company} are placed again by the remaining rules and domains; `,
          'those no other rule places leave the company, and lose the access its bindings gave them.')],
      confirm: 'Delete rule',
    });
    if (!ok) return;
    try {
      const deleted = await api.del(`mapping-rules/${r.id}`);
      ctx.announce(`Rule ${r.id} deleted.`);
      await reload('rules-title');
      follow(progress, deleted?.reevaluation, ctx);
    } catch (e) { if (e.status !== 401) replace(progress, errorBox(e, 'the deletion')); }
  };
  return h('section', { 'aria-labelledby': 'rules-title' },
    h('h2', { id: 'rules-title', tabindex: '-1' }, 'Rules, first to last'),
    table({
      id: 'rules-table',
      caption: `${plural(rules.length, 'rule')}, in the order they are tried`,
      empty: 'No rules yet: only email domains place users.',
      columns: [
        { label: 'Priority', class: 'num', cell: (r) => String(r.priority) },
        { label: 'When', cell: (r) => describe(r.when) },
        { label: 'Company', cell: (r) => h('a', { href: `#/companies/${encodeURIComponent(r.company)}` }, r.company) },
        { label: 'Added', cell: (r) => time(r.createdAt) },
        { label: 'Actions', cell: (r) => {
          const i = rules.indexOf(r);
          return h('span', { class: 'actions' },
            h('button', { type: 'button', class: 'secondary small', id: `rule-${r.id}-up`, dataset: { needs: 'admin' }, disabled: i === 0,
              'aria-label': `Move rule ${r.id} up`, onclick: () => move(i, -1) }, '\u2191 Up'),
            h('button', { type: 'button', class: 'secondary small', id: `rule-${r.id}-down`, dataset: { needs: 'admin' }, disabled: i === rules.length - 1,
              'aria-label': `Move rule ${r.id} down`, onclick: () => move(i, 1) }, '\u2193 Down'),
            h('button', { type: 'button', class: 'danger small', id: `rule-${r.id}-delete`, dataset: { needs: 'admin' },
              'aria-label': `Delete rule ${r.id}`, onclick: () => remove(r) }, 'Delete'));
        } },
      ],
      rows: rules,
    }));
}

/** Add a rule: preview first (who would move), then save what was previewed. */
function addForm(rules, companies, ctx, progress, reload) {
  const next = rules.length ? Math.max(...rules.map((r) => r.priority)) + 10 : 10;
  const priority = input('priority', { value: String(next), inputmode: 'numeric' });
  const kindAttr = h('input', { type: 'radio', name: 'kind', value: 'attribute', id: 'rule-kind-attribute', checked: true });
  const kindGroup = h('input', { type: 'radio', name: 'kind', value: 'group', id: 'rule-kind-group' });
  const attribute = h('select', { name: 'attribute' }, ATTRIBUTES.map(([v, l]) => h('option', { value: v }, l)));
  const equals = input('equals');
  const groupName = input('groupName');
  const company = h('select', { name: 'company' }, h('option', { value: '' }, 'Choose a company'),
    companies.map((c) => h('option', { value: c.key }, `${c.name} (${c.key})`)));
  const attrFields = h('div', { class: 'grid' }, field('rule-attribute', 'Attribute', attribute), field('rule-equals', 'Equals', equals, 'Compared ignoring case.'));
  const groupFields = h('div', { hidden: true }, field('rule-group', 'Group name pattern', groupName, 'An IdP group name; * matches any text, e.g. Partners-Fabrikam-*.'));
  const previewResult = h('div', { id: 'rule-preview', 'aria-live': 'polite' });
  const save = h('button', { type: 'button', id: 'save-rule', disabled: true }, 'Save rule');
  const previewButton = h('button', { type: 'submit', class: 'secondary', id: 'preview-rule' }, 'Preview');
  const form = h('form', { class: 'card', dataset: { needs: 'admin' }, 'aria-labelledby': 'new-rule-title', novalidate: true, id: 'new-rule' },
    h('h2', { id: 'new-rule-title' }, 'Add a rule'),
    field('rule-priority', 'Priority', priority, 'Lower numbers are tried first.'),
    h('fieldset', null, h('legend', null, 'When'),
      kindAttr, h('label', { for: 'rule-kind-attribute' }, 'an attribute equals a value'),
      kindGroup, h('label', { for: 'rule-kind-group' }, 'the user is in a group whose name matches')),
    attrFields, groupFields,
    field('rule-company', 'Then the user belongs to', company),
    formError(),
    h('p', { class: 'actions' }, previewButton, save),
    previewResult);
  let previewed = null; // the body last previewed; Save sends exactly that
  const body = () => ({
    priority: Number(priority.value),
    when: kindGroup.checked ? { groupName: groupName.value.trim() } : { attribute: attribute.value, equals: equals.value.trim() },
    company: company.value,
  });
  const invalidate = () => {
    if (previewed) { previewed = null; save.disabled = true; replace(previewResult, h('p', { class: 'muted' }, 'Changed since the preview: preview again before saving.')); }
  };
  form.addEventListener('input', invalidate);
  form.addEventListener('change', () => {
    groupFields.hidden = !kindGroup.checked;
    attrFields.hidden = kindGroup.checked;
    invalidate();
  });
  const controls = { priority, attribute, equals: equals, group: groupName, company };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const p = priority.value.trim();
    if (!validate(form, [
      [priority, /^\d+$/.test(p) && Number(p) <= 1000000, 'Enter a whole number from 0 to 1000000.'],
      [equals, kindGroup.checked || equals.value.trim() !== '', 'Enter the value to compare with.'],
      [groupName, !kindGroup.checked || groupName.value.trim() !== '', 'Enter a group name or pattern.'],
      [company, company.value !== '', 'Choose a company.'],
    ])) return;
    const b = body();
    await busy(form, async () => {
      try {
        const preview = await api.post('mapping-rules/preview', b);
        previewed = b;
        const moves = preview.moves || [];
        replace(previewResult,
          h('p', { class: 'answer', id: 'rule-preview-summary' }, h('strong', null, preview.total
            ? `${plural(preview.total, 'user')} would move.` : 'Nobody would move.'), ' Nothing is saved yet.'),
          table({
            id: 'rule-preview-table',
            caption: `Who would move${preview.total > moves.length ? ` (first ${moves.length} of ${number(preview.total)})` : ''}`,
            empty: '',
            columns: [
              { label: 'User', cell: (m) => h('a', { href: `#/users/${encodeURIComponent(m.userId)}` }, m.userName || m.userId) },
              { label: 'From', cell: (m) => m.from || h('span', { class: 'muted' }, 'no company') },
              { label: 'To', cell: (m) => m.to || h('span', { class: 'muted' }, 'no company') },
              { label: 'Why', cell: (m) => m.reason || '' },
            ],
            rows: moves,
          }));
        save.disabled = false;
        ctx.announce(preview.total ? `Preview: ${plural(preview.total, 'user')} would move.` : 'Preview: nobody would move.');
      } catch (e) { showProblem(form, e, controls); }
    });
  });
  save.addEventListener('click', async () => {
    if (!previewed) return;
    await busy(form, async () => {
      try {
        const added = await api.post('mapping-rules', previewed);
        ctx.announce(`Rule ${added.id} saved; users are placed again.`);
        await reload('rules-title');
        follow(progress, added.reevaluation, ctx);
      } catch (e) { showProblem(form, e, controls); }
    });
  });
  return form;
}
