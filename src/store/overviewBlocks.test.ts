import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appendToCoarse } from '../model/history/coarseLevel';
import { bucketCoarse } from '../model/history/coarseQuery';
import { unpackOverviewBlock } from '../model/history/overviewBlock';
import { endRun, withHeartbeat, withSummary } from '../model/runs/runRecordUpdates';
import type { RunRecord } from '../model/runs/runTypes';
import { ChangeFeed } from './changeFeed';
import type { OverviewAnswer, OverviewQuery } from './historyReads';
import { COARSE_BLOCKS } from './overviewBlocks';
import { openStore, type LabbookStore } from './labbookStore';
import { testRun, uniqueDbName } from './testRuns';

const opened: LabbookStore[] = [];

async function freshStore(label: string): Promise<LabbookStore> {
  const store = await openStore({ name: uniqueDbName(label), feed: new ChangeFeed(uniqueDbName('feed')) });
  opened.push(store);
  return store;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const store of opened.splice(0)) store.close();
});

const consecutive = (from: number, count: number) => Float64Array.from({ length: count }, (_, i) => from + i);
const finish = (run: RunRecord) => endRun(run, { state: 'finished', exitCode: 0, error: null, now: 2_000 });
const crash = (run: RunRecord) => endRun(run, { state: 'crashed', exitCode: null, error: 'no heartbeat', now: 2_000 });
const keep = (run: RunRecord) => run;

/** A run's points of one metric. */
interface Points {
  steps: Float64Array;
  values: Float64Array;
}

/** Runs of every shape the overview meets: lengths, every 10 steps, a late start, two coarse chunks, NaN, ±Infinity, a spike. */
function shapes(): Map<string, Points> {
  const wave = (steps: Float64Array, seed: number) => steps.map((s) => Math.sin(s / 500 + seed) + ((s * 7919 + seed) % 13) / 100);
  const spiky = consecutive(0, 10_000);
  const everyTen = consecutive(0, 5000).map((i) => i * 10);
  const late = consecutive(3, 6000);
  const long = consecutive(0, 70_000);
  const short = consecutive(0, 5000);
  return new Map([
    ['r-spiky', { steps: spiky, values: wave(spiky, 1).map((v, s) => (s === 4321 ? 1e6 : s === 77 ? NaN : s === 5000 ? Infinity : s === 6001 ? -Infinity : v)) }],
    ['r-every-ten', { steps: everyTen, values: wave(everyTen, 2) }],
    ['r-late', { steps: late, values: wave(late, 3) }],
    ['r-long', { steps: long, values: wave(long, 4) }],
    ['r-short', { steps: short, values: wave(short, 5).map((v, i) => (i % 97 === 0 ? NaN : v)) }],
  ]);
}

/** Writes the runs' points (in batches of 3,000, as a live run flushes) into project `p`, leaving them running. */
async function writeRuns(store: LabbookStore, runs: Map<string, Points>, metric = 'loss'): Promise<void> {
  for (const [id, { steps, values }] of runs) {
    await store.createRun(testRun({ id, project: 'p' }));
    for (let from = 0; from < steps.length; from += 3000) {
      await store.appendHistory(id, { metrics: [metric], steps: [steps.slice(from, from + 3000)], values: [values.slice(from, from + 3000)] }, keep);
    }
  }
}

/** What the coarse level answers for these points: bucketing the chunks appendToCoarse makes of them all at once. */
function reference(runId: string, { steps, values }: Points, xRange: [number, number] | undefined, buckets: number) {
  const range = xRange ?? [Math.floor(steps[0]! / 16) * 16, steps[steps.length - 1]!];
  return bucketCoarse(appendToCoarse(null, { runId, metric: 'loss' }, steps, values), range, buckets);
}

/** A run's points with `steps` appended, valued by `value`. */
function grown(points: Points, steps: Float64Array, value: (step: number) => number): Points {
  return { steps: Float64Array.from([...points.steps, ...steps]), values: Float64Array.from([...points.values, ...steps.map(value)]) };
}

/** The shapes, written and taken for crashed by another tab, then packed: each in one block. */
async function crashedAndPacked(label: string) {
  const store = await freshStore(label);
  const runs = shapes();
  await writeRuns(store, runs);
  const runIds = [...runs.keys()];
  for (const id of runIds) await store.updateRun(id, crash);
  await store.whenOverviewPacked();
  expect(await store.db.countFromIndex('overview', 'by_run', 'r-late')).toBe(1);
  return { store, runs, runIds };
}

const QUERIES: { xRange?: [number, number]; buckets: number }[] = [{ buckets: 1000 }, { buckets: 97 }, { xRange: [2000, 9000], buckets: 300 }];

describe('overview blocks', () => {
  it('once runs end, seriesOverview reads them from blocks and answers every query with the same buckets as their coarse chunks', async () => {
    const store = await freshStore('packed-equal');
    const runs = shapes();
    await writeRuns(store, runs);
    const runIds = [...runs.keys()];
    const query = (q: (typeof QUERIES)[number]): OverviewQuery => ({ project: 'p', metric: 'loss', runIds, ...q });
    const before = await Promise.all(QUERIES.map((q) => store.seriesOverview(query(q))));
    for (const answer of before) expect(answer.timings).toMatchObject({ coarseRuns: runIds.length, packedRuns: 0, blocks: 0, looseRuns: runIds.length });

    for (const id of runIds) await store.updateRun(id, finish);
    await store.whenOverviewPacked();
    const after = await Promise.all(QUERIES.map((q) => store.seriesOverview(query(q))));
    QUERIES.forEach((q, i) => {
      expect(after[i]!.timings).toMatchObject({ coarseRuns: runIds.length, packedRuns: runIds.length, blocks: 1, looseRuns: 0 });
      expect(after[i]!.series, JSON.stringify(q)).toEqual(before[i]!.series);
      runIds.forEach((id, r) => expect(after[i]!.series[r], `${id} ${JSON.stringify(q)}`).toEqual(reference(id, runs.get(id)!, q.xRange, q.buckets)));
    });
    const spiky = after[0]!.series[0]!;
    expect(Math.max(...spiky.max)).toBe(Infinity);
    expect(spiky.max).toContain(1e6);
    expect(Math.min(...spiky.min)).toBe(-Infinity);
  });

  it('a run still logging is read from its own coarse chunks, its newest points included, beside finished runs read from a block', async () => {
    const store = await freshStore('live-tail');
    const runs = shapes();
    await writeRuns(store, runs);
    const finished = ['r-spiky', 'r-late', 'r-long'];
    for (const id of finished) await store.updateRun(id, finish);
    await store.whenOverviewPacked();

    const live = runs.get('r-short')!;
    const more = consecutive(5000, 1234);
    await store.appendHistory('r-short', { metrics: ['loss'], steps: [more], values: [more.map((s) => (s === 6000 ? -1e6 : Math.cos(s)))] }, keep);
    const liveGrown = grown(live, more, (s) => (s === 6000 ? -1e6 : Math.cos(s)));
    const runIds = [...finished, 'r-short'];
    const { series, timings } = await store.seriesOverview({ project: 'p', metric: 'loss', runIds, buckets: 500 });
    expect(timings).toMatchObject({ packedRuns: 3, looseRuns: 1, coarseRuns: 4 });
    expect(series[3]).toEqual(reference('r-short', liveGrown, undefined, 500));
    expect(Math.min(...series[3]!.min)).toBe(-1e6);
    finished.forEach((id, i) => expect(series[i], id).toEqual(reference(id, runs.get(id)!, undefined, 500)));
  });

  it('a packed run written to again (another tab took it for crashed, and its owner was alive) leaves its blocks, and is packed again with its new points', async () => {
    const { store, runs, runIds } = await crashedAndPacked('revived');

    const more = consecutive(6003, 3000);
    await store.appendHistory('r-late', { metrics: ['loss'], steps: [more], values: [more.map((s) => s / 1000)] }, (run) => withSummary(run, {}, 3_000));
    expect(await store.db.countFromIndex('overview', 'by_run', 'r-late')).toBe(0);
    const late = grown(runs.get('r-late')!, more, (s) => s / 1000);
    const loose = await store.seriesOverview({ project: 'p', metric: 'loss', runIds, buckets: 400 });
    expect(loose.timings.packedRuns).toBe(0);
    expect(loose.series[2]).toEqual(reference('r-late', late, undefined, 400));

    // Revived (running again), it stays out of blocks until it ends; the runs that shared its block are packed again.
    await store.whenOverviewPacked();
    const repacked = await store.seriesOverview({ project: 'p', metric: 'loss', runIds, buckets: 400 });
    expect(repacked.timings).toMatchObject({ packedRuns: runIds.length - 1, looseRuns: 1 });
    await store.updateRun('r-late', finish);
    await store.whenOverviewPacked();
    const final = await store.seriesOverview({ project: 'p', metric: 'loss', runIds, buckets: 400 });
    expect(final.timings).toMatchObject({ packedRuns: runIds.length, looseRuns: 0 });
    expect(final.series).toEqual(loose.series);
  });

  it('a packed run running again on its owner\'s heartbeat (another tab took it for crashed) leaves its blocks at once, so its next batches are read', async () => {
    const { store, runs, runIds } = await crashedAndPacked('heartbeat-revive');

    expect((await store.updateRun('r-late', (run) => withHeartbeat(run, 3_000))).state).toBe('running');
    expect(await store.db.countFromIndex('overview', 'by_run', 'r-late')).toBe(0);
    const more = consecutive(6003, 3000);
    await store.appendHistory('r-late', { metrics: ['loss'], steps: [more], values: [more.map((s) => -s)] }, keep);
    const late = grown(runs.get('r-late')!, more, (s) => -s);
    await store.whenOverviewPacked();
    const { series, timings } = await store.seriesOverview({ project: 'p', metric: 'loss', runIds, buckets: 400 });
    expect(timings).toMatchObject({ packedRuns: runIds.length - 1, looseRuns: 1 });
    expect(series[2]).toEqual(reference('r-late', late, undefined, 400));
  });

  it('a query asking a few runs of a large block reads them from their coarse chunks instead of the whole block', async () => {
    const store = await freshStore('few-of-many');
    const steps = consecutive(0, 4096);
    const runs = new Map(Array.from({ length: 20 }, (_, i): [string, Points] => [`r${String(i).padStart(2, '0')}`, { steps, values: steps.map((s) => Math.sin(s + i)) }]));
    await writeRuns(store, runs);
    for (const id of runs.keys()) await store.updateRun(id, finish);
    await store.whenOverviewPacked();
    const one = await store.seriesOverview({ project: 'p', metric: 'loss', runIds: ['r07'], buckets: 200 });
    expect(one.timings).toMatchObject({ packedRuns: 0, blocks: 0, looseRuns: 1 });
    expect(one.series[0]).toEqual(reference('r07', runs.get('r07')!, undefined, 200));
    const many = await store.seriesOverview({ project: 'p', metric: 'loss', runIds: ['r03', 'r11'], buckets: 200 });
    expect(many.timings).toMatchObject({ packedRuns: 2, blocks: 1 });
    expect(many.series[1]).toEqual(reference('r11', runs.get('r11')!, undefined, 200));
  });

  it('a block whose data cannot be read (replaced meanwhile) is answered from its runs\' coarse chunks', async () => {
    const store = await freshStore('blob-gone');
    const runs = shapes();
    await writeRuns(store, runs);
    for (const id of runs.keys()) await store.updateRun(id, finish);
    await store.whenOverviewPacked();
    vi.spyOn(Blob.prototype, 'arrayBuffer').mockRejectedValueOnce(new DOMException('the blob was deleted', 'NotReadableError'));
    const runIds = [...runs.keys()];
    const { series, timings } = await store.seriesOverview({ project: 'p', metric: 'loss', runIds, buckets: 1000 });
    expect(timings).toMatchObject({ packedRuns: 0, looseRuns: runIds.length, coarseRuns: runIds.length });
    runIds.forEach((id, i) => expect(series[i], id).toEqual(reference(id, runs.get(id)!, undefined, 1000)));
  });

  it('runs ending one at a time are merged into few blocks (size tiers), each run in exactly one', async () => {
    const store = await freshStore('tiers');
    const steps = consecutive(0, 4096);
    const runIds = Array.from({ length: 40 }, (_, i) => `r${String(i).padStart(2, '0')}`);
    for (const [i, id] of runIds.entries()) {
      await writeRuns(store, new Map([[id, { steps, values: steps.map((s) => s * i) }]]));
      await store.updateRun(id, finish);
      await store.whenOverviewPacked();
    }
    const blocks = await store.db.getAll('overview');
    expect(blocks.flatMap((b) => b.runIds).sort()).toEqual(runIds);
    // 40 runs of 3 kB: tiers under 64 kB merge four blocks at a time, so at most 3 blocks remain a tier.
    expect(blocks.length).toBeLessThanOrEqual(6);
    const { series, timings } = await store.seriesOverview({ project: 'p', metric: 'loss', runIds, buckets: 256 });
    expect(timings.packedRuns).toBe(40);
    runIds.forEach((id, i) => expect(series[i]).toEqual(reference(id, { steps, values: steps.map((s) => s * i) }, undefined, 256)));
  });

  it('a run whose record moved to another project is not packed under its old one', async () => {
    const store = await freshStore('moved');
    await writeRuns(store, new Map([['r-moved', { steps: consecutive(0, 5000), values: consecutive(0, 5000) }]]));
    await store.updateRun('r-moved', (run) => finish({ ...run, project: 'q' }));
    await store.whenOverviewPacked();
    expect(await store.db.getAll('overview')).toEqual([]);
  });
});

describe('blocks hold what the chunks hold', () => {
  it('each packed run\'s values in its block are those of its coarse chunks, and no block holds a run twice', async () => {
    const store = await freshStore('contents');
    const runs = shapes();
    await writeRuns(store, runs);
    await writeRuns(store, new Map([['r-other-metric', { steps: consecutive(0, 4096), values: consecutive(0, 4096) }]]), 'acc');
    for (const id of [...runs.keys(), 'r-other-metric']) await store.updateRun(id, finish);
    await store.whenOverviewPacked();
    const blocks = await store.db.getAll('overview');
    expect(blocks.map((b) => [b.project, b.metric, b.runIds.length])).toEqual(expect.arrayContaining([['p', 'loss', runs.size], ['p', 'acc', 1]]));
    for (const block of blocks.filter(COARSE_BLOCKS.holds)) {
      const unpacked = unpackOverviewBlock(block, await block.data.arrayBuffer());
      block.runIds.forEach((id, i) => {
        const points = runs.get(id) ?? { steps: consecutive(0, 4096), values: consecutive(0, 4096) };
        const chunks = appendToCoarse(null, { runId: id, metric: block.metric }, points.steps, points.values);
        expect(unpacked[i]!.min).toEqual(Float32Array.from(chunks.flatMap((c) => [...c.min])));
        expect(unpacked[i]!.max).toEqual(Float32Array.from(chunks.flatMap((c) => [...c.max])));
      });
    }
  });
});

describe('points blocks (series too short for a coarse level)', () => {
  /** Short series: an eval metric every 100 steps, a late start, NaN, one point; beside a run long enough for a coarse level. */
  function shortShapes(): Map<string, Points> {
    const evalSteps = consecutive(1, 30).map((i) => i * 100);
    const late = consecutive(5, 1500);
    const withNaN = consecutive(0, 800);
    return new Map([
      ['s-eval', { steps: evalSteps, values: evalSteps.map((s) => 1 - 1 / s) }],
      ['s-late', { steps: late, values: late.map((s) => Math.sin(s / 40)) }],
      ['s-nan', { steps: withNaN, values: withNaN.map((s) => (s % 50 === 0 ? NaN : s / 3)) }],
      ['s-one', { steps: Float64Array.of(7), values: Float64Array.of(0.5) }],
      ['s-long', { steps: consecutive(0, 5000), values: consecutive(0, 5000).map((s) => Math.cos(s / 90)) }],
    ]);
  }
  /** Queries that need the short series' points: a zoom, or a whole axis finer than 4 steps a pixel (5,000 steps in 2,000 px). */
  const SHORT_QUERIES: { xRange?: [number, number]; buckets: number }[] = [{ buckets: 2000 }, { xRange: [200, 900], buckets: 50 }, { xRange: [0, 10_000], buckets: 400 }];

  it('once runs end, their short series are read from points blocks, with the same answers (exact points included) as from their chunks', async () => {
    const store = await freshStore('points-equal');
    const runs = shortShapes();
    await writeRuns(store, runs);
    const runIds = [...runs.keys()];
    const short = runIds.filter((id) => id !== 's-long');
    const query = (q: (typeof SHORT_QUERIES)[number]): OverviewQuery => ({ project: 'p', metric: 'loss', runIds, ...q });
    const before = await Promise.all(SHORT_QUERIES.map((q) => store.seriesOverview(query(q))));
    expect(before[0]!.unpackedShortRuns.sort(), 'running short series are read from their chunks').toEqual([...short].sort());

    for (const id of runIds) await store.updateRun(id, finish);
    await store.whenOverviewPacked();
    const blocks = await store.db.getAll('overview');
    expect(blocks.map((block) => [block.kind ?? 'coarse', block.runIds.sort()])).toEqual(expect.arrayContaining([['points', [...short].sort()], ['coarse', ['s-long']]]));
    const after = await Promise.all(SHORT_QUERIES.map((q) => store.seriesOverview(query(q))));
    SHORT_QUERIES.forEach((q, i) => {
      expect(after[i]!.series, JSON.stringify(q)).toEqual(before[i]!.series);
      expect(after[i]!.unpackedShortRuns).toEqual([]);
    });
    expect(after[0]!.timings).toMatchObject({ packedRuns: runIds.length, blocks: 2, looseRuns: 0 });
    expect(after[0]!.timings.pointsRuns).toBe(short.length);
    const evalAnswer = after[0]!.series[0]!;
    expect(evalAnswer.exact, '30 points in 2,000 buckets are the points themselves').toBe(true);
    expect([...evalAnswer.x]).toEqual([...runs.get('s-eval')!.steps]);
  });

  it('short series a workspace finds unpacked (their blocks lost, or runs ended in a closed tab) are packed again after the read', async () => {
    const store = await freshStore('points-repack');
    const steps = consecutive(1, 40).map((i) => i * 100);
    const runs = new Map(Array.from({ length: 20 }, (_, r): [string, Points] => [`e${r}`, { steps, values: steps.map((s) => s * r) }]));
    await writeRuns(store, runs);
    for (const id of runs.keys()) await store.updateRun(id, finish);
    await store.whenOverviewPacked();
    await store.db.clear('overview');
    const query: OverviewQuery = { project: 'p', metric: 'loss', runIds: [...runs.keys()], buckets: 500 };
    const unpacked = await store.seriesOverview(query);
    expect(unpacked.unpackedShortRuns).toHaveLength(20);
    await store.whenOverviewPacked();
    const repacked = await store.seriesOverview(query);
    expect(repacked.timings).toMatchObject({ packedRuns: 20, looseRuns: 0 });
    expect(repacked.series).toEqual(unpacked.series);
  });

  it('a packed short series written to again leaves its block, and the overview shows its new points', async () => {
    const store = await freshStore('points-revived');
    const runs = shortShapes();
    await writeRuns(store, runs);
    for (const id of runs.keys()) await store.updateRun(id, finish);
    await store.whenOverviewPacked();
    await store.appendHistory('s-eval', { metrics: ['loss'], steps: [Float64Array.of(3100)], values: [Float64Array.of(42)] }, keep);
    const { series } = await store.seriesOverview({ project: 'p', metric: 'loss', runIds: ['s-eval', 's-late', 's-nan'], buckets: 1000 });
    expect(series[0]!.x.at(-1)).toBe(3100);
    expect(series[0]!.last.at(-1)).toBe(42);
    const width = 3101 / 1000;
    expect(series[1]!.x.length, 's-late at the resolution of an axis over steps 0–3,100').toBe(Math.floor((1504 - Math.floor(5 / width) * width) / width) + 1);
  });

  it('short runs of different lengths are bucketed on one grid at the axis\'s resolution, so they share their x values, from their points while running and from their coarse level once packed', async () => {
    const store = await freshStore('points-grid');
    const wave = (n: number, seed: number): Points => ({ steps: consecutive(0, n), values: consecutive(0, n).map((s) => Math.sin(s / 70 + seed)) });
    const runs = new Map([['g-1000', wave(1000, 1)], ['g-2345', wave(2345, 2)], ['g-long', wave(10_000, 3)]]);
    await writeRuns(store, runs);
    const overview = (buckets: number) => store.seriesOverview({ project: 'p', metric: 'loss', runIds: [...runs.keys()], buckets });
    const expectOnOneGrid = ({ series }: OverviewAnswer) => {
      const [short, longer] = [series[0]!, series[1]!];
      expect(short.x.length, '1,000 steps of an axis of 10,000 in 500 px: 20 steps a bucket, rounded to one coarse bucket of 16').toBe(63);
      expect(short.x[0], 'ending where the long run\'s coarse buckets end').toBe(series[2]!.x[0]);
      // All but the short run's last bucket, which ends at its last step.
      expect([...longer.x.subarray(0, short.x.length - 1)]).toEqual([...short.x.subarray(0, -1)]);
      const highest = Math.max(...runs.get('g-1000')!.values);
      expect(Math.max(...short.max)).toBeGreaterThanOrEqual(highest);
      expect(Math.max(...short.max)).toBeCloseTo(highest, 6);
    };
    const running = await overview(500);
    expect(running.timings).toMatchObject({ pointsRuns: 2, coarseRuns: 1 });
    expectOnOneGrid(running);

    for (const id of runs.keys()) await store.updateRun(id, finish);
    await store.whenOverviewPacked();
    const packed = await overview(500);
    expect(packed.timings, 'the short runs\' points are not read').toMatchObject({ pointsRuns: 0, coarseRuns: 3, packedRuns: 3 });
    expectOnOneGrid(packed);
    const short = packed.series[0]!;
    const level = appendToCoarse(null, { runId: 'g-1000', metric: 'loss' }, runs.get('g-1000')!.steps, runs.get('g-1000')!.values)[0]!;
    expect({ x: [...short.x], min: [...short.min], max: [...short.max] }, 'a bucket of 16 steps is the run\'s coarse bucket').toEqual({ x: [...level.x], min: [...level.min], max: [...level.max] });

    const coarser = await overview(97);
    expect(coarser.timings.pointsRuns).toBe(0);
    const [merged, mergedToo] = [coarser.series[0]!, coarser.series[1]!];
    expect(merged.x.length, '10,000 steps in 97 px: 103 steps a bucket, rounded to 96 (6 coarse buckets); 1,000 steps are 11 of them').toBe(11);
    expect([...mergedToo.x.subarray(0, 10)]).toEqual([...merged.x.subarray(0, 10)]);
    expect(merged.max[0]).toBe(Math.max(...level.max.subarray(0, 6)));
  });

  it('over a whole axis of 4 steps a pixel or more, a points block without a coarse level (an eval metric, a bucket a point) is read as points', async () => {
    const store = await freshStore('points-sparse');
    const evalSteps = consecutive(1, 100).map((i) => i * 100);
    const runs = new Map(Array.from({ length: 5 }, (_, r): [string, Points] => [`e${r}`, { steps: evalSteps, values: evalSteps.map((s) => r + 1 / s) }]));
    await writeRuns(store, runs);
    for (const id of runs.keys()) await store.updateRun(id, finish);
    await store.whenOverviewPacked();
    const [block] = await store.db.getAll('overview');
    expect(block).toMatchObject({ kind: 'points' });
    expect(block && 'coarse' in block, '100 points in 100 coarse buckets: no smaller than the points').toBe(false);
    const { series, timings } = await store.seriesOverview({ project: 'p', metric: 'loss', runIds: [...runs.keys()], buckets: 500 });
    expect(timings).toMatchObject({ pointsRuns: 5, packedRuns: 5 });
    expect([...series[3]!.last]).toEqual([...runs.get('e3')!.values]);
  });
});
