import { errorMessage } from '../lib/errorMessage';
import { createSignal, onCleanup, type Accessor } from 'solid-js';

/** Options of createLiveResource. */
export interface LiveResourceOptions<T> {
  fetch: () => Promise<T>;
  /** Calls `onChange` whenever the data may have changed; returns the unsubscribe function. */
  subscribe: (onChange: () => void) => () => void;
  /** At most one read per this many milliseconds after change notices (default: one per frame), for data that changes in bursts. */
  minIntervalMs?: number;
}

/**
 * Data read from the store and re-read when a change notice says it changed or the view calls refresh. Re-reads are
 * coalesced and never overlap, so answers arrive in order.
 */
export function createLiveResource<T>(options: LiveResourceOptions<T>): { value: Accessor<T | undefined>; error: Accessor<string | null>; refresh: () => void } {
  const [value, setValue] = createSignal<T>();
  const [error, setError] = createSignal<string | null>(null);
  let frame: number | null = null;
  let delay: ReturnType<typeof setTimeout> | null = null;
  let lastLoad = -Infinity;
  let inFlight = false;
  let dirty = false;
  let disposed = false;
  // One read at a time: a change during a read marks the data dirty and reads again when it lands, so a read that is
  // slower than the changes arrive still shows up (dropping it for a newer one would leave the view frozen).
  const load = () => {
    frame = null;
    delay = null;
    lastLoad = performance.now();
    if (inFlight) {
      dirty = true;
      return;
    }
    inFlight = true;
    dirty = false;
    options.fetch().then(
      (result) => {
        if (!disposed) {
          setValue(() => result);
          setError(null);
        }
      },
      (failure: unknown) => {
        if (!disposed) setError(errorMessage(failure));
      },
    ).finally(() => {
      inFlight = false;
      if (dirty && !disposed) refresh();
    });
  };
  let soon = false;
  // Change notices are coalesced to one read per frame and held to minIntervalMs. A refresh the view asks for (its
  // inputs changed: a zoom, a new width) reads as soon as the current task ends, overtaking a held notice: waiting out
  // the interval delayed a panel's first read by up to 250 ms, and the frame a zoom by up to 16 ms.
  const onNotice = () => {
    if (frame !== null || soon) return;
    const wait = (options.minIntervalMs ?? 0) - (performance.now() - lastLoad);
    if (wait > 0) delay ??= setTimeout(() => (frame = requestAnimationFrame(load)), wait);
    else frame = requestAnimationFrame(load);
  };
  const refresh = () => {
    if (soon) return;
    soon = true;
    if (frame !== null) cancelAnimationFrame(frame);
    if (delay !== null) clearTimeout(delay);
    queueMicrotask(() => {
      soon = false;
      if (!disposed) load();
    });
  };
  load();
  onCleanup(options.subscribe(onNotice));
  onCleanup(() => {
    disposed = true;
    if (frame !== null) cancelAnimationFrame(frame);
    if (delay !== null) clearTimeout(delay);
  });
  return { value, error, refresh };
}
