// Runs `tick` now and then every `ms` while the tab is visible; one call at a time.
// Returns the stop function a view hands back to the router; stop.now() refreshes at once.
// A refresh asked for while a tick runs is not dropped: it runs as soon as that tick ends
// (otherwise a change made during a slow tick showed only a whole period later).
export function poll(tick, ms) {
  let stopped = false;
  let running = false;
  let again = false;
  let timer = null;
  const run = async () => {
    if (stopped) return;
    if (running) { again = true; return; }
    if (document.visibilityState === 'hidden') { schedule(); return; }
    running = true;
    try { await tick(); } finally {
      running = false;
      if (again) { again = false; run(); } else schedule();
    }
  };
  const schedule = () => { if (!stopped) { clearTimeout(timer); timer = setTimeout(run, ms); } };
  const onVisible = () => { if (document.visibilityState === 'visible') run(); };
  document.addEventListener('visibilitychange', onVisible);
  run();
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
  stop.now = () => { clearTimeout(timer); run(); }; // refresh at once, e.g. after a change
  return stop;
}
