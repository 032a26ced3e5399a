/**
 * Views that are busy drawing on open (a workspace reading and drawing 1,000 runs) say so, and start-up work that can
 * wait (the kernel, whose tfjs initialisation takes a core for a second) waits for them: on a 2-core machine it
 * otherwise slows the first draw it competes with.
 */
let busy = 0;
let waiters: (() => void)[] = [];

/** Marks a view busy until the returned function is called (calling it again does nothing). */
export function markViewBusy(): () => void {
  busy++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    busy--;
    if (busy > 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };
}

/** Resolves once no view is busy, or after `atMostMs` (a view that never finishes must not hold things up forever). */
export function whenViewsIdle(atMostMs: number): Promise<void> {
  if (busy === 0) return Promise.resolve();
  return new Promise((resolve) => {
    waiters.push(resolve);
    setTimeout(resolve, atMostMs);
  });
}
