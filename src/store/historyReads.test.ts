import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { appendToCoarse, packCoarse } from '../model/history/coarseLevel';
import { bucketCoarse } from '../model/history/coarseQuery';
import type { HistoryBatch } from '../model/history/historyBatch';
import { packChunk, summarizeChunk } from '../model/history/historyChunks';
import { seededRandom } from '../model/history/testSeries';
import { ChangeFeed } from './changeFeed';
import { openStore, type LabbookStore } from './labbookStore';
import { testRun, uniqueDbName } from './testRuns';

const opened: LabbookStore[] = [];

async function freshStore(label: string, name = uniqueDbName(label)): Promise<LabbookStore> {
  const store = await openStore({ name, feed: new ChangeFeed(uniqueDbName('feed')) });
  opened.push(store);
  return store;
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

const keep = (run: Parameters<Parameters<LabbookStore['appendHistory']>[2]>[0]) => run;

/** Points of one metric: a noisy decay with a spike at `spikeAt`. */
function curve(steps: Float64Array, seed: number, spikeAt = -1): Float64Array {
  const random = seededRandom(seed);
  return steps.map((s) => (s === spikeAt ? 1e6 : Math.exp(-s / 3000) + random() * 0.05));
}

const range = (from: number, to: number) => Float64Array.from({ length: to - from }, (_, i) => from + i);

/** Appends one metric's points in batches of the given sizes. */
async function appendInBatches(store: LabbookStore, runId: string, metric: string, steps: Float64Array, values: Float64Array, sizes: number[]) {
  for (let from = 0, b = 0; from < steps.length; b++) {
    const to = Math.min(steps.length, from + sizes[b % sizes.length]!);
    const batch: HistoryBatch = { metrics: [metric], steps: [steps.slice(from, to)], values: [values.slice(from, to)] };
    await store.appendHistory(runId, batch, keep);
    from = to;
  }
}

/** The coarse chunks the store holds for one series. */
function storedCoarse(store: LabbookStore, project: string, metric: string, runId: string) {
  return store.db.getAll('coarse', IDBKeyRange.bound([project, metric, runId], [project, metric, runId, []]));
}

describe('HistoryWriter keeps the coarse level', () => {
  it('appendHistory over uneven batches (open buckets split between them) stores what bucketing all the points gives', async () => {
    const store = await freshStore('coarse-writer');
    await store.createRun(testRun({ id: 'r', project: 'p' }));
    const steps = range(0, 70_000);
    const values = curve(steps, 1, 4321);
    await appendInBatches(store, 'r', 'loss', steps, values, [1, 7, 250, 5003, 33]);
    const want = appendToCoarse(null, { runId: 'r', metric: 'loss' }, steps, values).map((c) => packCoarse(c, 'p'));
    expect(want).toHaveLength(2);
    expect(await storedCoarse(store, 'p', 'loss', 'r')).toEqual(want);
  });

  it('appendHistory starts the coarse level when a series reaches 4,096 points, after releaseRun and reopening too', async () => {
    const name = uniqueDbName('coarse-reopen');
    const first = await freshStore('coarse-reopen', name);
    await first.createRun(testRun({ id: 'r', project: 'p' }));
    const steps = Float64Array.from([...range(0, 4205), ...range(5000, 5003)]);
    const values = curve(steps, 2);
    await appendInBatches(first, 'r', 'm', steps.subarray(0, 4000), values.subarray(0, 4000), [1000]);
    expect(await storedCoarse(first, 'p', 'm', 'r'), 'no coarse level below 4,096 points').toEqual([]);
    // The writer no longer holds the series: it reads the raw tail (every point so far) back to start the coarse level.
    first.releaseRun('r');
    await appendInBatches(first, 'r', 'm', steps.subarray(4000, 4200), values.subarray(4000, 4200), [200]);
    const started = appendToCoarse(null, { runId: 'r', metric: 'm' }, steps.subarray(0, 4200), values.subarray(0, 4200)).map((c) => packCoarse(c, 'p'));
    expect(await storedCoarse(first, 'p', 'm', 'r')).toEqual(started);
    first.close();
    const second = await freshStore('coarse-reopen', name);
    await appendInBatches(second, 'r', 'm', steps.subarray(4200), values.subarray(4200), [2, 3, 3]);
    const want = appendToCoarse(null, { runId: 'r', metric: 'm' }, steps, values).map((c) => packCoarse(c, 'p'));
    expect(await storedCoarse(second, 'p', 'm', 'r')).toEqual(want);
  });

  it('a series shorter than 4,096 points has no coarse level; series() and seriesOverview() read its points', async () => {
    const store = await freshStore('coarse-short');
    await store.createRun(testRun({ id: 'r', project: 'p' }));
    const steps = range(0, 4000);
    const values = curve(steps, 3, 1234);
    await appendInBatches(store, 'r', 'm', steps, values, [4000]);
    expect(await store.db.count('coarse')).toBe(0);
    const single = await store.series('r', 'm', { buckets: 100 });
    const { series, timings } = await store.seriesOverview({ project: 'p', metric: 'm', runIds: ['r'], buckets: 100 });
    expect(timings).toMatchObject({ coarseRuns: 0, pointsRuns: 1, rawRuns: 0 });
    expect(single.x).toHaveLength(100);
    expect(Math.max(...single.max)).toBe(1e6);
    // The overview buckets on the axis's grid: 40 steps a bucket, rounded to three coarse buckets of 16.
    expect(series[0]!.x).toHaveLength(Math.ceil(4000 / 48));
    expect(Math.max(...series[0]!.max)).toBe(1e6);
    expect(series[0]!.x[0]).toBe(47);
  });
});

describe('series() and the coarse level', () => {
  async function runWith(values: (steps: Float64Array) => Float64Array, count = 10_000) {
    const store = await freshStore('series-coarse');
    await store.createRun(testRun({ id: 'r', project: 'p' }));
    const steps = range(0, count);
    const v = values(steps);
    await appendInBatches(store, 'r', 'm', steps, v, [3000]);
    return { store, steps, values: v };
  }

  it('series() over the whole run at 1,000 buckets answers from the coarse level: 625 float32 buckets of 16 steps, spike kept', async () => {
    const { store } = await runWith((steps) => steps.map((s) => (s === 7777 ? 1e6 : s / 3)));
    const out = await store.series('r', 'm', { buckets: 1000 });
    expect(out.exact).toBe(false);
    expect(out.x).toHaveLength(625);
    expect(out.x[0]).toBe(15);
    expect(out.last[0]).toBe(Math.fround(5));
    expect(Array.from(out.last).every((v) => Math.fround(v) === v)).toBe(true);
    expect(Math.max(...out.max)).toBe(1e6);
  });

  it('series() zoomed to 1 % of the run returns its exact raw points', async () => {
    const { store, values } = await runWith((steps) => steps.map((s) => s / 3));
    const out = await store.series('r', 'm', { xRange: [5000, 5099], buckets: 1000 });
    expect(out.exact).toBe(true);
    expect(Array.from(out.x)).toEqual(Array.from(range(5000, 5100)));
    expect(Array.from(out.last)).toEqual(Array.from(values.subarray(5000, 5100)));
  });

  it('series() with buckets narrower than 4 steps but more points than buckets buckets raw points (float64, exact extremes)', async () => {
    const { store, values } = await runWith((steps) => steps.map((s) => (s === 4444 ? -1e6 : s / 3)));
    const out = await store.series('r', 'm', { xRange: [0, 9999], buckets: 4000 });
    expect(out.exact).toBe(false);
    expect(out.x).toHaveLength(4000);
    expect(out.last[1]).toBe(values[4]);
    expect(Math.min(...out.min)).toBe(-1e6);
  });
});

describe('seriesOverview()', () => {
  /** 40 runs, alternating between projects p and q (ids interleave), 5,000 steps of `loss`; run 8 has a spike. */
  async function manyRuns() {
    const store = await freshStore('overview');
    const steps = range(0, 5000);
    const values = new Map<string, Float64Array>();
    for (let i = 0; i < 40; i++) {
      const id = `run${String(i).padStart(2, '0')}`;
      await store.createRun(testRun({ id, project: i % 2 === 0 ? 'p' : 'q' }));
      values.set(id, curve(steps, i, i === 8 ? 1234 : -1));
      await store.appendHistory(id, { metrics: ['loss'], steps: [steps], values: [values.get(id)!] }, keep);
    }
    return { store, steps, values };
  }

  it('seriesOverview({runIds}) answers each asked run in the order asked, from the coarse level, without other runs', async () => {
    const { store, steps, values } = await manyRuns();
    const asked = ['run30', 'run08', 'run02', 'nothing', ...Array.from({ length: 20 }, (_, i) => `run${String(i * 2).padStart(2, '0')}`).filter((id) => id !== 'run02' && id !== 'run08' && id !== 'run30')];
    const { series, timings } = await store.seriesOverview({ project: 'p', metric: 'loss', runIds: asked, buckets: 150 });
    expect(series).toHaveLength(asked.length);
    expect(timings).toMatchObject({ coarseRuns: asked.length - 1, rawRuns: 1 });
    asked.forEach((id, i) => {
      const got = series[i]!;
      if (id === 'nothing') {
        expect(got.x).toHaveLength(0);
        return;
      }
      const want = bucketCoarse(appendToCoarse(null, { runId: id, metric: 'loss' }, steps, values.get(id)!), [0, 4999], 150);
      expect(got, id).toEqual(want);
      expect(got.x.length).toBeLessThanOrEqual(150);
    });
    expect(Math.max(...series[1]!.max)).toBe(1e6);
    // Runs logged over the same steps share one x array.
    expect(series[0]!.x).toBe(series[2]!.x);
  });

  it('seriesOverview zoomed to 1 % gives every run its exact raw points, reading no coarse chunks', async () => {
    const { store, values } = await manyRuns();
    const runIds = ['run00', 'run02', 'run04'];
    const { series, timings } = await store.seriesOverview({ project: 'p', metric: 'loss', runIds, xRange: [1500, 1529], buckets: 1000 });
    expect(timings).toMatchObject({ coarseRuns: 0, rawRuns: 3 });
    runIds.forEach((id, i) => {
      expect(series[i]!.exact).toBe(true);
      expect(Array.from(series[i]!.last)).toEqual(Array.from(values.get(id)!.subarray(1500, 1530)));
    });
  });

  it('seriesOverview zoomed returns every point in the range exactly, whatever the runs\' chunk layout', async () => {
    const store = await freshStore('zoom-layouts');
    const points = new Map<string, [Float64Array, Float64Array]>();
    const log = async (runId: string, steps: Float64Array) => {
      await store.createRun(testRun({ id: runId, project: 'p' }));
      const values = curve(steps, runId.length);
      points.set(runId, [steps, values]);
      await appendInBatches(store, runId, 'loss', steps, values, [700, 2500]);
    };
    await log('dense', range(0, 9000));
    await log('every10', range(0, 1500).map((i) => i * 10));
    await log('late', range(5000, 9000));
    await log('short', range(0, 300));
    // Not asked, between asked runs in key order: its chunks come back in the group's range and must be dropped.
    await log('e-unasked', range(0, 9000));
    // Written before v4: one chunk of 4,096 points, then continued by today's writer in chunks of 1,024.
    const oldSteps = range(0, 7000);
    const oldValues = curve(oldSteps, 7);
    points.set('old', [oldSteps, oldValues]);
    await store.db.put('runs', testRun({ id: 'old', project: 'p' }));
    const first = { runId: 'old', metric: 'loss', chunk: 0, steps: oldSteps.slice(0, 4096), values: oldValues.slice(0, 4096) };
    await store.db.put('chunks', packChunk(first));
    await store.db.put('series', { runId: 'old', metric: 'loss', count: 4096, chunks: [summarizeChunk(first.steps, first.values)] });
    for (const chunk of appendToCoarse(null, { runId: 'old', metric: 'loss' }, first.steps, first.values)) await store.db.put('coarse', packCoarse(chunk, 'p'));
    await appendInBatches(store, 'old', 'loss', oldSteps.subarray(4096), oldValues.subarray(4096), [1000]);
    expect((await store.db.getAll('chunks', IDBKeyRange.bound(['old', 'loss', 0], ['old', 'loss', 9]))).map((c) => c.values.length)).toEqual([4096, 1024, 1024, 856]);

    const runIds = ['old', 'short', 'dense', 'every10', 'late'];
    for (const xRange of [[5000, 5099], [1000, 1100], [4090, 4110], [6150, 6200], [14_000, 14_050], [8990, 9500]] as [number, number][]) {
      const { series } = await store.seriesOverview({ project: 'p', metric: 'loss', runIds, xRange, buckets: 1000 });
      runIds.forEach((id, i) => {
        const [steps, values] = points.get(id)!;
        const inRange = Array.from(steps.keys()).filter((k) => steps[k]! >= xRange[0] && steps[k]! <= xRange[1]);
        const got = series[i]!;
        expect(got.exact, `${id} over ${xRange}`).toBe(true);
        expect(Array.from(got.x), `${id} over ${xRange}`).toEqual(inRange.map((k) => steps[k]!));
        expect(Array.from(got.last), `${id} over ${xRange}`).toEqual(inRange.map((k) => values[k]!));
      });
    }
  });

  it('seriesOverview over an x-range keeps only the coarse chunks it touches and widens it to whole 16-step buckets', async () => {
    const store = await freshStore('overview-long');
    await store.createRun(testRun({ id: 'long', project: 'p' }));
    const steps = range(0, 140_000);
    const values = curve(steps, 5, 100_000);
    await store.appendHistory('long', { metrics: ['m'], steps: [steps], values: [values] }, keep);
    const { series } = await store.seriesOverview({ project: 'p', metric: 'm', runIds: ['long'], xRange: [70_001, 110_000], buckets: 400 });
    const got = series[0]!;
    expect(got.x[0]! + 1).toBeGreaterThan(70_001);
    expect(got.x.at(-1)).toBe(110_015);
    expect(got.x.length).toBeLessThanOrEqual(400);
    expect(Math.max(...got.max)).toBe(1e6);
  });
});
