import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nearlyFull, StorageMonitor, usedShare, type StorageApi } from './storageMonitor';

/** A StorageManager whose figures the test sets, counting estimate() calls. */
function fakeStorage(usage: number, quota: number): StorageApi & { calls: number; usage: number } {
  const api = {
    calls: 0,
    usage,
    estimate: async () => {
      api.calls++;
      return { usage: api.usage, quota };
    },
    persisted: async () => false,
    persist: async () => false,
  };
  return api;
}

describe('usedShare and nearlyFull', () => {
  it('nearlyFull(figures) is true from 80 % of the quota on', () => {
    expect(nearlyFull({ usage: 79, quota: 100 })).toBe(false);
    expect(nearlyFull({ usage: 80, quota: 100 })).toBe(true);
    expect(usedShare({ usage: 5, quota: 0 })).toBe(0);
    expect(usedShare({ usage: 150, quota: 100 })).toBe(1);
  });
});

describe('StorageMonitor', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('refresh() reads the estimate and tells subscribers', async () => {
    const api = fakeStorage(10, 100);
    const monitor = new StorageMonitor({ api });
    const heard: number[] = [];
    monitor.subscribe((f) => heard.push(f.usage));
    expect(await monitor.refresh()).toEqual({ usage: 10, quota: 100 });
    expect(monitor.current).toEqual({ usage: 10, quota: 100 });
    expect(heard).toEqual([10]);
  });

  it('changed() re-reads at most once per interval, and the last change of a burst is read', async () => {
    const api = fakeStorage(10, 100);
    const monitor = new StorageMonitor({ api, minIntervalMs: 5000 });
    await monitor.refresh();
    for (let i = 0; i < 50; i++) {
      api.usage = 10 + i;
      monitor.changed();
    }
    await vi.advanceTimersByTimeAsync(4000);
    expect(api.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.calls).toBe(2);
    expect(monitor.current).toEqual({ usage: 59, quota: 100 });
    monitor.changed();
    await vi.advanceTimersByTimeAsync(4999);
    expect(api.calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.calls).toBe(3);
    monitor.dispose();
  });

  it('a StorageMonitor without a StorageManager reads nothing and says it is unsupported', async () => {
    const monitor = new StorageMonitor({ api: null });
    expect(monitor.supported).toBe(false);
    expect(await monitor.refresh()).toBeNull();
    monitor.changed();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a failed estimate keeps the last figures', async () => {
    const api = fakeStorage(10, 100);
    const monitor = new StorageMonitor({ api });
    await monitor.refresh();
    api.estimate = () => Promise.reject(new Error('no'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await monitor.refresh()).toEqual({ usage: 10, quota: 100 });
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });
});
