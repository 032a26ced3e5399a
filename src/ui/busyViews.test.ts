import { describe, expect, it, vi } from 'vitest';
import { markViewBusy, whenViewsIdle } from './busyViews';

describe('busyViews', () => {
  it('whenViewsIdle waits for every busy view, and a view that calls done twice counts once', async () => {
    const first = markViewBusy();
    const second = markViewBusy();
    let idle = false;
    const waiting = whenViewsIdle(60_000).then(() => (idle = true));
    first();
    first();
    await Promise.resolve();
    expect(idle).toBe(false);
    second();
    await waiting;
    expect(idle).toBe(true);
  });

  it('whenViewsIdle gives up on a view that never finishes after the time given', async () => {
    vi.useFakeTimers();
    const stuck = markViewBusy();
    let idle = false;
    const waiting = whenViewsIdle(5000).then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(4999);
    expect(idle).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(idle).toBe(true);
    stuck();
    vi.useRealTimers();
  });

  it('whenViewsIdle resolves at once when no view is busy', async () => {
    await expect(whenViewsIdle(1)).resolves.toBeUndefined();
  });
});
