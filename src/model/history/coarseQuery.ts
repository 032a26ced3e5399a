import { lowerBound, type SeriesBuckets } from './buckets';
import { COARSE_FACTOR, coarseBucketOf, type CoarseBuckets } from './coarseLevel';

/**
 * The narrowest buckets the coarse level answers: a quarter of a coarse bucket, so one coarse bucket spans at most four
 * of the buckets asked for (≈ pixels; min and max stay exact, only the line is drawn with fewer vertices). A panel
 * 1,000 px wide over 10,000 steps is answered from it with 625 buckets, and so is a full-width 1,500 px panel (reading
 * 1,000 runs raw there took 2–3 s); narrower buckets (a zoom) are made from raw points.
 */
export const COARSE_MIN_BUCKET_STEPS = COARSE_FACTOR / 4;

/** A stretch of one chunk (or a run's buckets in an overview block): buckets [from, to). */
interface Slice {
  chunk: CoarseBuckets;
  from: number;
  to: number;
}

/** The buckets of `chunks` (in order) that [x0, x1] touches, i.e. the range widened to whole coarse buckets. */
function slicesIn(chunks: readonly CoarseBuckets[], x0: number, x1: number): Slice[] {
  const start = coarseBucketOf(x0) * COARSE_FACTOR;
  const end = (coarseBucketOf(x1) + 1) * COARSE_FACTOR;
  const slices: Slice[] = [];
  for (const chunk of chunks) {
    const from = lowerBound(chunk.x, start);
    const to = lowerBound(chunk.x, end);
    if (to > from) slices.push({ chunk, from, to });
  }
  return slices;
}

/** The steps a series' coarse chunks (in order) cover: its first bucket's start to its last point; null when empty. */
export function coarseExtent(chunks: readonly CoarseBuckets[]): [number, number] | null {
  const first = chunks[0];
  const last = chunks[chunks.length - 1];
  if (!first || !last || first.x.length === 0) return null;
  return [coarseBucketOf(first.x[0]!) * COARSE_FACTOR, last.x[last.x.length - 1]!];
}

/** Points in the coarse buckets [x0, x1] touches: at least the points in the range itself. */
export function coarsePointsIn(chunks: readonly CoarseBuckets[], x0: number, x1: number): number {
  let points = 0;
  for (const { chunk, from, to } of slicesIn(chunks, x0, x1)) for (let i = from; i < to; i++) points += chunk.counts[i]!;
  return points;
}

/**
 * Whether the coarse level answers `buckets` buckets over [x0, x1]: they are at least COARSE_MIN_BUCKET_STEPS wide and
 * the range holds more points than buckets (when it holds fewer, the answer is the exact points, read raw).
 */
export function coarseAnswers(chunks: readonly CoarseBuckets[], [x0, x1]: readonly [number, number], buckets: number): boolean {
  const width = Math.max(1, Math.floor(buckets));
  return coarseBucketsFit([x0, x1], width) && coarsePointsIn(chunks, x0, x1) > width;
}

/** Whether `buckets` buckets over [x0, x1] are at least COARSE_MIN_BUCKET_STEPS wide (steps are integers: x1 − x0 + 1 of them). */
export function coarseBucketsFit([x0, x1]: readonly [number, number], buckets: number): boolean {
  return (x1 - x0 + 1) / Math.max(1, Math.floor(buckets)) >= COARSE_MIN_BUCKET_STEPS;
}

/**
 * How the coarse buckets a query touches merge into answer buckets: where each answer bucket ends (as a position in
 * the slices laid end to end) and its x. Runs logged over the same steps share their coarse x array, so one plan
 * serves all of them.
 */
export interface MergePlan {
  x: Float64Array;
  ends: Uint32Array;
}

/**
 * Up to this many coarse buckets per bucket asked, the coarse buckets are the answer as they are (views, no copy): a
 * full-width panel of 10,000 steps asks ~600 buckets of 625, and merging them into 600 cost 1,000 runs ~35 ms a panel
 * for no visible difference (a pixel column then holds one or two of them).
 */
export const UNMERGED_RATIO = 1.5;

/** Runs whose merged values share one buffer: a typed array's own buffer costs ≈ 10 µs in Chromium. */
const RUNS_PER_BUFFER = 64;

/**
 * What the runs of one query share while their coarse buckets merge: plans by the coarse x array they were made for
 * (the range and width are the query's), and buffers the merged values are carved from.
 */
export class CoarseMerges {
  readonly plans = new Map<Float64Array, MergePlan>();
  private buffer = new Float32Array(0);
  private used = 0;

  /** `runs`: how many runs the query merges, so a buffer is not made bigger than they need. */
  constructor(private runsLeft = 1) {}

  /** `length` zeroed floats of a shared buffer. */
  take(length: number): Float32Array {
    if (this.used + length > this.buffer.length) {
      this.buffer = new Float32Array(length * Math.max(1, Math.min(RUNS_PER_BUFFER, this.runsLeft)));
      this.used = 0;
    }
    this.runsLeft--;
    this.used += length;
    return this.buffer.subarray(this.used - length, this.used);
  }
}

/**
 * About `buckets` min/max/last buckets over [x0, x1] from the coarse level (at most that many, or the coarse buckets
 * themselves when they are fewer than UNMERGED_RATIO times as many). The range is widened to whole coarse
 * buckets and each answer bucket is a run of consecutive coarse buckets, so its min and max are those of exactly the
 * points it covers (rounded outwards to float32), and its x is its last point's step. When no merging is needed the
 * arrays are views of the chunk's own (read-only). `merges` lets the runs of one query share merge plans, x arrays and
 * buffers.
 */
export function bucketCoarse(chunks: readonly CoarseBuckets[], [x0, x1]: readonly [number, number], buckets: number, merges = new CoarseMerges()): SeriesBuckets<Float32Array> {
  const b0 = coarseBucketOf(x0);
  const ratio = (coarseBucketOf(x1) - b0 + 1) / Math.max(1, Math.floor(buckets));
  const perBucket = ratio < UNMERGED_RATIO ? 1 : ratio;
  const slices = slicesIn(chunks, x0, x1);
  const only = slices[0];
  if (perBucket === 1 && only && slices.length === 1) {
    const { chunk, from, to } = only;
    return { exact: false, x: chunk.x.subarray(from, to), min: chunk.min.subarray(from, to), max: chunk.max.subarray(from, to), last: chunk.last.subarray(from, to) };
  }
  const shareable = only && slices.length === 1;
  let plan = shareable ? merges.plans.get(only.chunk.x) : undefined;
  if (!plan) {
    plan = mergePlan(slices, b0, perBucket);
    if (shareable) merges.plans.set(only.chunk.x, plan);
  }
  return { exact: false, x: plan.x, ...mergeSlices(slices, plan.ends, merges.take(3 * plan.ends.length)) };
}

function mergePlan(slices: readonly Slice[], b0: number, perBucket: number): MergePlan {
  let total = 0;
  for (const { from, to } of slices) total += to - from;
  const x = new Float64Array(total);
  const ends = new Uint32Array(total);
  let k = -1;
  let group = NaN;
  let position = 0;
  for (const { chunk, from, to } of slices) {
    for (let i = from; i < to; i++, position++) {
      const g = Math.floor((coarseBucketOf(chunk.x[i]!) - b0) / perBucket);
      if (g !== group) {
        k++;
        group = g;
      }
      x[k] = chunk.x[i]!;
      ends[k] = position + 1;
    }
  }
  return { x: x.slice(0, k + 1), ends: ends.slice(0, k + 1) };
}

/** min, max and last of each planned bucket, written into `out` (3 × buckets long). */
function mergeSlices(slices: readonly Slice[], ends: Uint32Array, out: Float32Array): Pick<SeriesBuckets<Float32Array>, 'min' | 'max' | 'last'> {
  const n = ends.length;
  const min = out.subarray(0, n);
  const max = out.subarray(n, 2 * n);
  const last = out.subarray(2 * n);
  let k = 0;
  let position = 0;
  // Where bucket k starts among the slices laid end to end.
  let start = 0;
  for (const { chunk, from, to } of slices) {
    const lows = chunk.min;
    const highs = chunk.max;
    const lasts = chunk.last;
    for (let i = from; i < to; i++, position++) {
      const lo = lows[i]!;
      const hi = highs[i]!;
      if (position === start) {
        min[k] = lo;
        max[k] = hi;
      } else {
        // A NaN extreme (a bucket of only NaN) never replaces a number; a number replaces NaN.
        if (lo < min[k]! || Number.isNaN(min[k]!)) min[k] = lo;
        if (hi > max[k]! || Number.isNaN(max[k]!)) max[k] = hi;
      }
      last[k] = lasts[i]!;
      if (position + 1 === ends[k]) start = ends[k++]!;
    }
  }
  return { min, max, last };
}
