import { createSignal, onCleanup, type Accessor } from 'solid-js';

/** Options of createLiveResource. */
export interface LiveResourceOptions<T> {
  fetch: () => Promise<T>;
  /** Calls `onChange` whenever the data may have changed; returns the unsubscribe function. */
  subscribe: (onChange: () => void) => () => void;
}

/**
 * Data read from the store and re-read when a change notice says it changed. Re-reads are coalesced to one per
 * animation frame, and a late answer never overwrites a newer one (results are versioned, not cancelled).
 */
export function createLiveResource<T>(options: LiveResourceOptions<T>): { value: Accessor<T | undefined>; error: Accessor<string | null>; refresh: () => void } {
  const [value, setValue] = createSignal<T>();
  const [error, setError] = createSignal<string | null>(null);
  let version = 0;
  let scheduled = false;
  const load = () => {
    scheduled = false;
    const mine = ++version;
    options.fetch().then(
      (result) => {
        if (mine === version) {
          setValue(() => result);
          setError(null);
        }
      },
      (failure: unknown) => {
        if (mine === version) setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
  };
  const refresh = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(load);
  };
  load();
  onCleanup(options.subscribe(refresh));
  return { value, error, refresh };
}
