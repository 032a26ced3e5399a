import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CRASH_AFTER_MS } from '../model/runs/runRecordUpdates';
import { ChangeFeed } from '../store/changeFeed';
import { openStore, type LabbookStore } from '../store/labbookStore';
import { testRun, uniqueDbName } from '../store/testRuns';
import { markCrashedRuns } from './crashDetection';

const NOW = 10_000_000;
let store: LabbookStore | null = null;
afterEach(() => store?.close());

async function storeWith(...runs: Parameters<typeof testRun>[]): Promise<LabbookStore> {
  store = await openStore({ name: uniqueDbName('crash'), feed: new ChangeFeed(uniqueDbName('feed')) });
  for (const args of runs) await store.createRun(testRun(...args));
  return store;
}

describe('markCrashedRuns', () => {
  it('markCrashedRuns(store, now) ends a running run whose heartbeat is more than 30 s old as crashed, at its last heartbeat', async () => {
    expect(CRASH_AFTER_MS).toBe(30_000);
    const s = await storeWith([{ id: 'old', project: 'p' }, NOW - 31_000]);
    expect(await markCrashedRuns(s, NOW)).toEqual(['old']);
    const run = await s.getRun('old');
    expect(run).toMatchObject({ state: 'crashed', exitCode: null, finishedAt: NOW - 31_000, heartbeatAt: NOW - 31_000, updatedAt: NOW });
    expect(run?.error).toBe('no heartbeat for 31 s: the tab was closed or the browser stopped while the run was running');
  });

  it('markCrashedRuns(store, now) leaves a running run with a fresh heartbeat running', async () => {
    const s = await storeWith([{ id: 'fresh', project: 'p' }, NOW - 5_000], [{ id: 'edge', project: 'p' }, NOW - 30_000]);
    expect(await markCrashedRuns(s, NOW)).toEqual([]);
    expect((await s.getRun('fresh'))?.state).toBe('running');
    expect((await s.getRun('edge'))?.state).toBe('running');
  });

  it('markCrashedRuns(store, now) leaves ended runs alone however old', async () => {
    const s = await storeWith([{ id: 'done', project: 'p', state: 'finished', finishedAt: 1 }, 0], [{ id: 'bad', project: 'q', state: 'failed', error: 'x' }, 0]);
    expect(await markCrashedRuns(s, NOW)).toEqual([]);
    expect(await s.getRun('done')).toMatchObject({ state: 'finished', finishedAt: 1 });
    expect(await s.getRun('bad')).toMatchObject({ state: 'failed', error: 'x' });
  });

  it('markCrashedRuns(store, now) handles stale runs across projects and only them', async () => {
    const s = await storeWith([{ id: 'a', project: 'p' }, NOW - 60_000], [{ id: 'b', project: 'q' }, NOW - 90_000], [{ id: 'c', project: 'q' }, NOW - 1_000]);
    expect((await markCrashedRuns(s, NOW)).sort()).toEqual(['a', 'b']);
    expect((await s.listRunsInState('running')).map((r) => r.id)).toEqual(['c']);
    expect((await s.listRunsInState('crashed')).map((r) => r.id).sort()).toEqual(['a', 'b']);
  });

  it('markCrashedRuns(store, now) keeps a run whose heartbeat was refreshed after it was listed', async () => {
    const s = await storeWith([{ id: 'racing', project: 'p' }, NOW - 40_000]);
    // Another tab refreshes the heartbeat between the listing and the write: the write re-checks the latest record.
    const listRuns = s.listRunsInState.bind(s);
    s.listRunsInState = async (state) => {
      const runs = await listRuns(state);
      await s.updateRun('racing', (run) => ({ ...run, heartbeatAt: NOW }));
      return runs;
    };
    await markCrashedRuns(s, NOW);
    expect((await s.getRun('racing'))?.state).toBe('running');
  });
});
