import { concatFloat64 } from '../../lib/concatArrays';
import { float32Above, float32Below } from '../../lib/float32Round';
import { lowerBound } from './buckets';
import type { ChunkRecord } from './historyChunks';

/**
 * Steps per coarse bucket. 10,000 steps become 625 buckets, enough for a panel ~1,000 px wide (a bucket spans at most
 * 2 px); 1,000 runs × 4 metrics of them are 30 MB, read in ~300 ms (bench/workspaceStore). Measured in Chromium here
 * (4,000 records, reads in parallel groups): factor 8 read ~1.5× longer than 16, and factor 32 halves the points a
 * full-width panel gets.
 */
export const COARSE_FACTOR = 16;

/**
 * Buckets per stored coarse chunk (65,536 steps). The open chunk is rewritten on every flush, like the raw tail
 * chunk, so this bounds that write (≤ 53 kB) while a series of up to 65,536 steps stays one record.
 */
export const COARSE_CHUNK_BUCKETS = 4096;

const CHUNK_STEPS = COARSE_FACTOR * COARSE_CHUNK_BUCKETS;

/**
 * One chunk of a series' coarse level: its points grouped by bucket = ⌊step / COARSE_FACTOR⌋, non-empty buckets only,
 * in order. Values are float32: min rounded down and max rounded up, so the band drawn from them still holds every
 * point (spikes included); last rounded to the nearest float32 (7 significant digits, plenty to draw).
 */
export interface CoarseChunk {
  runId: string;
  metric: string;
  /** ⌊bucket / COARSE_CHUNK_BUCKETS⌋ of every bucket in it. */
  chunk: number;
  /** Step of each bucket's last point (increasing). */
  x: Float64Array;
  /** Smallest value of each bucket ignoring NaN; NaN when the bucket holds only NaN. */
  min: Float32Array;
  /** Largest value of each bucket ignoring NaN; NaN when the bucket holds only NaN. */
  max: Float32Array;
  /** Value of each bucket's last point (NaN included). */
  last: Float32Array;
  /** Points in each bucket: at most COARSE_FACTOR, as a series' steps are distinct integers. */
  counts: Uint8Array;
}

/** The buckets of a stretch of a series' coarse level, whatever holds them: a chunk, or a run's part of an overview block. */
export type CoarseBuckets = Pick<CoarseChunk, 'x' | 'min' | 'max' | 'last' | 'counts'>;

/** One pair of x and counts arrays per distinct consecutive layout, shared (read-only) by runs logged over the same steps. */
export type SharedCoarseLayouts = Map<string, Pick<CoarseChunk, 'x' | 'counts'>>;

/**
 * A coarse chunk as stored, keyed [project, metric, runId, chunk] so that one key range reads a metric of many runs
 * of a project. When the steps are consecutive (one log per step, the usual case) x and counts follow from firstStep
 * and lastStep and are dropped, which cuts what an overview reads by more than 40 %.
 */
export interface StoredCoarseChunk extends Omit<CoarseChunk, 'x' | 'counts'> {
  project: string;
  /** x[0] − counts[0] + 1: the first step, when the steps are consecutive. */
  firstStep: number;
  /** Step of the last point. */
  lastStep: number;
  /** null when the steps are consecutive: bucket i is ⌊firstStep / COARSE_FACTOR⌋ + i and ends at its last step. */
  x: Float64Array | null;
  /** null when the steps are consecutive. */
  counts: Uint8Array | null;
}

/** The bucket a step falls in. */
export function coarseBucketOf(step: number): number {
  return Math.floor(step / COARSE_FACTOR);
}

/** The coarse chunk a step falls in. */
export function coarseChunkOf(step: number): number {
  return Math.floor(step / CHUNK_STEPS);
}

/** Drops x and counts when they follow from the first and last step (see StoredCoarseChunk). */
export function packCoarse(chunk: CoarseChunk, project: string): StoredCoarseChunk {
  const { x, counts } = chunk;
  const firstStep = (x[0] ?? 0) - (counts[0] ?? 0) + 1;
  const lastStep = x[x.length - 1] ?? 0;
  let points = 0;
  for (const count of counts) points += count;
  // Steps are distinct integers, so as many points as steps in (x[0], lastStep] means every one of them is there.
  const consecutive = points === lastStep - firstStep + 1;
  return { ...chunk, project, firstStep, lastStep, x: consecutive ? null : x, counts: consecutive ? null : counts };
}

/**
 * Restores a stored coarse chunk's x and counts. `shared` (optional) hands out one pair of arrays per distinct layout,
 * so that a batch of runs logged over the same steps shares them (read-only, then) instead of a copy each.
 */
export function unpackCoarse(stored: StoredCoarseChunk, shared?: SharedCoarseLayouts): CoarseChunk {
  const { project: _project, firstStep, lastStep, x, counts, ...rest } = stored;
  if (x !== null && counts !== null) return { ...rest, x, counts };
  return { ...rest, ...impliedCoarseLayout(firstStep, lastStep, shared) };
}

/** x and counts of buckets holding every step from firstStep to lastStep; one pair per layout through `shared`. */
export function impliedCoarseLayout(firstStep: number, lastStep: number, shared?: SharedCoarseLayouts): Pick<CoarseChunk, 'x' | 'counts'> {
  const layout = `${firstStep}:${lastStep}`;
  let implied = shared?.get(layout);
  if (!implied) {
    implied = consecutiveLayout(firstStep, lastStep);
    shared?.set(layout, implied);
  }
  return implied;
}

/** x and counts of buckets holding every step from firstStep to lastStep. */
function consecutiveLayout(firstStep: number, lastStep: number): Pick<CoarseChunk, 'x' | 'counts'> {
  const firstBucket = coarseBucketOf(firstStep);
  const n = coarseBucketOf(lastStep) - firstBucket + 1;
  const x = new Float64Array(n);
  // Every bucket but the first and the last is full and ends at its last step: a workspace builds one such layout per
  // run length, a thousand for runs of mixed lengths, so this loop stays this plain.
  const counts = new Uint8Array(n).fill(COARSE_FACTOR);
  let end = (firstBucket + 1) * COARSE_FACTOR - 1;
  for (let i = 0; i < n; i++, end += COARSE_FACTOR) x[i] = end;
  x[n - 1] = lastStep;
  counts[n - 1] = lastStep - (firstBucket + n - 1) * COARSE_FACTOR + 1;
  counts[0] = x[0]! - firstStep + 1;
  return { x, counts };
}

/**
 * Points a series holds before it gets a coarse level (four raw chunks of 1,024; it was one chunk of 4,096 before v4).
 * A shorter series is read raw in one request anyway, and the many short runs of quick experiments do not pay an extra
 * write on every flush (it cost the logging benchmark's 1,000-step runs ~6 % of their throughput).
 */
export const COARSE_FROM_POINTS = 4096;

/** What advanceCoarse needs to know about a series and the batch appended to it. */
export interface CoarseAdvance {
  series: { runId: string; metric: string };
  /** Points the series held before the batch. */
  before: number;
  /** Its raw chunks before the batch, in order, while it is shorter than COARSE_FROM_POINTS (otherwise unused). */
  head: readonly ChunkRecord[];
  /** Its last coarse chunk, when it has a coarse level. */
  coarse: CoarseChunk | null;
  steps: Float64Array;
  values: Float64Array;
}

/**
 * The coarse chunks to (re)write for a batch: none while the series stays shorter than COARSE_FROM_POINTS, all of
 * them (from every point so far) when the batch takes it there, the batch appended after that.
 */
export function advanceCoarse({ series, before, head, coarse, steps, values }: CoarseAdvance): CoarseChunk[] {
  if (before + steps.length < COARSE_FROM_POINTS) return [];
  if (before >= COARSE_FROM_POINTS) return appendToCoarse(coarse, series, steps, values);
  return appendToCoarse(null, series, concatFloat64([...head.map((c) => c.steps), steps]), concatFloat64([...head.map((c) => c.values), values]));
}

/**
 * Adds points (steps increasing, after everything in `tail`) to a series' coarse level. `tail` is its last chunk, whose
 * last bucket may still be open; returns the chunks to (re)write, in order: `tail` extended, then new ones.
 */
export function appendToCoarse(tail: CoarseChunk | null, series: { runId: string; metric: string }, steps: Float64Array, values: Float64Array): CoarseChunk[] {
  const writes: CoarseChunk[] = [];
  let from = 0;
  while (from < steps.length) {
    const chunk = coarseChunkOf(steps[from]!);
    const to = from + lowerBound(steps.subarray(from), (chunk + 1) * CHUNK_STEPS);
    const base = writes.length === 0 && tail?.chunk === chunk ? tail : null;
    writes.push(extendChunk(base, { ...series, chunk }, steps.subarray(from, to), values.subarray(from, to)));
    from = to;
  }
  return writes;
}

function extendChunk(base: CoarseChunk | null, key: { runId: string; metric: string; chunk: number }, steps: Float64Array, values: Float64Array): CoarseChunk {
  const kept = base?.x.length ?? 0;
  const openBucket = kept > 0 ? coarseBucketOf(base!.x[kept - 1]!) : NaN;
  let added = 0;
  for (let i = 0; i < steps.length; ) {
    const bucket = coarseBucketOf(steps[i]!);
    if (i > 0 || bucket !== openBucket) added++;
    const end = (bucket + 1) * COARSE_FACTOR;
    while (i < steps.length && steps[i]! < end) i++;
  }
  const n = kept + added;
  const out: CoarseChunk = { ...key, x: new Float64Array(n), min: new Float32Array(n), max: new Float32Array(n), last: new Float32Array(n), counts: new Uint8Array(n) };
  if (base) {
    out.x.set(base.x);
    out.min.set(base.min);
    out.max.set(base.max);
    out.last.set(base.last);
    out.counts.set(base.counts);
  }
  const { x, min, max, last, counts } = out;
  let k = kept - 1;
  for (let i = 0; i < steps.length; ) {
    const bucket = coarseBucketOf(steps[i]!);
    const end = (bucket + 1) * COARSE_FACTOR;
    // Extremes of this bucket's new points in float64, rounded to float32 once per bucket rather than per point.
    let lo = NaN;
    let hi = NaN;
    let j = i;
    for (; j < steps.length && steps[j]! < end; j++) {
      const v = values[j]!;
      // `lo !== lo` is true while lo is NaN, so the first number replaces it; a NaN value changes nothing.
      if (v < lo || lo !== lo) lo = v;
      if (v > hi || hi !== hi) hi = v;
    }
    const continuesOpenBucket = k === kept - 1 && bucket === openBucket;
    if (!continuesOpenBucket) {
      k++;
      min[k] = NaN;
      max[k] = NaN;
    }
    x[k] = steps[j - 1]!;
    last[k] = values[j - 1]!;
    counts[k]! += j - i;
    if (!Number.isNaN(lo)) {
      // `!(a <= b)` is also true while the bucket's extreme is still NaN.
      const below = float32Below(lo);
      if (!(min[k]! <= below)) min[k] = below;
      const above = float32Above(hi);
      if (!(max[k]! >= above)) max[k] = above;
    }
    i = j;
  }
  return out;
}
