import { createSignal, onCleanup, type Accessor } from 'solid-js';

/** Options of createLiveResource. */
export interface LiveResourceOptions<T> {
  fetch: () => Promise<T>;
  /** Calls `onChange` whenever the data may have changed; returns the unsubscribe function. */
  subscribe: (onChange: () => void) => () => void;
}

/**
 * Data read from the store and re-read when a change notice says it changed. Re-reads are coalesced to one per
 * animation frame and never overlap, so answers arrive in order.
 */
export function createLiveResource<T>(options: LiveResourceOptions<T>): { value: Accessor<T | undefined>; error: Accessor<string | null>; refresh: () => void } {
  const [value, setValue] = createSignal<T>();
  const [error, setError] = createSignal<string | null>(null);
  let frame: number | null = null;
  let inFlight = false;
  let dirty = false;
  let disposed = false;
  // One read at a time: a change during a read marks the data dirty and reads again when it lands, so a read that is
  // slower than the changes arrive still shows up (dropping it for a newer one would leave the view frozen).
  const load = () => {
    frame = null;
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
        if (!disposed) setError(failure instanceof Error ? failure.message : String(failure));
      },
    ).finally(() => {
      inFlight = false;
      if (dirty && !disposed) refresh();
    });
  };
  const refresh = () => {
    if (frame === null) frame = requestAnimationFrame(load);
  };
  load();
  onCleanup(options.subscribe(refresh));
  onCleanup(() => {
    disposed = true;
    if (frame !== null) cancelAnimationFrame(frame);
  });
  return { value, error, refresh };
}
