// Runs `tick` now and then every `ms` while the tab is visible; one call at a time.
// Returns the stop function a view hands back to the router; stop.now() refreshes at once.
export function poll(tick, ms) {
  let stopped = false;
  let running = false;
  let timer = null;
  const run = async () => {
    if (stopped || running) return;
    if (document.visibilityState === 'hidden') { schedule(); return; }
    running = true;
    try { await tick(); } finally { running = false; schedule(); }
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
