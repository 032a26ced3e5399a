import { describe, expect, it } from 'vitest';
import { BucketBuilder, type SeriesBuckets } from './buckets';
import { CHUNK_POINTS } from './historyChunks';
import { querySeries, querySeriesOfChunks } from './seriesQuery';
import { MemorySeries, randomPoints, seededRandom } from './testSeries';

/** Writes points into an in-memory series in batches of the given sizes. */
function seriesOf(steps: number[], values: number[], batchSizes: number[] = [steps.length]): MemorySeries {
  const series = new MemorySeries();
  let offset = 0;
  for (let b = 0; offset < steps.length; b++) {
    const size = batchSizes[b % batchSizes.length]!;
    series.append(steps.slice(offset, offset + size), values.slice(offset, offset + size));
    offset += size;
  }
  return series;
}

/** What querySeries should answer, computed point by point over every point in the range. */
function bruteForce(steps: number[], values: number[], x0: number, x1: number, buckets: number): SeriesBuckets {
  const inRange: number[] = [];
  for (let i = 0; i < steps.length; i++) if (steps[i]! >= x0 && steps[i]! <= x1) inRange.push(i);
  if (inRange.length <= buckets) {
    const xs = Float64Array.from(inRange, (i) => steps[i]!);
    const vs = Float64Array.from(inRange, (i) => values[i]!);
    return { exact: true, x: xs, min: vs, max: vs, last: vs };
  }
  // Bucket i holds the points whose step falls in the i-th equal slice of [x0, x1] (the builder's own definition).
  const slicer = new BucketBuilder(x0, x1, buckets);
  const groups = new Map<number, number[]>();
  for (const i of inRange) {
    const b = slicer.bucketOf(steps[i]!);
    if (!groups.has(b)) groups.set(b, []);
    groups.get(b)!.push(i);
  }
  const order = [...groups.keys()].sort((a, b) => a - b);
  const extreme = (idx: number[], pick: (a: number, b: number) => number) => {
    const finite = idx.map((i) => values[i]!).filter((v) => !Number.isNaN(v));
    return finite.length === 0 ? NaN : finite.reduce((a, b) => pick(a, b));
  };
  return {
    exact: false,
    x: Float64Array.from(order, (b) => steps[groups.get(b)!.at(-1)!]!),
    min: Float64Array.from(order, (b) => extreme(groups.get(b)!, Math.min)),
    max: Float64Array.from(order, (b) => extreme(groups.get(b)!, Math.max)),
    last: Float64Array.from(order, (b) => values[groups.get(b)!.at(-1)!]!),
  };
}

function nanMin(a: Float64Array): number {
  let m = NaN;
  for (const v of a) if (!Number.isNaN(v) && (Number.isNaN(m) || v < m)) m = v;
  return m;
}
function nanMax(a: Float64Array): number {
  let m = NaN;
  for (const v of a) if (!Number.isNaN(v) && (Number.isNaN(m) || v > m)) m = v;
  return m;
}

describe('querySeries', () => {
  it('querySeries(empty index) is an empty exact series', async () => {
    const series = new MemorySeries();
    const out = await querySeries(series.index, series.load, { buckets: 100 });
    expect(out.exact).toBe(true);
    expect(out.x).toHaveLength(0);
    expect(series.reads).toEqual([]);
  });

  it('querySeries(index, load, {buckets}) returns exact points when the range holds no more than `buckets`', async () => {
    const steps = Array.from({ length: 3000 }, (_, i) => i * 2);
    const values = steps.map((s) => s / 10);
    const series = seriesOf(steps, values, [700]);
    const out = await querySeries(series.index, series.load, { xRange: [1000, 1400], buckets: 201 });
    expect(out.exact).toBe(true);
    expect(Array.from(out.x)).toEqual(steps.filter((s) => s >= 1000 && s <= 1400));
    expect(Array.from(out.last)).toEqual(Array.from(out.x, (s) => s / 10));
    expect(out.min).toEqual(out.last);
    expect(out.max).toEqual(out.last);
  });

  it('querySeries without xRange covers the whole series', async () => {
    const steps = Array.from({ length: 2500 }, (_, i) => i + 5);
    const series = seriesOf(steps, steps.map((s) => -s));
    const out = await querySeries(series.index, series.load, { buckets: 5000 });
    expect(out.exact).toBe(true);
    expect(Array.from(out.x)).toEqual(steps);
    expect(Array.from(out.last)).toEqual(steps.map((s) => -s));
  });

  it('querySeries with more points than buckets returns at most `buckets` min/max/last buckets', async () => {
    const steps = Array.from({ length: 10_000 }, (_, i) => i);
    const values = steps.map((s) => (s === 4321 ? 1e9 : s === 777 ? -1e9 : Math.sin(s)));
    const series = seriesOf(steps, values, [999]);
    const out = await querySeries(series.index, series.load, { buckets: 100 });
    expect(out.exact).toBe(false);
    expect(out.x.length).toBe(100);
    expect(nanMax(out.max)).toBe(1e9);
    expect(nanMin(out.min)).toBe(-1e9);
    expect(out).toEqual(bruteForce(steps, values, 0, 9999, 100));
  });

  it('querySeries bucketed min/max are exact for any range (random data with spikes, random ranges)', async () => {
    for (const seed of [11, 22, 33, 44]) {
      const random = seededRandom(seed);
      const { steps, values } = randomPoints(random, 6000 + Math.floor(random() * 6000), { maxGap: 4, nanRate: 0.03 });
      const series = seriesOf(steps, values, [1 + Math.floor(random() * 2000), 1 + Math.floor(random() * 300)]);
      const first = steps[0]!;
      const last = steps.at(-1)!;
      let bucketed = 0;
      for (let q = 0; q < 60; q++) {
        const a = first - 50 + random() * (last - first + 100);
        const b = first - 50 + random() * (last - first + 100);
        const wide = q % 10 === 0;
        const x0 = wide ? first : Math.floor(Math.min(a, b));
        const x1 = wide ? last : Math.ceil(Math.max(a, b));
        const buckets = 1 + Math.floor(random() * (q % 3 === 0 ? 20 : 800));
        const got = await querySeries(series.index, series.load, { xRange: [x0, x1], buckets });
        const want = bruteForce(steps, values, x0, x1, buckets);
        const label = `seed ${seed}, range [${x0}, ${x1}], ${buckets} buckets`;
        expect(got, label).toEqual(want);
        if (!got.exact) bucketed++;
        const inRange = values.filter((_, i) => steps[i]! >= x0 && steps[i]! <= x1);
        expect(nanMin(got.min), label).toBe(nanMin(Float64Array.from(inRange)));
        expect(nanMax(got.max), label).toBe(nanMax(Float64Array.from(inRange)));
      }
      // Most queries must take the bucketed path, or this test would not exercise chunk summaries.
      expect(bucketed, `seed ${seed}`).toBeGreaterThan(30);
    }
  });

  it('querySeries reads points only of chunks that straddle bucket or range edges', async () => {
    const n = CHUNK_POINTS * 200;
    const steps = Array.from({ length: n }, (_, i) => i);
    const series = seriesOf(steps, steps.map((s) => s % 97), [CHUNK_POINTS * 7 + 3]);
    const out = await querySeries(series.index, series.load, { buckets: 10 });
    expect(out.x.length).toBe(10);
    // 200 chunks, 10 buckets: at most one chunk straddles each of the 9 inner bucket boundaries.
    expect(series.reads.length).toBeLessThanOrEqual(9);
    expect(out).toEqual(bruteForce(steps, steps.map((s) => s % 97), 0, n - 1, 10));
  });

  it('querySeries gives NaN extremes to a bucket of only NaN and keeps NaN as its last value', async () => {
    const steps = Array.from({ length: 4000 }, (_, i) => i);
    const values = steps.map((s) => (s >= 2000 ? NaN : s));
    const series = seriesOf(steps, values);
    const out = await querySeries(series.index, series.load, { buckets: 4 });
    expect(Array.from(out.min)).toEqual([0, 1000, NaN, NaN]);
    expect(Array.from(out.max)).toEqual([999, 1999, NaN, NaN]);
    expect(Array.from(out.last)).toEqual([999, 1999, NaN, NaN]);
  });

  it('querySeries ignores NaN in a bucket that also has numbers', async () => {
    const steps = Array.from({ length: 3000 }, (_, i) => i);
    const values = steps.map((s) => (s % 2 === 0 ? NaN : s));
    const series = seriesOf(steps, values);
    const out = await querySeries(series.index, series.load, { buckets: 3 });
    expect(Array.from(out.min)).toEqual([1, 1001, 2001]);
    expect(Array.from(out.max)).toEqual([999, 1999, 2999]);
    expect(Array.from(out.last)).toEqual([999, 1999, 2999]);
  });

  it('querySeries with an xRange outside the data is empty', async () => {
    const steps = Array.from({ length: 2000 }, (_, i) => 100 + i);
    const series = seriesOf(steps, steps);
    for (const xRange of [
      [0, 99],
      [2100, 5000],
      [-10, -1],
    ] as [number, number][]) {
      const out = await querySeries(series.index, series.load, { xRange, buckets: 10 });
      expect(out.x, String(xRange)).toHaveLength(0);
      expect(out.exact).toBe(true);
    }
  });

  it('querySeries with an xRange in a gap between logged steps is empty', async () => {
    const series = seriesOf([0, 100, 200], [1, 2, 3]);
    const out = await querySeries(series.index, series.load, { xRange: [10, 90], buckets: 10 });
    expect(out.x).toHaveLength(0);
  });

  it('querySeries includes points on both ends of the xRange', async () => {
    const steps = Array.from({ length: 50 }, (_, i) => i * 10);
    const series = seriesOf(steps, steps);
    const out = await querySeries(series.index, series.load, { xRange: [100, 200], buckets: 100 });
    expect(Array.from(out.x)).toEqual([100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200]);
  });
});

describe('querySeriesOfChunks', () => {
  it('querySeriesOfChunks(the chunks overlapping a range) answers as querySeries does with the whole index, exact or bucketed', async () => {
    const { steps, values } = randomPoints(seededRandom(11), CHUNK_POINTS * 6, { maxGap: 2 });
    const series = seriesOf(steps, values, [700, 3000]);
    const chunks = [...series.chunks.values()].sort((a, b) => a.chunk - b.chunk);
    for (const [x0, x1, buckets] of [[2000, 2100, 1000], [1500, 4000, 100], [steps[0]!, steps[CHUNK_POINTS]!, 5000]] as const) {
      const overlapping = chunks.filter((c) => c.steps.at(-1)! >= x0 && c.steps[0]! <= x1);
      const query = { xRange: [x0, x1] as [number, number], buckets };
      expect(await querySeriesOfChunks(overlapping, query), `[${x0}, ${x1}] at ${buckets}`).toEqual(await querySeries(series.index, series.load, query));
      expect(await querySeriesOfChunks(overlapping, query)).toEqual(bruteForce(steps, values, x0, x1, buckets));
    }
  });
});
