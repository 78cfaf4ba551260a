// The progress of a background re-evaluation (users placed again after a company or rule change).
import * as api from '../api.js';
import { h, replace, number } from '../dom.js';

const EVERY_MS = 1000;

/**
 * Shows a re-evaluation in `container` and follows it until it is done or failed, or the container
 * leaves the page. Announces the end. Returns a promise of the last state.
 */
export async function follow(container, reevaluation, ctx) {
  if (!reevaluation) { replace(container); return null; }
  let r = reevaluation;
  for (;;) {
    show(container, r);
    if (r.status !== 'running' || !container.isConnected) break;
    await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
    if (!container.isConnected) break;
    try {
      r = await api.get(`reevaluations/${r.id}`);
    } catch (e) {
      if (e.status !== 401) replace(container, h('p', { class: 'error' }, 'Could not follow the re-evaluation: ' + e.message));
      return null;
    }
  }
  if (container.isConnected) {
    ctx.announce(r.status === 'done'
      ? `Re-evaluation finished: ${r.done} of ${r.total} users checked, ${r.moved} moved.`
      : `Re-evaluation ${r.status}.`);
  }
  return r;
}

function show(container, r) {
  const label = r.status === 'running' ? 'Placing users again' : r.status === 'done' ? 'Users placed again' : 'Re-evaluation failed';
  const bar = h('progress', { id: `reevaluation-${r.id}-bar`, max: String(Math.max(1, r.total)), value: String(r.status === 'done' ? Math.max(1, r.total) : r.done) });
  replace(container, h('div', { class: 'reevaluation', dataset: { status: r.status }, id: 'reevaluation' },
    h('label', { for: bar.id }, `${label}: ${r.reason || ''}`), bar,
    h('p', { class: 'muted', id: 'reevaluation-status' },
      `${r.status}: ${number(r.done)} of ${number(r.total)} checked, ${number(r.moved)} moved`)));
}
