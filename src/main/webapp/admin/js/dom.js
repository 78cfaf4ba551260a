// Small DOM helpers. Everything the server sends becomes text nodes, never HTML.

/** h('a', {href: '#/x', class: 'c'}, 'text', child, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** A table with a caption, column headers and one row per item; `empty` when there are none. */
export function table({ caption, columns, rows, empty = 'None.', id, rowHeader = true }) {
  if (!rows.length) return h('p', { class: 'empty', id }, empty);
  return h('div', { class: 'table-wrap' },
    h('table', { id },
      h('caption', null, caption),
      h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)))),
      h('tbody', null, rows.map((row) => h('tr', null, columns.map((c, i) =>
        i === 0 && rowHeader ? h('th', { scope: 'row', class: c.class }, c.cell(row)) : h('td', { class: c.class }, c.cell(row))))))));
}

/** A timestamp shown in the reader's locale, with the exact instant kept in datetime and title. */
export function time(iso) {
  if (!iso) return h('span', { class: 'muted' }, 'never');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return h('time', { datetime: iso, title: iso }, d.toLocaleString(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }));
}

export function badge(text, kind) {
  return h('span', { class: 'badge badge-' + (kind || String(text).toLowerCase()) }, text);
}

export function number(n) {
  return n === undefined || n === null ? '–' : Number(n).toLocaleString();
}

/** A definition list from [term, description] pairs. */
export function facts(pairs, attrs) {
  return h('dl', Object.assign({ class: 'facts' }, attrs), pairs.map(([term, desc, id]) =>
    h('div', { class: 'fact' }, h('dt', null, term), h('dd', { id }, desc))));
}

export function errorBox(error, what) {
  return h('div', { class: 'notice notice-error', role: 'alert' },
    h('p', null, h('strong', null, what ? `Could not load ${what}. ` : 'Something went wrong. '), error.message || String(error)));
}

export function notAvailable(what) {
  return h('div', { class: 'notice notice-info' },
    h('p', null, h('strong', null, 'Not available: '), what,
      ' This server does not offer it yet; it appears here once the server is updated.'));
}

/** Replaces the children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function loading(what) {
  return h('p', { class: 'muted', role: 'status' }, `Loading ${what}…`);
}
