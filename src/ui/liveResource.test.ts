import { createRoot } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLiveResource } from './liveResource';

/** A resource whose reads each take 100 ms and count themselves; `notify` sends a change notice. */
function slowResource(minIntervalMs: number) {
  const reads: number[] = [];
  let notify = () => {};
  const resource = createRoot(() =>
    createLiveResource({
      fetch: async () => {
        reads.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 100));
        return reads.length;
      },
      subscribe: (onChange) => {
        notify = onChange;
        return () => {};
      },
      minIntervalMs,
    }),
  );
  return { resource, reads, notify: () => notify() };
}

describe('createLiveResource', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => setTimeout(callback, 16) as unknown as number);
    vi.stubGlobal('cancelAnimationFrame', (id: number) => clearTimeout(id));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('change notices are coalesced and held to minIntervalMs after the last read began', async () => {
    const { reads, notify } = slowResource(1000);
    await vi.advanceTimersByTimeAsync(50);
    notify();
    notify();
    await vi.advanceTimersByTimeAsync(3000);
    expect(reads).toEqual([0, 1016]);
  });

  it('a refresh the view asks for reads at once, and right after a read in flight, not held to minIntervalMs', async () => {
    const { resource, reads, notify } = slowResource(1000);
    await vi.advanceTimersByTimeAsync(50);
    resource.refresh();
    notify();
    await vi.advanceTimersByTimeAsync(100);
    expect(reads).toEqual([0, 100]);
    await vi.advanceTimersByTimeAsync(3000);
    expect(resource.value()).toBe(2);
    resource.refresh();
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toHaveLength(3);
  });
});
