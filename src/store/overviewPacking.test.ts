import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appendToCoarse, packCoarse } from '../model/history/coarseLevel';
import { bucketCoarse } from '../model/history/coarseQuery';
import { appendToSeries, emptySeriesIndex, packChunk } from '../model/history/historyChunks';
import { endRun } from '../model/runs/runRecordUpdates';
import { ChangeFeed } from './changeFeed';
import { openStore, type LabbookStore } from './labbookStore';
import { MIGRATIONS } from './migrations';
import { openDatabase } from './openDatabase';
import { COARSE_BLOCKS, MAX_BLOCK_BYTES } from './overviewBlocks';
import { mergeBlocks, planMerge } from './overviewPacking';
import { testRun, uniqueDbName } from './testRuns';

const opened: LabbookStore[] = [];

afterEach(() => {
  vi.restoreAllMocks();
  for (const store of opened.splice(0)) store.close();
});

const KB = 2 ** 10;
const consecutive = (from: number, count: number) => Float64Array.from({ length: count }, (_, i) => from + i);

describe('planMerge', () => {
  const sizes = (...kilobytes: number[]) => kilobytes.map((kb, i) => ({ block: `b${i}`, bytes: kb * KB }));

  it('merges a tier once it holds four blocks, the smallest tier first', () => {
    expect(planMerge(sizes(10, 20, 30))).toBeNull();
    expect(planMerge(sizes(10, 20, 30, 40))).toEqual(['b0', 'b1', 'b2', 'b3']);
    expect(planMerge(sizes(300, 10, 400, 20, 500, 30, 600, 40))).toEqual(['b1', 'b3', 'b5', 'b7']);
    expect(planMerge(sizes(300, 400, 500, 600, 10))).toEqual(['b0', 'b1', 'b2', 'b3']);
  });

  it('never merges full blocks (half the largest block or more), however many there are', () => {
    const full = MAX_BLOCK_BYTES / 2 / KB;
    expect(planMerge(sizes(full, full, full, full, full))).toBeNull();
  });
});

/** Packs runs of 4,096 steps into one block each, straight into the store's overview (as packing would). */
async function blocksOf(store: LabbookStore, runIds: readonly string[]) {
  const steps = consecutive(0, 4096);
  const blocks = runIds.map((runId, i) => COARSE_BLOCKS.record('p', 'loss', [{ runId, chunks: appendToCoarse(null, { runId, metric: 'loss' }, steps, steps.map((s) => s * i)) }]));
  for (const block of blocks) await store.db.put('overview', block);
  return blocks;
}

describe('mergeBlocks', () => {
  it('merges four small blocks into one holding their runs', async () => {
    const store = await openStore({ name: uniqueDbName('merge'), feed: new ChangeFeed(uniqueDbName('feed')) });
    opened.push(store);
    const inputs = await blocksOf(store, ['a', 'b', 'c', 'd']);
    await mergeBlocks(store.db, 'p', 'loss', COARSE_BLOCKS);
    const after = await store.db.getAll('overview');
    expect(after).toHaveLength(1);
    expect(after[0]!.runIds.sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(after[0]!.bytes).toBe(inputs.reduce((sum, block) => sum + block.bytes, 0));
  });

  it('writes nothing when an input block was deleted while its data was read (a run of it was written to meanwhile)', async () => {
    const store = await openStore({ name: uniqueDbName('merge-raced'), feed: new ChangeFeed(uniqueDbName('feed')) });
    opened.push(store);
    const inputs = await blocksOf(store, ['a', 'b', 'c', 'd']);
    const read = Blob.prototype.arrayBuffer;
    vi.spyOn(Blob.prototype, 'arrayBuffer').mockImplementationOnce(async function (this: Blob) {
      await store.db.delete('overview', ['p', 'loss', inputs[2]!.block]);
      return read.call(this);
    });
    await mergeBlocks(store.db, 'p', 'loss', COARSE_BLOCKS);
    const after = await store.db.getAll('overview');
    expect(after.map((block) => block.block).sort()).toEqual([inputs[0]!, inputs[1]!, inputs[3]!].map((block) => block.block).sort());
  });
});

describe('v6: overview blocks built on upgrade', () => {
  it('the v6 migration packs every finished run of each project into blocks, leaves running runs out, and the overview answers as before', async () => {
    const name = uniqueDbName('v5-with-history');
    const v5 = await openDatabase({ name, migrations: MIGRATIONS.slice(0, 5) });
    const steps = consecutive(0, 6000);
    const runs = [
      { id: 'a', project: 'p', state: 'finished' as const, values: steps.map((s) => (s === 4321 ? 1e6 : Math.exp(-s / 1500))) },
      { id: 'b', project: 'p', state: 'crashed' as const, values: steps.map((s) => (s % 500 === 0 ? NaN : Math.sin(s))) },
      { id: 'c', project: 'p', state: 'running' as const, values: steps.map((s) => -s) },
      { id: 'd', project: 'q', state: 'failed' as const, values: steps.map((s) => s) },
    ];
    for (const run of runs) {
      const record = testRun({ id: run.id, project: run.project });
      await v5.put('runs', run.state === 'running' ? record : endRun(record, { state: run.state, exitCode: null, error: null, now: 2_000 }));
      const raw = appendToSeries(emptySeriesIndex(run.id, 'loss'), null, steps, run.values);
      await v5.put('series', raw.index);
      for (const chunk of raw.writes) await v5.put('chunks', packChunk(chunk));
      for (const chunk of appendToCoarse(null, { runId: run.id, metric: 'loss' }, steps, run.values)) await v5.put('coarse', packCoarse(chunk, run.project));
    }
    v5.close();

    const store = await openStore({ name, feed: new ChangeFeed(uniqueDbName('feed')) });
    opened.push(store);
    expect(store.db.version).toBe(MIGRATIONS.length);
    const blocks = await store.db.getAll('overview');
    expect(blocks.map((block) => [block.project, block.metric, [...block.runIds].sort()])).toEqual([
      ['p', 'loss', ['a', 'b']],
      ['q', 'loss', ['d']],
    ]);
    const { series, timings } = await store.seriesOverview({ project: 'p', metric: 'loss', runIds: ['a', 'b', 'c'], buckets: 300 });
    expect(timings).toMatchObject({ packedRuns: 2, looseRuns: 1, coarseRuns: 3 });
    runs.slice(0, 3).forEach((run, i) => expect(series[i], run.id).toEqual(bucketCoarse(appendToCoarse(null, { runId: run.id, metric: 'loss' }, steps, run.values), [0, 5999], 300)));
    expect(Math.max(...series[0]!.max)).toBe(1e6);
  });
});
