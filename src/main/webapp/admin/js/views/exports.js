// Compliance exports (CSV or JSON Lines) and the audit log's integrity check. Downloads go through
// fetch with the bearer header and are handed to the browser as a Blob link.
import * as api from '../api.js';
import { h, number, errorBox, notAvailable, replace } from '../dom.js';

const EXPORTS = [
  {
    key: 'access', title: 'Who has access to what',
    about: 'One row per user, project, role and path, now or at a past instant.',
    fields: ['project', 'at'],
  },
  {
    key: 'access-changes', title: 'Access changes',
    about: 'One row per grant or revocation in a period, with its cause.',
    fields: ['from', 'to'],
  },
  { key: 'users', title: 'Users', about: 'Every user of every directory, with company and state.', fields: [] },
  { key: 'deprovisioning', title: 'Deprovisioning', about: 'Users deactivated or deleted, and the access they lost.', fields: [] },
];

export async function render(view, _params, ctx) {
  ctx.setTitle('Exports');
  let projects = [];
  const projectsError = h('div');
  try {
    projects = await api.get('projects');
  } catch (e) {
    if (e.status === 401) return;
    replace(projectsError, errorBox(e, 'projects'));
  }
  replace(view, h('h1', null, 'Exports'),
    h('p', { class: 'lede' }, 'Downloads for auditors. CSV has a header row; JSON Lines has one object per line. Times are in your browser\u2019s time zone and sent as UTC.'),
    projectsError,
    h('div', { class: 'grid' }, EXPORTS.map((x) => exportForm(x, projects, ctx)), verifyCard(ctx)));
}

function fieldFor(name, x, projects) {
  const id = `${x.key}-${name}`;
  if (name === 'project') {
    return h('div', { class: 'field' }, h('label', { for: id }, 'Project'),
      h('select', { id, name }, h('option', { value: '' }, 'All projects'),
        projects.map((p) => h('option', { value: p.key }, `${p.name} (${p.key})`))));
  }
  const label = { at: 'As of (empty: now)', from: 'From (empty: the beginning)', to: 'To (empty: now)' }[name];
  return h('div', { class: 'field' }, h('label', { for: id }, label), h('input', { id, name, type: 'datetime-local', step: 1 }));
}

function exportForm(x, projects, ctx) {
  const status = h('div', { class: 'result', role: 'status', id: `${x.key}-result` });
  const formatId = `${x.key}-format`;
  const form = h('form', { class: 'card', 'aria-labelledby': `${x.key}-title`, dataset: { export: x.key } },
    h('h2', { id: `${x.key}-title` }, x.title),
    h('p', null, x.about),
    x.fields.map((f) => fieldFor(f, x, projects)),
    h('div', { class: 'field' }, h('label', { for: formatId }, 'Format'),
      h('select', { id: formatId, name: 'format' },
        h('option', { value: 'csv' }, 'CSV'), h('option', { value: 'jsonl' }, 'JSON Lines'))),
    h('button', { type: 'submit' }, `Download ${x.title.toLowerCase()}`),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    const params = {};
    for (const el of form.elements) {
      if (!el.name || !el.value) continue;
      params[el.name] = el.type === 'datetime-local' ? new Date(el.value).toISOString() : el.value;
    }
    const ext = params.format === 'jsonl' ? 'jsonl' : 'csv';
    button.disabled = true;
    replace(status, 'Preparing the download…');
    try {
      const file = await api.download(`exports/${x.key}`, params, `gangway-${x.key}.${ext}`);
      replace(status, `Downloaded ${file.name} (${number(file.size)} bytes).`);
      ctx.announce(`Downloaded ${file.name}.`);
    } catch (e) {
      if (e.status !== 401) replace(status, e.notAvailable ? notAvailable(`the ${x.title.toLowerCase()} export.`) : errorBox(e, 'the export'));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

export function verifyCard(ctx) {
  const result = h('div', { class: 'result', role: 'status', id: 'verify-result' });
  const button = h('button', { type: 'button', id: 'verify-audit' }, 'Verify the audit log');
  button.addEventListener('click', async () => {
    button.disabled = true;
    replace(result, 'Checking every entry against its seal…');
    try {
      const v = await api.get('audit/verify');
      if (v.valid) {
        replace(result, h('p', { class: 'answer yes' }, h('strong', null, 'Intact. '), `${number(v.entries)} entries in ${number(v.blocks ?? 0)} sealed blocks${v.unsealed ? `, ${number(v.unsealed)} waiting to be sealed` : ''}; none altered, removed or inserted.`));
      } else {
        const where = Object.entries(v).filter(([k]) => k !== 'valid')
          .map(([k, val]) => `${k}: ${typeof val === 'object' ? JSON.stringify(val) : val}`).join('; ');
        replace(result, h('p', { class: 'answer no' }, h('strong', null, 'Broken. '), where));
      }
      ctx.announce(v.valid ? 'Audit log intact.' : 'Audit log broken.');
    } catch (e) {
      if (e.status !== 401) replace(result, e.notAvailable ? notAvailable('audit log verification.') : errorBox(e, 'the verification'));
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'verify-title' },
    h('h2', { id: 'verify-title' }, 'Audit log integrity'),
    h('p', null, 'Every state change is one entry, sealed into hash-linked blocks with a key the database does not hold: altering, removing or inserting an entry is detected.'),
    button, result);
}
