import { describe, expect, it } from 'vitest';
import { float32Above, float32Below } from '../../lib/float32Round';
import { appendToCoarse, COARSE_FACTOR, type CoarseChunk } from './coarseLevel';
import { bucketCoarse, coarseAnswers, coarseExtent, coarsePointsIn, CoarseMerges, UNMERGED_RATIO } from './coarseQuery';
import { nanExtremes, randomPoints, seededRandom } from './testSeries';

function coarseOf(steps: number[], values: number[]): CoarseChunk[] {
  return appendToCoarse(null, { runId: 'r', metric: 'm' }, Float64Array.from(steps), Float64Array.from(values));
}

/**
 * Checks an answer against the raw points: the points of the coarse buckets [x0, x1] touches are split in order by
 * the answer's x (bucket j holds the steps in (x[j-1], x[j]]), each split is made of whole coarse buckets, and each
 * bucket's min/max/last are exactly those of its points (float32, rounded outwards).
 */
function expectExactBuckets(steps: number[], values: number[], x0: number, x1: number, got: ReturnType<typeof bucketCoarse>) {
  const start = Math.floor(x0 / COARSE_FACTOR) * COARSE_FACTOR;
  const end = (Math.floor(x1 / COARSE_FACTOR) + 1) * COARSE_FACTOR;
  const inRange = steps.map((s, i) => i).filter((i) => steps[i]! >= start && steps[i]! < end);
  const want = { x: [] as number[], min: [] as number[], max: [] as number[], last: [] as number[] };
  const splitInsideACoarseBucket: number[] = [];
  let from = 0;
  for (let j = 0; j < got.x.length && from < inRange.length; j++) {
    let to = from;
    while (to < inRange.length && steps[inRange[to]!]! <= got.x[j]!) to++;
    const idx = inRange.slice(from, Math.max(to, from + 1));
    const next = inRange[to];
    if (next !== undefined && Math.floor(steps[next]! / COARSE_FACTOR) === Math.floor(got.x[j]! / COARSE_FACTOR)) splitInsideACoarseBucket.push(j);
    const { min, max } = nanExtremes(idx.map((i) => values[i]!));
    want.x.push(steps[idx.at(-1)!]!);
    want.min.push(float32Below(min));
    want.max.push(float32Above(max));
    want.last.push(Math.fround(values[idx.at(-1)!]!));
    from = to;
  }
  expect(from, 'every point of the range is in a bucket').toBe(inRange.length);
  expect(splitInsideACoarseBucket).toEqual([]);
  expect({ x: Array.from(got.x), min: Array.from(got.min), max: Array.from(got.max), last: Array.from(got.last) }).toEqual(want);
}

describe('bucketCoarse', () => {
  it('bucketCoarse min/max/last are exact for the points each bucket covers (random data with spikes and NaN, random ranges and widths)', () => {
    const random = seededRandom(3);
    const { steps, values } = randomPoints(random, 12_000, { maxGap: 15 });
    const chunks = coarseOf(steps, values);
    const lastStep = steps.at(-1)!;
    for (let trial = 0; trial < 40; trial++) {
      const a = Math.floor(random() * lastStep);
      const b = Math.floor(random() * lastStep);
      const [x0, x1] = a < b ? [a, b] : [b, a];
      const buckets = 1 + Math.floor(random() * 800);
      const got = bucketCoarse(chunks, [x0, x1], buckets);
      expect(got.x.length, `${x0}..${x1} in ${buckets}`).toBeLessThanOrEqual(buckets * UNMERGED_RATIO);
      expectExactBuckets(steps, values, x0, x1, got);
    }
  });

  it('bucketCoarse over 10,000 steps at 1,000 buckets returns the 625 coarse buckets themselves, as views (no copy)', () => {
    const steps = Array.from({ length: 10_000 }, (_, i) => i);
    const values = steps.map((s) => (s === 4321 ? 50 : Math.exp(-s / 3000)));
    const chunks = coarseOf(steps, values);
    const got = bucketCoarse(chunks, [0, 9999], 1000);
    expect(got.x).toHaveLength(625);
    expect(got.x.buffer).toBe(chunks[0]!.x.buffer);
    expect(got.max.buffer).toBe(chunks[0]!.max.buffer);
    expect(Math.max(...got.max)).toBe(50);
    expectExactBuckets(steps, values, 0, 9999, got);
  });

  it('a query asking a little fewer buckets than the range has gets the coarse buckets as they are, not merged', () => {
    const steps = Array.from({ length: 10_000 }, (_, i) => i);
    const chunks = coarseOf(steps, steps.map((s) => Math.sin(s / 100)));
    const got = bucketCoarse(chunks, [0, 9999], 597);
    expect(got.x.length, '625 coarse buckets for 597 asked').toBe(625);
    expect(got.max.buffer).toBe(chunks[0]!.max.buffer);
    expect(bucketCoarse(chunks, [0, 9999], 416).x.length, '625 for 416 is merged').toBeLessThanOrEqual(416);
  });

  it('runs merged in one query share the x array and one buffer for their values, and each keeps its own values', () => {
    const steps = Array.from({ length: 10_000 }, (_, i) => i);
    const first = coarseOf(steps, steps.map((s) => Math.exp(-s / 3000)));
    const other = coarseOf(steps, steps.map((s) => (s === 777 ? 9 : 1)));
    // Logged over the same steps, runs read from the store share their coarse x array.
    const second = [{ ...other[0]!, x: first[0]!.x }];
    const merges = new CoarseMerges(2);
    const a = bucketCoarse(first, [0, 9999], 400, merges);
    const b = bucketCoarse(second, [0, 9999], 400, merges);
    expect(a.x.length).toBeLessThanOrEqual(400);
    expect(b.x).toBe(a.x);
    expect(b.max.buffer).toBe(a.max.buffer);
    expect(a.max.buffer.byteLength).toBe(2 * 3 * a.x.length * 4);
    expect(Math.max(...b.max)).toBe(9);
    expectExactBuckets(steps, steps.map((s) => (s === 777 ? 9 : 1)), 0, 9999, b);
    // Alone, a merge allocates what it needs and no more.
    expect(bucketCoarse(first, [0, 9999], 400).max.buffer.byteLength).toBe(3 * a.x.length * 4);
  });

  it('bucketCoarse keeps a one-step spike at every width', () => {
    const steps = Array.from({ length: 100_000 }, (_, i) => i);
    const values = steps.map((s) => (s === 77_777 ? 1e6 : s === 12_345 ? -1e6 : Math.sin(s / 1000)));
    const chunks = coarseOf(steps, values);
    expect(chunks).toHaveLength(2);
    for (const buckets of [1, 3, 100, 999, 1000, 6250, 10_000]) {
      const got = bucketCoarse(chunks, [0, 99_999], buckets);
      expect(Math.max(...got.max), `${buckets}`).toBe(1e6);
      expect(Math.min(...got.min), `${buckets}`).toBe(-1e6);
    }
  });

  it('bucketCoarse with a range outside the data is empty', () => {
    const chunks = coarseOf([100, 101, 102], [1, 2, 3]);
    expect(bucketCoarse(chunks, [200, 300], 10).x).toHaveLength(0);
    expect(bucketCoarse([], [0, 300], 10).x).toHaveLength(0);
  });
});

describe('coarseAnswers / coarsePointsIn / coarseExtent', () => {
  const steps = Array.from({ length: 10_000 }, (_, i) => i);
  const dense = coarseOf(steps, steps);

  it('coarseAnswers is true for buckets at least 4 steps wide (a full-width 1,500 px panel over 10,000 steps) over more points than buckets', () => {
    expect(coarseAnswers(dense, [0, 9999], 1000)).toBe(true);
    expect(coarseAnswers(dense, [0, 9999], 1250)).toBe(true);
    expect(coarseAnswers(dense, [0, 9999], 1500)).toBe(true);
    expect(coarseAnswers(dense, [0, 9999], 2500)).toBe(true);
    expect(coarseAnswers(dense, [5000, 9999], 500)).toBe(true);
  });

  it('coarseAnswers is false for narrower buckets (a zoom) and for ranges with no more points than buckets', () => {
    expect(coarseAnswers(dense, [0, 9999], 3000)).toBe(false);
    expect(coarseAnswers(dense, [5000, 5099], 1000)).toBe(false);
    const sparse = coarseOf(steps.filter((s) => s % 100 === 0), steps.filter((s) => s % 100 === 0));
    expect(coarseAnswers(sparse, [0, 9999], 1000)).toBe(false);
    expect(coarseAnswers(sparse, [0, 9999], 50)).toBe(true);
  });

  it('coarsePointsIn counts the points of the coarse buckets the range touches', () => {
    expect(coarsePointsIn(dense, 0, 9999)).toBe(10_000);
    expect(coarsePointsIn(dense, 16, 31)).toBe(16);
    expect(coarsePointsIn(dense, 20, 40)).toBe(32);
  });

  it('coarseExtent runs from the first bucket’s start to the last point', () => {
    expect(coarseExtent(coarseOf([37, 38, 500], [1, 2, 3]))).toEqual([32, 500]);
    expect(coarseExtent([])).toBeNull();
  });
});
