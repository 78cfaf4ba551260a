// What the browser tests (dashboard.test.mjs, oidc.test.mjs) share: how Chromium is started and
// how a step is run and reported.

/** Debian's Chromium, headless, without a sandbox (the CI runs as root) or background traffic. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * A step runner: `step(name, fn, context)` runs `fn`, records `{name, ok}` in `results`, prints
 * "ok"/"FAIL" with the time taken (a failure's message passed through `redact`), and on a failure
 * awaits `onFailure(name, context)` (a screenshot, closing what would block the next steps).
 */
export function stepRunner({ results, redact, onFailure = async () => {} }) {
  return async (name, fn, context) => {
    const t = Date.now();
    try {
      await fn();
      results.push({ name, ok: true });
      console.log(`ok   ${name} (${Date.now() - t} ms)`);
    } catch (e) {
      results.push({ name, ok: false });
      console.log(`FAIL ${name} (${Date.now() - t} ms)\n     ${redact(e.message).split('\n').join('\n     ')}`);
      await onFailure(name, context);
    }
  };
}
