import { afterEach, describe, expect, it, vi } from 'vitest';
import { markViewBusy, whenViewsIdle } from './busyViews';

afterEach(() => vi.useRealTimers());

describe('busyViews', () => {
  it('whenViewsIdle waits for every busy view, and a view that calls done twice counts once', async () => {
    vi.useFakeTimers();
    const first = markViewBusy();
    const second = markViewBusy();
    let idle = false;
    const waiting = whenViewsIdle(60_000).then(() => (idle = true));
    first();
    first();
    await vi.advanceTimersByTimeAsync(1000);
    expect(idle).toBe(false);
    second();
    await vi.advanceTimersByTimeAsync(100);
    await waiting;
    expect(idle).toBe(true);
  });

  it('a view that becomes busy within 100 ms of the last one finishing still holds the waiters (views come in steps)', async () => {
    vi.useFakeTimers();
    const page = markViewBusy();
    let idle = false;
    const waiting = whenViewsIdle(60_000).then(() => (idle = true));
    page();
    await vi.advanceTimersByTimeAsync(60);
    const panel = markViewBusy();
    await vi.advanceTimersByTimeAsync(1000);
    expect(idle).toBe(false);
    panel();
    await vi.advanceTimersByTimeAsync(99);
    expect(idle).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
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
    await vi.advanceTimersByTimeAsync(100);
  });

  it('whenViewsIdle resolves soon when no view is busy', async () => {
    vi.useFakeTimers();
    const waiting = whenViewsIdle(60_000);
    await vi.advanceTimersByTimeAsync(100);
    await expect(waiting).resolves.toBeUndefined();
  });
});
