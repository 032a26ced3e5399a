import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ChangeFeed } from '../../src/store/changeFeed';
import { openStore } from '../../src/store/labbookStore';
import { uniqueDbName } from '../../src/store/testRuns';
import { CHUNK_POINTS } from '../../src/model/history/historyChunks';
import { EVAL_METRIC, writeBenchRuns } from './benchData';
import { SYNTHETIC_METRICS } from './syntheticRuns';

describe('writeBenchRuns', () => {
  it('writeBenchRuns(store, {runs, steps}) stores finished runs with 8 config keys, 4 metrics at every step and their coarse level', async () => {
    const store = await openStore({ name: uniqueDbName('bench-data'), feed: new ChangeFeed(uniqueDbName('feed')) });
    const progress: number[] = [];
    const ids = await writeBenchRuns(store, { project: 'bench', runs: 5, steps: 5000, seed: 4, onProgress: (n) => progress.push(n) });
    expect(ids).toHaveLength(5);
    expect(progress.at(-1)).toBe(5);
    const runs = await store.listRuns('bench');
    expect(runs.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const run of runs) {
      expect(run.state).toBe('finished');
      expect(Object.keys(run.config)).toHaveLength(8);
      expect(Object.keys(run.summary).sort()).toEqual([...SYNTHETIC_METRICS].sort());
      expect(await store.listMetrics(run.id)).toEqual([...SYNTHETIC_METRICS].sort());
      const exact = await store.series(run.id, 'val/acc', { buckets: 10_000 });
      expect(exact.exact).toBe(true);
      expect(exact.x).toHaveLength(5000);
      expect(exact.last[4999]).toBe(run.summary['val/acc']);
    }
    expect(await store.db.count('coarse')).toBe(5 * 4);
    const { series, timings } = await store.seriesOverview({ project: 'bench', metric: 'train/loss', runIds: ids, buckets: 300 });
    expect(timings.coarseRuns).toBe(5);
    // 5,000 steps are 313 coarse buckets, fewer than 1.5 for each of the 300 asked: answered as they are.
    expect(series.map((s) => s.x.length)).toEqual(ids.map(() => 313));


    // The same seed writes the same runs.
    const other = await openStore({ name: uniqueDbName('bench-data-again'), feed: new ChangeFeed(uniqueDbName('feed')) });
    expect(await writeBenchRuns(other, { project: 'bench', runs: 5, steps: 5000, seed: 4 })).toEqual(ids);
    expect((await other.getRun(ids[0]!))?.config).toEqual((await store.getRun(ids[0]!))?.config);
    expect(await other.series(ids[0]!, 'train/loss', { buckets: 100 })).toEqual(await store.series(ids[0]!, 'train/loss', { buckets: 100 }));
    store.close();
    other.close();
  });

  it('writeBenchRuns(store, {minSteps, evalEvery, live}) mixes run lengths, adds a sparse eval metric and leaves the last runs logging', async () => {
    const store = await openStore({ name: uniqueDbName('bench-data-mixed'), feed: new ChangeFeed(uniqueDbName('feed')) });
    const live = new AbortController();
    const ids = await writeBenchRuns(store, { project: 'mixed', runs: 6, steps: 5000, minSteps: 500, evalEvery: 100, live: { runs: 2, signal: live.signal, stepsPerSecond: 7 }, seed: 2 });
    const lengths = await Promise.all(ids.map(async (id) => (await store.db.get('series', [id, 'train/loss']))!.count));
    expect(new Set(lengths).size).toBeGreaterThan(1);
    expect(lengths.every((n) => n >= 500 && n <= 5000)).toBe(true);
    for (const [i, id] of ids.entries()) {
      const evals = await store.series(id, EVAL_METRIC, { buckets: 10_000 });
      expect(evals.exact).toBe(true);
      expect([...evals.x].slice(0, 3)).toEqual([100, 200, 300]);
      expect(evals.x.length).toBe(Math.floor((lengths[i]! - 1) / 100));
    }
    const states = async () => Promise.all(ids.map(async (id) => (await store.getRun(id))!.state));
    expect(await states()).toEqual(['finished', 'finished', 'finished', 'finished', 'running', 'running']);
    for (const id of ids.slice(4)) {
      const index = (await store.db.get('series', [id, 'val/acc']))!;
      expect(index.chunks.at(-1)!.count).toBeLessThan(CHUNK_POINTS);
    }

    // The live runs go on logging 7 steps a batch, then finish when told to stop.
    const liveId = ids[5]!;
    const before = lengths[5]!;
    await expect.poll(async () => (await store.db.get('series', [liveId, 'train/loss']))!.count, { timeout: 5000 }).toBeGreaterThanOrEqual(before + 14);
    live.abort();
    await expect.poll(states, { timeout: 5000 }).toEqual(Array(6).fill('finished'));
    const after = (await store.db.get('series', [liveId, 'train/loss']))!.count;
    expect((after - before) % 7).toBe(0);
    store.close();
  });
});
