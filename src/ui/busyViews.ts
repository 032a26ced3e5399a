/**
 * Views that are busy drawing on open (a workspace reading and drawing 1,000 runs) say so, and start-up work that can
 * wait (the kernel, whose tfjs initialisation takes a core for a second) waits for them: on a 2-core machine it
 * otherwise slows the first draw it competes with.
 */
let busy = 0;
let waiters: (() => void)[] = [];

/**
 * How long no view must be busy before waiters go on. A page's views come in steps (a workspace is busy reading its
 * runs, then mounts the panels in view once the layout says which are), with moments of none busy between; measured
 * here, a waiter let go in such a moment started the kernel in the middle of a workspace's first draw.
 */
const SETTLE_MS = 100;
let settling: ReturnType<typeof setTimeout> | null = null;

/** Marks a view busy until the returned function is called (calling it again does nothing). */
export function markViewBusy(): () => void {
  busy++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    busy--;
    settle();
  };
}

/** Lets the waiters go once no view has been busy for SETTLE_MS. */
function settle(): void {
  if (busy > 0 || settling !== null) return;
  settling = setTimeout(() => {
    settling = null;
    if (busy > 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  }, SETTLE_MS);
}

/** Resolves once no view is busy (for SETTLE_MS), or after `atMostMs` (a view that never finishes must not hold things up forever). */
export function whenViewsIdle(atMostMs: number): Promise<void> {
  return new Promise((resolve) => {
    waiters.push(resolve);
    setTimeout(resolve, atMostMs);
    settle();
  });
}
