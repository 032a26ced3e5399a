import { describe, expect, it } from 'vitest';
import { float32Above, float32Below } from '../../lib/float32Round';
import { advanceCoarse, appendToCoarse, COARSE_CHUNK_BUCKETS, COARSE_FACTOR, COARSE_FROM_POINTS, packCoarse, unpackCoarse, type CoarseChunk } from './coarseLevel';
import { appendToSeries, CHUNK_POINTS, emptySeriesIndex, type ChunkRecord } from './historyChunks';
import { nanExtremes, randomPoints, seededRandom } from './testSeries';

const SERIES = { runId: 'r', metric: 'm' };
const range = (from: number, to: number) => Float64Array.from({ length: to - from }, (_, i) => from + i);

/** The coarse level by its definition: points grouped by ⌊step / COARSE_FACTOR⌋, written out point by point. */
function bruteCoarse(steps: number[], values: number[]) {
  const buckets = new Map<number, number[]>();
  steps.forEach((step, i) => {
    const b = Math.floor(step / COARSE_FACTOR);
    if (!buckets.has(b)) buckets.set(b, []);
    buckets.get(b)!.push(i);
  });
  return [...buckets.entries()].map(([bucket, idx]) => {
    const { min, max } = nanExtremes(idx.map((i) => values[i]!));
    return {
      chunk: Math.floor(bucket / COARSE_CHUNK_BUCKETS),
      x: steps[idx.at(-1)!]!,
      min: float32Below(min),
      max: float32Above(max),
      last: Math.fround(values[idx.at(-1)!]!),
      count: idx.length,
    };
  });
}

/** The chunks' buckets flattened in order, in bruteCoarse's shape. */
function flatten(chunks: CoarseChunk[]) {
  return chunks.flatMap((c) => Array.from(c.x, (x, i) => ({ chunk: c.chunk, x, min: c.min[i]!, max: c.max[i]!, last: c.last[i]!, count: c.counts[i]! })));
}

/** Appends in batches of the given sizes the way the history writer does: the last chunk written is the next tail. */
function appendInBatches(steps: number[], values: number[], sizes: number[]): CoarseChunk[] {
  const stored = new Map<number, CoarseChunk>();
  let tail: CoarseChunk | null = null;
  for (let from = 0, b = 0; from < steps.length; b++) {
    const to = Math.min(steps.length, from + sizes[b % sizes.length]!);
    const writes = appendToCoarse(tail, SERIES, Float64Array.from(steps.slice(from, to)), Float64Array.from(values.slice(from, to)));
    for (const w of writes) stored.set(w.chunk, w);
    tail = writes.at(-1) ?? tail;
    from = to;
  }
  return [...stored.values()].sort((a, b) => a.chunk - b.chunk);
}

describe('appendToCoarse', () => {
  it('appendToCoarse(null, …) of every point at once equals bucketing the points by ⌊step / 16⌋ (random gaps, spikes, NaN)', () => {
    const { steps, values } = randomPoints(seededRandom(7), 20_000, { maxGap: 20 });
    const chunks = appendToCoarse(null, SERIES, Float64Array.from(steps), Float64Array.from(values));
    expect(flatten(chunks)).toEqual(bruteCoarse(steps, values));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.runId === 'r' && c.metric === 'm')).toBe(true);
  });

  it('appendToCoarse over many batches (buckets and chunks split between batches) equals appending everything at once', () => {
    const random = seededRandom(11);
    const { steps, values } = randomPoints(random, 15_000, { maxGap: 12 });
    for (const sizes of [[1], [7, 3, 100], [1000, 1, 15, 16, 17], [4999]]) {
      expect(flatten(appendInBatches(steps, values, sizes)), `batches of ${sizes.join(',')}`).toEqual(bruteCoarse(steps, values));
    }
  });

  it('appendToCoarse keeps a one-step spike and a one-step dip in the bucket extremes', () => {
    const steps = Array.from({ length: 1000 }, (_, i) => i);
    const values = steps.map((s) => (s === 333 ? 1e6 : s === 777 ? -1e6 : Math.sin(s / 10)));
    const [chunk] = appendInBatches(steps, values, [50]);
    expect(chunk!.max[Math.floor(333 / COARSE_FACTOR)]).toBe(1e6);
    expect(chunk!.min[Math.floor(777 / COARSE_FACTOR)]).toBe(-1e6);
  });

  it('appendToCoarse gives a bucket of only NaN NaN extremes and keeps NaN as its last value; NaN among numbers is ignored', () => {
    const [chunk] = appendToCoarse(null, SERIES, Float64Array.from([0, 1, 16, 17]), Float64Array.from([NaN, NaN, 2, NaN]));
    expect(Array.from(chunk!.min)).toEqual([NaN, 2]);
    expect(Array.from(chunk!.max)).toEqual([NaN, 2]);
    expect(Array.from(chunk!.last)).toEqual([NaN, NaN]);
    expect(Array.from(chunk!.counts)).toEqual([2, 2]);
  });

  it('appendToCoarse rounds min down and max up to float32, so the band holds every point; last is the nearest float32', () => {
    const [chunk] = appendToCoarse(null, SERIES, Float64Array.from([0, 1]), Float64Array.from([0.1, 0.3]));
    expect(chunk!.min[0]).toBeLessThanOrEqual(0.1);
    expect(chunk!.max[0]).toBeGreaterThanOrEqual(0.3);
    expect(chunk!.last[0]).toBe(Math.fround(0.3));
  });

  it('appendToCoarse with no points writes nothing', () => {
    expect(appendToCoarse(null, SERIES, new Float64Array(0), new Float64Array(0))).toEqual([]);
  });
});

describe('packCoarse / unpackCoarse', () => {
  it('packCoarse drops x and counts for consecutive steps (partial first and last buckets included) and unpackCoarse restores them', () => {
    for (const steps of [range(5, 1008), range(0, 16), range(16, 17), range(65_536, 65_540)]) {
      const [chunk] = appendToCoarse(null, SERIES, steps, steps.map(Math.sqrt));
      const stored = packCoarse(chunk!, 'p');
      expect(stored).toMatchObject({ project: 'p', runId: 'r', metric: 'm', x: null, counts: null, firstStep: steps[0], lastStep: steps.at(-1) });
      expect(unpackCoarse(stored), `${steps[0]}…${steps.at(-1)}`).toEqual(chunk);
    }
  });

  it('packCoarse keeps x and counts for steps with gaps, and round-trips them', () => {
    for (const steps of [
      [0, 100, 200, 300],
      [0, 1, 2, 20, 21, 40],
      [15, 31, 47, 64],
      [0, 2, ...range(16, 41)],
    ]) {
      const [chunk] = appendToCoarse(null, SERIES, Float64Array.from(steps), Float64Array.from(steps));
      const stored = packCoarse(chunk!, 'p');
      expect(stored.x, `${steps}`).not.toBeNull();
      expect(stored.counts, `${steps}`).not.toBeNull();
      expect(unpackCoarse(stored)).toEqual(chunk);
    }
  });

  it('packCoarse / unpackCoarse round-trip a gap inside the first bucket when every later step is there (only counts matter)', () => {
    const steps = Float64Array.from([3, ...range(5, 41)]);
    const [chunk] = appendToCoarse(null, SERIES, steps, steps);
    expect(unpackCoarse(packCoarse(chunk!, 'p'))).toEqual(chunk);
  });

  it('unpackCoarse with a shared map hands runs logged over the same steps one x array', () => {
    const steps = Float64Array.from({ length: 500 }, (_, i) => i);
    const shared: Parameters<typeof unpackCoarse>[1] = new Map();
    const [a] = appendToCoarse(null, { runId: 'a', metric: 'm' }, steps, steps);
    const [b] = appendToCoarse(null, { runId: 'b', metric: 'm' }, steps, steps.map((v) => -v));
    const [c] = appendToCoarse(null, { runId: 'c', metric: 'm' }, steps.subarray(0, 400), steps.subarray(0, 400));
    const ua = unpackCoarse(packCoarse(a!, 'p'), shared);
    const ub = unpackCoarse(packCoarse(b!, 'p'), shared);
    const uc = unpackCoarse(packCoarse(c!, 'p'), shared);
    expect(ua.x).toBe(ub.x);
    expect(ua.counts).toBe(ub.counts);
    expect(uc.x).not.toBe(ua.x);
    expect(ub.last[10]).toBe(-175);
  });
});

describe('advanceCoarse', () => {
  it('advanceCoarse writes nothing below 4,096 points, everything so far on reaching them, then appends', () => {
    const steps = range(0, 6000);
    const values = steps.map((s) => Math.cos(s / 100));
    let index = emptySeriesIndex('r', 'm');
    // The series' raw chunks so far (several below 4,096 points, as they hold CHUNK_POINTS = 1,024 each).
    let head: ChunkRecord[] = [];
    let coarse: CoarseChunk | null = null;
    const written: number[] = [];
    for (const [from, to] of [[0, 2000], [2000, 4095], [4095, 4100], [4100, 6000]] as const) {
      const batch = { steps: steps.slice(from, to), values: values.slice(from, to) };
      const writes = advanceCoarse({ series: SERIES, before: index.count, head, coarse, ...batch });
      const tail = head.at(-1) && head.at(-1)!.steps.length < CHUNK_POINTS ? head.at(-1)! : null;
      const raw = appendToSeries(index, tail, batch.steps, batch.values);
      written.push(writes.length);
      index = raw.index;
      head = [...head];
      for (const chunk of raw.writes) head[chunk.chunk] = chunk;
      coarse = writes.at(-1) ?? coarse;
      if (to >= COARSE_FROM_POINTS) expect(flatten([coarse!]), `after ${to} points`).toEqual(bruteCoarse(Array.from(steps.subarray(0, to)), Array.from(values.subarray(0, to))));
    }
    expect(written).toEqual([0, 0, 1, 1]);
  });
});
