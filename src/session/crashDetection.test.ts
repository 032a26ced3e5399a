import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CRASH_AFTER_MS } from '../model/runs/runRecordUpdates';
import { ChangeFeed } from '../store/changeFeed';
import { openStore, type LabbookStore } from '../store/labbookStore';
import { testRun, uniqueDbName } from '../store/testRuns';
import { CRASH_CHECK_INTERVAL_MS, markCrashedRuns, watchForCrashedRuns } from './crashDetection';

const NOW = 10_000_000;
let store: LabbookStore | null = null;
afterEach(() => store?.close());

async function storeWith(...runs: Parameters<typeof testRun>[]): Promise<LabbookStore> {
  store = await openStore({ name: uniqueDbName('crash'), feed: new ChangeFeed(uniqueDbName('feed')) });
  for (const args of runs) await store.createRun(testRun(...args));
  return store;
}

describe('markCrashedRuns', () => {
  it('markCrashedRuns(store, { now }) ends a running run whose heartbeat is more than 30 s old as crashed, at its last heartbeat', async () => {
    expect(CRASH_AFTER_MS).toBe(30_000);
    const s = await storeWith([{ id: 'old', project: 'p' }, NOW - 31_000]);
    expect(await markCrashedRuns(s, { now: NOW })).toEqual(['old']);
    const run = await s.getRun('old');
    expect(run).toMatchObject({ state: 'crashed', exitCode: null, finishedAt: NOW - 31_000, heartbeatAt: NOW - 31_000, updatedAt: NOW });
    expect(run?.error).toBe('no heartbeat for 31 s: the tab was closed or the browser stopped while the run was running');
  });

  it('markCrashedRuns(store, { now }) leaves a running run with a fresh heartbeat running', async () => {
    const s = await storeWith([{ id: 'fresh', project: 'p' }, NOW - 5_000], [{ id: 'edge', project: 'p' }, NOW - 30_000]);
    expect(await markCrashedRuns(s, { now: NOW })).toEqual([]);
    expect((await s.getRun('fresh'))?.state).toBe('running');
    expect((await s.getRun('edge'))?.state).toBe('running');
  });

  it('markCrashedRuns(store, { now }) leaves ended runs alone however old', async () => {
    const s = await storeWith([{ id: 'done', project: 'p', state: 'finished', finishedAt: 1 }, 0], [{ id: 'bad', project: 'q', state: 'failed', error: 'x' }, 0]);
    expect(await markCrashedRuns(s, { now: NOW })).toEqual([]);
    expect(await s.getRun('done')).toMatchObject({ state: 'finished', finishedAt: 1 });
    expect(await s.getRun('bad')).toMatchObject({ state: 'failed', error: 'x' });
  });

  it('markCrashedRuns(store, { now }) handles stale runs across projects and only them', async () => {
    const s = await storeWith([{ id: 'a', project: 'p' }, NOW - 60_000], [{ id: 'b', project: 'q' }, NOW - 90_000], [{ id: 'c', project: 'q' }, NOW - 1_000]);
    expect((await markCrashedRuns(s, { now: NOW })).sort()).toEqual(['a', 'b']);
    expect((await s.listRunsInState('running')).map((r) => r.id)).toEqual(['c']);
    expect((await s.listRunsInState('crashed')).map((r) => r.id).sort()).toEqual(['a', 'b']);
  });

  it('markCrashedRuns(store, { now }) keeps a run whose heartbeat was refreshed after it was listed', async () => {
    const s = await storeWith([{ id: 'racing', project: 'p' }, NOW - 40_000]);
    // Another tab refreshes the heartbeat between the listing and the write: the write re-checks the latest record.
    const listRuns = s.listRunsInState.bind(s);
    s.listRunsInState = async (state) => {
      const runs = await listRuns(state);
      await s.updateRun('racing', (run) => ({ ...run, heartbeatAt: NOW }));
      return runs;
    };
    await markCrashedRuns(s, { now: NOW });
    expect((await s.getRun('racing'))?.state).toBe('running');
  });

  it('markCrashedRuns(store, { isOwned }) never ends a run this tab writes, however old its heartbeat', async () => {
    const s = await storeWith([{ id: 'mine', project: 'p' }, NOW - 60_000], [{ id: 'theirs', project: 'p' }, NOW - 60_000]);
    expect(await markCrashedRuns(s, { now: NOW, isOwned: (id) => id === 'mine' })).toEqual(['theirs']);
    expect((await s.getRun('mine'))?.state).toBe('running');
  });
});

describe('watchForCrashedRuns', () => {
  afterEach(() => vi.useRealTimers());

  it('watchForCrashedRuns(store) ends a run of a tab that went away within 30 s + one interval while this tab stays open', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const start = Date.now();
    const s = await storeWith([{ id: 'orphan', project: 'p' }, start]);
    const crashed = new Promise<void>((resolve) => s.feed.onRun('orphan', () => resolve()));
    const stop = watchForCrashedRuns(s, { isOwned: () => false, onError: (message) => expect.fail(message) });
    // The heartbeat is fresh: checks come and go, the run stays running.
    const early = CRASH_CHECK_INTERVAL_MS * 2;
    await vi.advanceTimersByTimeAsync(early);
    expect((await s.getRun('orphan'))?.state).toBe('running');
    await vi.advanceTimersByTimeAsync(CRASH_AFTER_MS + CRASH_CHECK_INTERVAL_MS - early);
    await crashed;
    expect((await s.getRun('orphan'))?.state).toBe('crashed');
    stop();
  });

  it('watchForCrashedRuns(store) reports a failing check and keeps watching', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const s = await storeWith();
    let calls = 0;
    s.listRunsInState = async () => {
      calls++;
      throw new Error('the database connection is closing');
    };
    const errors: string[] = [];
    const stop = watchForCrashedRuns(s, { isOwned: () => false, onError: (message) => errors.push(message) });
    await vi.advanceTimersByTimeAsync(CRASH_CHECK_INTERVAL_MS * 2);
    stop();
    expect(calls).toBe(3);
    expect(errors[0]).toBe('could not check for crashed runs: the database connection is closing');
  });
});
