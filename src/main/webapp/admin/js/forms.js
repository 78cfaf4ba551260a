// Forms that check before they send, show the server's problem+json detail next to the field it
// concerns, and a confirmation dialog that says what a destructive action will change.
import { h, replace } from './dom.js';

/**
 * A labelled control with its hint and its own error line; the control is described by both, so
 * a screen reader reads the error when the control takes focus.
 */
export function field(id, label, control, hint) {
  control.id = id;
  const error = h('p', { id: id + '-error', class: 'field-error', 'aria-live': 'polite' });
  const described = [hint ? id + '-hint' : null, id + '-error'].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', described);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control,
    hint ? h('p', { id: id + '-hint', class: 'hint' }, hint) : null, error);
}

export function input(name, attrs) {
  return h('input', Object.assign({ name, autocomplete: 'off', spellcheck: 'false' }, attrs));
}

export function select(name, options, attrs) {
  return h('select', Object.assign({ name }, attrs),
    options.map(([value, label]) => h('option', { value }, label)));
}

/** Clears every error of a form (field errors and the form's own line). */
export function clearErrors(form) {
  for (const el of form.querySelectorAll('.field-error, .form-error')) el.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

/** Puts a message next to a control, marks it invalid and moves focus to it. */
export function fieldError(control, message, focus = true) {
  const line = document.getElementById(control.id + '-error');
  if (line) line.textContent = message;
  control.setAttribute('aria-invalid', 'true');
  if (focus) control.focus();
}

/**
 * Checks the rules [control, test, message] in order; shows each failure next to its control and
 * focuses the first. True when all pass.
 */
export function validate(form, rules) {
  clearErrors(form);
  let first = null;
  for (const [control, ok, message] of rules) {
    if (ok) continue;
    fieldError(control, message, false);
    first = first || control;
  }
  if (first) first.focus();
  return !first;
}

/**
 * Shows an API error: next to the control whose name (or one of its words) the problem's detail
 * mentions — the server names the field it refuses — otherwise on the form's own line.
 * `controls` maps words to controls, e.g. {name: nameInput, domain: domainsInput}.
 */
export function showProblem(form, error, controls) {
  if (error.status === 401) return; // the app signs out and asks again
  const detail = (error.detail || '').toLowerCase();
  for (const [word, control] of Object.entries(controls || {})) {
    if (control && detail.includes(word.toLowerCase())) {
      fieldError(control, error.detail);
      return;
    }
  }
  const line = form.querySelector('.form-error');
  if (line) {
    line.textContent = error.message;
    line.focus?.();
  }
}

/** The form's line for errors that concern no single field (role=alert: read out at once). */
export function formError() {
  return h('p', { class: 'error form-error', role: 'alert', tabindex: '-1' });
}

/** Disables a form's submit buttons while `work` runs. */
export async function busy(form, work) {
  const buttons = [...form.querySelectorAll('button')];
  buttons.forEach((b) => { b.disabled = true; });
  form.setAttribute('aria-busy', 'true');
  try { return await work(); } finally {
    buttons.forEach((b) => { b.disabled = false; });
    form.removeAttribute('aria-busy');
  }
}

/**
 * A modal confirmation: a title, what will change (nodes), and a confirm button named after the
 * action. Focus goes to Cancel (the safe choice), Escape cancels, and focus returns to the control
 * that opened it. Resolves true when confirmed.
 */
export function confirmAction({ title, body, confirm, danger = true }) {
  const opener = document.activeElement;
  return new Promise((resolve) => {
    const cancelButton = h('button', { type: 'button', class: 'secondary', id: 'confirm-cancel' }, 'Cancel');
    const okButton = h('button', { type: 'button', class: danger ? 'danger' : null, id: 'confirm-ok' }, confirm);
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-body' },
      h('h2', { id: 'confirm-title' }, title),
      h('div', { id: 'confirm-body' }, body),
      h('p', { class: 'actions' }, okButton, ' ', cancelButton));
    const close = (answer) => {
      if (!dialog.open) return;
      dialog.close();
      dialog.remove();
      if (opener && opener.isConnected) opener.focus();
      resolve(answer);
    };
    okButton.addEventListener('click', () => close(true));
    cancelButton.addEventListener('click', () => close(false));
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(false); });
    document.body.append(dialog);
    dialog.showModal();
    cancelButton.focus();
  });
}

/** "1 user" / "3 users" */
export function plural(n, one, many) { return `${Number(n).toLocaleString()} ${n === 1 ? one : (many || one + 's')}`; }

/** Splits "a.example, b.example" or one per line into a list. */
export function list(text) {
  return text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
}

export { replace };
