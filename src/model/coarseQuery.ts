import { lowerBound, type SeriesBuckets } from './buckets';
import { COARSE_FACTOR, coarseBucketOf, type CoarseChunk } from './coarseLevel';

/**
 * The narrowest buckets the coarse level answers: a quarter of a coarse bucket, so one coarse bucket spans at most four
 * of the buckets asked for (≈ pixels; min and max stay exact, only the line is drawn with fewer vertices). A panel
 * 1,000 px wide over 10,000 steps is answered from it with 625 buckets, and so is a full-width 1,500 px panel (reading
 * 1,000 runs raw there took 2–3 s); narrower buckets (a zoom) are made from raw points.
 */
export const COARSE_MIN_BUCKET_STEPS = COARSE_FACTOR / 4;

/** A stretch of one chunk: buckets [from, to). */
interface Slice {
  chunk: CoarseChunk;
  from: number;
  to: number;
}

/** The buckets of `chunks` (in order) that [x0, x1] touches, i.e. the range widened to whole coarse buckets. */
function slicesIn(chunks: readonly CoarseChunk[], x0: number, x1: number): Slice[] {
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
export function coarseExtent(chunks: readonly CoarseChunk[]): [number, number] | null {
  const first = chunks[0];
  const last = chunks[chunks.length - 1];
  if (!first || !last || first.x.length === 0) return null;
  return [coarseBucketOf(first.x[0]!) * COARSE_FACTOR, last.x[last.x.length - 1]!];
}

/** Points in the coarse buckets [x0, x1] touches: at least the points in the range itself. */
export function coarsePointsIn(chunks: readonly CoarseChunk[], x0: number, x1: number): number {
  let points = 0;
  for (const { chunk, from, to } of slicesIn(chunks, x0, x1)) for (let i = from; i < to; i++) points += chunk.counts[i]!;
  return points;
}

/**
 * Whether the coarse level answers `buckets` buckets over [x0, x1]: they are at least COARSE_MIN_BUCKET_STEPS wide and
 * the range holds more points than buckets (when it holds fewer, the answer is the exact points, read raw).
 */
export function coarseAnswers(chunks: readonly CoarseChunk[], [x0, x1]: readonly [number, number], buckets: number): boolean {
  const width = Math.max(1, Math.floor(buckets));
  return coarseBucketsFit([x0, x1], width) && coarsePointsIn(chunks, x0, x1) > width;
}

/** Whether `buckets` buckets over [x0, x1] are at least COARSE_MIN_BUCKET_STEPS wide (steps are integers: x1 − x0 + 1 of them). */
export function coarseBucketsFit([x0, x1]: readonly [number, number], buckets: number): boolean {
  return (x1 - x0 + 1) / Math.max(1, Math.floor(buckets)) >= COARSE_MIN_BUCKET_STEPS;
}

/**
 * At most `buckets` min/max/last buckets over [x0, x1] from the coarse level. The range is widened to whole coarse
 * buckets and each answer bucket is a run of consecutive coarse buckets, so its min and max are those of exactly the
 * points it covers (rounded outwards to float32), and its x is its last point's step. When no merging is needed the
 * arrays are views of the chunk's own (read-only).
 */
export function bucketCoarse(chunks: readonly CoarseChunk[], [x0, x1]: readonly [number, number], buckets: number): SeriesBuckets<Float32Array> {
  const b0 = coarseBucketOf(x0);
  const perBucket = Math.max(1, (coarseBucketOf(x1) - b0 + 1) / Math.max(1, Math.floor(buckets)));
  const slices = slicesIn(chunks, x0, x1);
  const only = slices[0];
  if (perBucket === 1 && only && slices.length === 1) {
    const { chunk, from, to } = only;
    return { exact: false, x: chunk.x.subarray(from, to), min: chunk.min.subarray(from, to), max: chunk.max.subarray(from, to), last: chunk.last.subarray(from, to) };
  }
  let total = 0;
  for (const { from, to } of slices) total += to - from;
  const x = new Float64Array(total);
  const min = new Float32Array(total);
  const max = new Float32Array(total);
  const last = new Float32Array(total);
  let k = -1;
  let group = NaN;
  for (const { chunk, from, to } of slices) {
    for (let i = from; i < to; i++) {
      const g = Math.floor((coarseBucketOf(chunk.x[i]!) - b0) / perBucket);
      const lo = chunk.min[i]!;
      const hi = chunk.max[i]!;
      if (g !== group) {
        k++;
        group = g;
        min[k] = lo;
        max[k] = hi;
      } else {
        // A NaN extreme (a bucket of only NaN) never replaces a number; a number replaces NaN.
        if (lo < min[k]! || Number.isNaN(min[k]!)) min[k] = lo;
        if (hi > max[k]! || Number.isNaN(max[k]!)) max[k] = hi;
      }
      x[k] = chunk.x[i]!;
      last[k] = chunk.last[i]!;
    }
  }
  const n = k + 1;
  return { exact: false, x: x.slice(0, n), min: min.slice(0, n), max: max.slice(0, n), last: last.slice(0, n) };
}
