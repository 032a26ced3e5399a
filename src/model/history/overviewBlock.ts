import { impliedCoarseLayout, packCoarse, type CoarseBuckets, type CoarseChunk, type SharedCoarseLayouts } from './coarseLevel';

/**
 * Where each run's coarse level lies in an overview block's data. An overview block holds the coarse levels of one
 * metric of many runs in one buffer, so that a workspace reads a metric of a project's runs as a handful of records
 * (see store/overviewBlocks.ts); this part is stored beside the buffer and read without it.
 */
export interface OverviewBlockLayout {
  runIds: string[];
  /** Each run's first step (see StoredCoarseChunk.firstStep). */
  firstStep: Float64Array;
  /** Each run's last step. */
  lastStep: Float64Array;
  /** Run i's buckets are [bucketStart[i], bucketStart[i + 1]) of the block's (runs + 1 entries). */
  bucketStart: Uint32Array;
  /** Where run i's x and counts start among the block's stored ones; −1 when its steps are consecutive (implied). */
  layoutStart: Int32Array;
}

/** A block ready to store: its layout and one buffer (see packOverviewBlock for what the buffer holds). */
export interface PackedOverviewBlock {
  layout: OverviewBlockLayout;
  data: ArrayBuffer;
}

/** One run's coarse level, as the chunks (in order) that hold it. */
export interface OverviewRun {
  runId: string;
  chunks: readonly CoarseBuckets[];
}

/** Bytes a bucket takes in a block: min, max and last as float32 (x and counts only where steps are not consecutive). */
export const OVERVIEW_BUCKET_BYTES = 12;

/**
 * Packs runs' coarse levels into one block. The buffer holds min, max and last of every bucket, each as one float32
 * array over all runs in order (planar, so a run's values are views, not copies), then for the runs whose steps are
 * not consecutive their x (float64, 8-byte aligned) and counts (uint8). Values are copied bit for bit: a block
 * answers exactly what the chunks it was packed from answer.
 */
export function packOverviewBlock(runs: readonly OverviewRun[]): PackedOverviewBlock {
  const whole = runs.map((run) => packCoarse(concatChunks(run.chunks), ''));
  const bucketStart = new Uint32Array(runs.length + 1);
  const layoutStart = new Int32Array(runs.length);
  let stored = 0;
  whole.forEach((run, i) => {
    bucketStart[i + 1] = bucketStart[i]! + run.last.length;
    layoutStart[i] = run.x ? stored : -1;
    if (run.x) stored += run.x.length;
  });
  const views = viewsOf(new ArrayBuffer(byteLength(bucketStart[runs.length]!, stored)), bucketStart[runs.length]!, stored);
  whole.forEach((run, i) => {
    const at = bucketStart[i]!;
    views.min.set(run.min, at);
    views.max.set(run.max, at);
    views.last.set(run.last, at);
    if (run.x && run.counts) {
      views.x.set(run.x, layoutStart[i]);
      views.counts.set(run.counts, layoutStart[i]);
    }
  });
  return {
    layout: {
      runIds: runs.map((run) => run.runId),
      firstStep: Float64Array.from(whole, (run) => run.firstStep),
      lastStep: Float64Array.from(whole, (run) => run.lastStep),
      bucketStart,
      layoutStart,
    },
    data: views.min.buffer as ArrayBuffer,
  };
}

/**
 * Each run's buckets in a block, in the layout's order: views of `data` (read-only). `shared` hands runs logged over
 * the same steps one x and counts array, also across blocks and chunks read for the same query.
 */
export function unpackOverviewBlock(layout: OverviewBlockLayout, data: ArrayBuffer, shared?: SharedCoarseLayouts): CoarseBuckets[] {
  const { bucketStart, layoutStart, firstStep, lastStep } = layout;
  const runs = layout.runIds.length;
  const buckets = bucketStart[runs]!;
  let stored = 0;
  for (let i = 0; i < runs; i++) if (layoutStart[i]! >= 0) stored += bucketStart[i + 1]! - bucketStart[i]!;
  if (data.byteLength !== byteLength(buckets, stored)) throw new Error(`an overview block holds ${data.byteLength} bytes where its layout needs ${byteLength(buckets, stored)}`);
  const views = viewsOf(data, buckets, stored);
  return layout.runIds.map((_, i) => {
    const from = bucketStart[i]!;
    const to = bucketStart[i + 1]!;
    const at = layoutStart[i]!;
    const layoutOfRun = at >= 0 ? { x: views.x.subarray(at, at + to - from), counts: views.counts.subarray(at, at + to - from) } : impliedCoarseLayout(firstStep[i]!, lastStep[i]!, shared);
    return { min: views.min.subarray(from, to), max: views.max.subarray(from, to), last: views.last.subarray(from, to), ...layoutOfRun };
  });
}

/** Bytes of a block's buffer: `buckets` of values, `stored` of them with x and counts. */
function byteLength(buckets: number, stored: number): number {
  return xOffset(buckets) + 9 * stored;
}

/** Where the x array starts: after the three float32 arrays, rounded up to a multiple of 8 for a Float64Array view. */
function xOffset(buckets: number): number {
  return Math.ceil((OVERVIEW_BUCKET_BYTES * buckets) / 8) * 8;
}

function viewsOf(buffer: ArrayBuffer, buckets: number, stored: number) {
  const at = xOffset(buckets);
  return {
    min: new Float32Array(buffer, 0, buckets),
    max: new Float32Array(buffer, 4 * buckets, buckets),
    last: new Float32Array(buffer, 8 * buckets, buckets),
    x: new Float64Array(buffer, at, stored),
    counts: new Uint8Array(buffer, at + 8 * stored, stored),
  };
}

/** A run's chunks as one stretch of buckets (the chunk itself when there is one), keyed as packCoarse wants. */
function concatChunks(chunks: readonly CoarseBuckets[]): CoarseChunk {
  const key = { runId: '', metric: '', chunk: 0 };
  const n = chunks.reduce((sum, chunk) => sum + chunk.x.length, 0);
  // An empty run would get an implied layout of one bucket (see consecutiveLayout): runs are packed only with buckets.
  if (n === 0) throw new Error('an overview block cannot hold a run without coarse buckets');
  if (chunks.length === 1) return { ...key, ...chunks[0]! };
  const out = { ...key, x: new Float64Array(n), min: new Float32Array(n), max: new Float32Array(n), last: new Float32Array(n), counts: new Uint8Array(n) };
  let at = 0;
  for (const chunk of chunks) {
    out.x.set(chunk.x, at);
    out.min.set(chunk.min, at);
    out.max.set(chunk.max, at);
    out.last.set(chunk.last, at);
    out.counts.set(chunk.counts, at);
    at += chunk.x.length;
  }
  return out;
}

/** Bytes a run's values take in a block's buffer (x and counts, stored only for runs with gaps, not counted). */
export function overviewRunBytes(run: OverviewRun): number {
  return run.chunks.reduce((sum, chunk) => sum + chunk.x.length, 0) * OVERVIEW_BUCKET_BYTES;
}

/**
 * Runs (of `bytesOf` bytes each) cut, in order, into about k = ⌈total / maxBytes⌉ blocks of about total / k bytes of values each: a run goes to
 * the block its middle byte falls in, counting from the first run, and a block also ends where the next run would take
 * it over maxBytes. So several blocks each hold about maxBytes / 2 or more (merging them again would gain little), and
 * a run larger than maxBytes gets a block of its own.
 */
export function splitIntoBlocks<T>(runs: readonly T[], maxBytes: number, bytesOf: (run: T) => number): T[][] {
  const sizes = runs.map(bytesOf);
  const total = sizes.reduce((sum, bytes) => sum + bytes, 0);
  const count = Math.max(1, Math.ceil(total / maxBytes));
  const target = total / count;
  const blocks: T[][] = [];
  let block: T[] = [];
  let blockBytes = 0;
  let blockNumber = 0;
  let before = 0;
  runs.forEach((run, i) => {
    const size = sizes[i]!;
    const number = Math.min(count - 1, Math.floor((before + size / 2) / target));
    if (block.length > 0 && (number !== blockNumber || blockBytes + size > maxBytes)) {
      blocks.push(block);
      block = [];
      blockBytes = 0;
    }
    blockNumber = number;
    block.push(run);
    blockBytes += size;
    before += size;
  });
  if (block.length > 0) blocks.push(block);
  return blocks;
}
