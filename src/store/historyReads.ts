import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { ArrayInterner } from '../lib/arrayInterner';
import type { BucketValues, SeriesBuckets, SeriesQuery } from '../model/history/buckets';
import { COARSE_FACTOR, coarseChunkOf, COARSE_FROM_POINTS, unpackCoarse, type CoarseBuckets, type SharedCoarseLayouts } from '../model/history/coarseLevel';
import { bucketCoarse, coarseAnswers, coarseBucketsFit, coarseExtent, CoarseMerges } from '../model/history/coarseQuery';
import { CHUNK_POINTS, unpackChunk, type ChunkRecord, type SeriesIndex, type StoredChunk } from '../model/history/historyChunks';
import { querySeries, querySeriesOfChunks } from '../model/history/seriesQuery';
import { readOverviewBlocks, type OverviewLevels } from './overviewBlocks';
import type { RawChunkReads } from './rawChunkReads';
import type { LabbookSchema } from './schema';

/** What a workspace panel asks for: one metric of many runs of a project, at about `buckets` buckets (its width in px). */
export interface OverviewQuery {
  project: string;
  metric: string;
  runIds: readonly string[];
  /** Steps to cover; each run's own first to last step when omitted. */
  xRange?: [number, number];
  buckets: number;
}

/** Where an overview read spent its time, so the slow stage is visible in benchmarks. */
export interface OverviewTimings {
  /** Reading the coarse level of all runs (IndexedDB: overview blocks and coarse chunks). */
  coarseReadMs: number;
  /** Turning them into buckets (CPU). */
  coarseBucketMs: number;
  /** Runs answered from raw points (a zoom, or few points): their reads and bucketing together. */
  rawMs: number;
  totalMs: number;
  /** Runs answered from their coarse level. */
  coarseRuns: number;
  /** Runs answered from every point of a series too short for a coarse level, as read beside it (points blocks, or raw chunks). */
  pointsRuns: number;
  /** Runs answered from raw chunks afterwards (a zoom narrower than the coarse level). */
  rawRuns: number;
  /** Runs whose coarse level or points came from overview blocks, and how many blocks were read. */
  packedRuns: number;
  blocks: number;
  /** Runs whose coarse level was read from their own coarse chunks (running, or not packed yet). */
  looseRuns: number;
}

/** One bucketed series per asked run, in the order asked; float32 values where they come from the coarse level. */
export interface OverviewAnswer {
  series: SeriesBuckets<BucketValues>[];
  timings: OverviewTimings;
  /**
   * Asked runs read from their raw chunks because their series is too short for a coarse level and no points block
   * held it (running, or not packed yet): candidates for packShortSeries.
   */
  unpackedShortRuns: string[];
}

type Db = IDBPDatabase<LabbookSchema>;
type ReadTransaction = IDBPTransaction<LabbookSchema, ('runs' | 'series' | 'chunks' | 'coarse')[], 'readonly'>;
/** The chunks store of either transaction: all chunkLoader needs. */
type ChunkStore = { getAll(range: IDBKeyRange): Promise<StoredChunk[]> };

/**
 * Runs read per raw request of a zoom, through the chunks' by_metric_chunk index. Measured in Chromium here (1,000
 * runs, 100 steps each, chunks of 1,024): a series index and a chunk request per run 290–600 ms, a chunk request per
 * run with the chunk known 150–340 ms, index ranges of 16 runs 40–80 ms (as with the coarse level: requests cost more
 * than the bytes).
 */
const RAW_READ_GROUP = 16;

/**
 * What a zoom's read-ahead reads beyond each side of the dragged range: half its width, and at least a quarter of a
 * chunk. A drag goes on the way it goes, so the chunk its next mouse moves cross into is read before them: a last move
 * into an unread chunk left its read (60–100 ms for 1,000 runs) to after the release. A drag of a few percent of a
 * 10,000-step axis is a few hundred steps, so the quarter chunk is what starts the neighbour's read at the press.
 */
const READ_AHEAD_MARGIN = 0.5;
const READ_AHEAD_MIN_STEPS = CHUNK_POINTS / 4;

/** A zoom spanning more chunks than this reads each run's index, which lets it skip reading chunks inside buckets. */
const RAW_GROUP_MAX_CHUNKS = 4;

const EMPTY: SeriesBuckets = { exact: true, x: new Float64Array(0), min: new Float64Array(0), max: new Float64Array(0), last: new Float64Array(0) };

const NO_LEVELS: OverviewLevels = { byRun: new Map(), points: new Map(), shortCoarse: new Map(), unpackedShort: [], packedRuns: 0, blocks: 0, looseRuns: 0 };

/**
 * One metric of many runs, bucketed for drawing: from the coarse level where its buckets are wide enough (overview
 * blocks and coarse chunks, see readOverviewBlocks), otherwise from raw points (exact when the range holds no more
 * points than buckets): a points block's for short series, else the run's chunks.
 */
export async function readOverview(db: Db, query: OverviewQuery, rawReads: RawChunkReads, layouts: SharedCoarseLayouts = new Map()): Promise<OverviewAnswer> {
  const start = performance.now();
  // A zoom narrower than the coarse buckets skips reading them at all.
  const useCoarse = !query.xRange || coarseBucketsFit(query.xRange, query.buckets);
  const coarse = useCoarse ? await readOverviewBlocks(db, query, layouts) : NO_LEVELS;
  const read = performance.now();
  const series: SeriesBuckets<BucketValues>[] = new Array(query.runIds.length);
  const raw: number[] = [];
  const merges = new CoarseMerges(query.runIds.length);
  const rawQuery: SeriesQuery = { buckets: query.buckets, ...(query.xRange ? { xRange: query.xRange } : {}) };
  const fromPoints: Promise<void>[] = [];
  const grid = query.xRange ? null : axisBucketWidth(coarse, query.buckets);
  query.runIds.forEach((runId, i) => {
    const chunks = coarse.byRun.get(runId);
    const range = query.xRange ?? (chunks && coarseExtent(chunks));
    const points = coarse.points.get(runId);
    const short = coarse.shortCoarse.get(runId);
    if (chunks && range && coarseAnswers(chunks, range, query.buckets)) series[i] = bucketCoarse(chunks, range, query.buckets, merges);
    else if (points) fromPoints.push(querySeriesOfChunks([points], grid === null ? { ...rawQuery, xRange: query.xRange! } : onGrid(points.steps, grid)).then((answer) => void (series[i] = answer)));
    else if (short && grid !== null) series[i] = coarseOnGrid(short, grid, merges);
    else raw.push(i);
  });
  await Promise.all(fromPoints);
  const bucketed = performance.now();
  const located = query.xRange ? await readRawOfRuns(db, rawReads, { ...query, xRange: query.xRange, runIds: raw.map((i) => query.runIds[i]!) }) : new Map<string, ChunkRecord[]>();
  // Opened after the reads above: a transaction with nothing to do while they were awaited would have ended.
  const tx = db.transaction(['series', 'chunks']);
  await Promise.all(
    raw.map(async (i) => {
      const runId = query.runIds[i]!;
      const chunks = located.get(runId);
      if (chunks) {
        series[i] = await querySeriesOfChunks(chunks, { buckets: query.buckets, xRange: query.xRange! });
        return;
      }
      const index = await tx.objectStore('series').get([runId, query.metric]);
      series[i] = index ? await querySeries(index, chunkLoader(tx.objectStore('chunks'), index), rawQuery) : EMPTY;
    }),
  );
  // Runs logged over the same steps get one x array (see ArrayInterner).
  const interner = new ArrayInterner();
  const shared = series.map((answer) => ({ ...answer, x: interner.intern(answer.x) }));
  const end = performance.now();
  return {
    series: shared,
    unpackedShortRuns: coarse.unpackedShort,
    timings: {
      coarseReadMs: read - start,
      coarseBucketMs: bucketed - read,
      rawMs: end - bucketed,
      totalMs: end - start,
      coarseRuns: query.runIds.length - raw.length - fromPoints.length,
      pointsRuns: fromPoints.length,
      rawRuns: raw.length,
      packedRuns: coarse.packedRuns,
      blocks: coarse.blocks,
      looseRuns: coarse.looseRuns,
    },
  };
}

/**
 * Steps per bucket of a panel's axis when it asks for no x-range: the axis spans every run, so `buckets` (its width in
 * px) over the longest, rounded to whole coarse buckets once it is that wide. Null when no run has points.
 */
function axisBucketWidth(levels: OverviewLevels, buckets: number): number | null {
  let lo = Infinity;
  let hi = -Infinity;
  const cover = (first: number, last: number) => {
    lo = Math.min(lo, first);
    hi = Math.max(hi, last);
  };
  for (const chunks of levels.byRun.values()) {
    const extent = coarseExtent(chunks);
    if (extent) cover(...extent);
  }
  for (const chunks of levels.shortCoarse.values()) {
    const extent = coarseExtent(chunks);
    if (extent) cover(...extent);
  }
  for (const { steps } of levels.points.values()) if (steps.length > 0) cover(steps[0]!, steps[steps.length - 1]!);
  if (hi < lo) return null;
  const width = Math.max(1, (hi - lo + 1) / Math.max(1, Math.floor(buckets)));
  // Whole coarse buckets where the axis is that coarse: the short runs' buckets then end where the long runs' do.
  return width >= COARSE_FACTOR ? COARSE_FACTOR * Math.round(width / COARSE_FACTOR) : width;
}

/**
 * A short series' query at the axis's resolution: buckets `width` steps wide on one grid (edges at multiples of it), so
 * that runs of different lengths share their buckets' x values instead of each bringing its own (and a chart aligning
 * 1,000 lines then has a column per pixel, not four). As many as its points when they are fewer: then they are exact.
 */
function onGrid(steps: Float64Array, width: number): SeriesQuery & { xRange: [number, number] } {
  const { x0, buckets } = gridCover(steps[0] ?? 0, steps[steps.length - 1] ?? 0, width);
  return { buckets, xRange: [x0, x0 + buckets * width] };
}

/**
 * A short series' coarse level on the axis's grid, as onGrid buckets its points: `width` is whole coarse buckets once
 * it is that wide (see axisBucketWidth), so each of its buckets merges the same coarse buckets as the long runs' do.
 */
function coarseOnGrid(chunks: readonly CoarseBuckets[], width: number, merges: CoarseMerges): SeriesBuckets<BucketValues> {
  const [first, last] = coarseExtent(chunks) ?? [0, 0];
  const { x0, buckets } = gridCover(first, last, width);
  // Ending one step before the next grid line, so that the range holds exactly `buckets` × width / COARSE_FACTOR coarse buckets.
  return bucketCoarse(chunks, [x0, x0 + buckets * width - 1], buckets, merges);
}

/** The grid buckets `width` steps wide (edges at multiples of it) that cover steps first to last: where they start, and how many. */
function gridCover(first: number, last: number, width: number): { x0: number; buckets: number } {
  const x0 = Math.floor(first / width) * width;
  return { x0, buckets: Math.max(1, Math.floor((last - x0) / width) + 1) };
}

/** One metric of one run: from the coarse level when it has one and the buckets are wide enough, otherwise raw. */
export async function readSeries(db: Db, runId: string, metric: string, query: SeriesQuery): Promise<SeriesBuckets> {
  const tx: ReadTransaction = db.transaction(['runs', 'series', 'chunks', 'coarse']);
  const [run, index] = await Promise.all([tx.objectStore('runs').get(runId), tx.objectStore('series').get([runId, metric])]);
  const first = index?.chunks[0];
  const last = index?.chunks[index.chunks.length - 1];
  if (!run || !index || !first || !last) return EMPTY;
  const range = query.xRange ?? [first.firstStep, last.lastStep];
  if (index.count >= COARSE_FROM_POINTS && range[0] <= range[1] && coarseBucketsFit(range, query.buckets)) {
    const lower = [run.project, metric, runId, coarseChunkOf(range[0])] as const;
    const upper = [run.project, metric, runId, coarseChunkOf(range[1])] as const;
    const chunks = (await tx.objectStore('coarse').getAll(IDBKeyRange.bound(lower, upper))).map((stored) => unpackCoarse(stored));
    if (coarseAnswers(chunks, range, query.buckets)) {
      const coarse = bucketCoarse(chunks, range, query.buckets);
      // The run page's chart takes float64 columns; one series is cheap to widen.
      return { exact: false, x: coarse.x, min: Float64Array.from(coarse.min), max: Float64Array.from(coarse.max), last: Float64Array.from(coarse.last) };
    }
  }
  return querySeries(index, chunkLoader(tx.objectStore('chunks'), index), query);
}

/**
 * The raw chunks of the asked runs that hold every point of theirs in the x-range, for the runs where that is known
 * without their series index. Chunk c of a series starts at step ≥ c × CHUNK_POINTS (see CHUNK_POINTS), so no chunk
 * after ⌊x1 / CHUNK_POINTS⌋ reaches the range; chunks c0 = ⌊x0 / CHUNK_POINTS⌋ to there are read for all runs, in
 * sorted groups, one index range per (chunk, group). A run whose chunk c0 starts at or before x0 (or is its first) has
 * nothing in the range before it: located (runs logged at every step from 0 always are). Other runs, e.g. logged
 * every 10 steps, whose points of the range are in an earlier chunk, or runs ending before x0, are left out, and
 * read through their index. A range also returns runs between the asked ones, which are dropped. Each chunk number's
 * read goes through `rawReads`, so one started by readRawAhead is used rather than repeated.
 */
async function readRawOfRuns(db: Db, rawReads: RawChunkReads, query: { metric: string; runIds: readonly string[]; xRange: [number, number] }): Promise<Map<string, ChunkRecord[]>> {
  const { metric, xRange } = query;
  const byRun = new Map<string, ChunkRecord[]>();
  const chunks = rawChunksOf(xRange);
  if (query.runIds.length === 0 || chunks.length === 0) return byRun;
  const wanted = new Set(query.runIds);
  const sorted = [...wanted].sort();
  const reads = chunkReads(db, rawReads, metric, chunks, sorted);
  // Runs logged at the same steps share one implied steps array (read-only here).
  const steps = new Map<string, Float64Array>();
  // Reads are in chunk order, so each run's chunks come out in order.
  for (const records of await Promise.all(reads)) {
    for (const stored of records) {
      if (!wanted.has(stored.runId)) continue;
      const chunks = byRun.get(stored.runId);
      if (chunks) chunks.push(unpackChunk(stored, steps));
      else if (stored.chunk === 0 || stored.firstStep <= xRange[0]) byRun.set(stored.runId, [unpackChunk(stored, steps)]);
      else wanted.delete(stored.runId);
    }
  }
  return byRun;
}

/**
 * Starts reading the raw chunks a zoom to `xRange` would read, without waiting for them: a chart calls it when the
 * user presses to drag a zoom, so the read is under way (or done) when the drag ends.
 */
export function readRawAhead(db: Db, rawReads: RawChunkReads, query: { metric: string; runIds: readonly string[]; xRange: [number, number] }): void {
  const sorted = [...new Set(query.runIds)].sort();
  if (sorted.length === 0) return;
  const [x0, x1] = query.xRange;
  const margin = Math.max((x1 - x0) * READ_AHEAD_MARGIN, READ_AHEAD_MIN_STEPS);
  const widened = rawChunksOf([Math.max(0, x0 - margin), x1 + margin]);
  const chunks = widened.length > 0 ? widened : rawChunksOf(query.xRange);
  // A failed read is not kept (see RawChunkReads): the zoom will read again and report the error.
  for (const read of chunkReads(db, rawReads, query.metric, chunks, sorted)) read.catch(() => undefined);
}

/** Each chunk number's records of the sorted runs: a kept read that covers them, or a new one. */
function chunkReads(db: Db, rawReads: RawChunkReads, metric: string, chunks: readonly number[], sorted: readonly string[]): Promise<StoredChunk[]>[] {
  return chunks.map((chunk) => rawReads.get(metric, chunk, sorted, () => readChunkOfRuns(db, metric, chunk, sorted)));
}

/** The chunk numbers a zoom to xRange reads without the series index; none when it spans too many (see readRawOfRuns). */
function rawChunksOf(xRange: [number, number]): number[] {
  const first = Math.floor(xRange[0] / CHUNK_POINTS);
  const last = Math.floor(xRange[1] / CHUNK_POINTS);
  if (!(last >= first) || last - first + 1 > RAW_GROUP_MAX_CHUNKS) return [];
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Chunk `chunk` of a metric of the sorted runs (and any between them), one index range per group of RAW_READ_GROUP. */
async function readChunkOfRuns(db: Db, metric: string, chunk: number, sorted: readonly string[]): Promise<StoredChunk[]> {
  const index = db.transaction('chunks').objectStore('chunks').index('by_metric_chunk');
  const reads: Promise<StoredChunk[]>[] = [];
  for (let i = 0; i < sorted.length; i += RAW_READ_GROUP) {
    const group = sorted.slice(i, i + RAW_READ_GROUP);
    reads.push(index.getAll(IDBKeyRange.bound([metric, chunk, group[0]!], [metric, chunk, group[group.length - 1]!])));
  }
  return (await Promise.all(reads)).flat();
}

/** Reads a series' raw chunks with one getAll per run of consecutive chunk numbers: far cheaper than a get per chunk. */
function chunkLoader(chunks: ChunkStore, index: SeriesIndex) {
  const { runId, metric } = index;
  return async (wanted: number[]) => {
    const ranges = await Promise.all(consecutiveRuns(wanted).map(([from, to]) => chunks.getAll(IDBKeyRange.bound([runId, metric, from], [runId, metric, to]))));
    return ranges.flat().map((stored) => unpackChunk(stored));
  };
}

/** Splits sorted chunk numbers into [first, last] runs of consecutive numbers. */
function consecutiveRuns(sorted: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const n of sorted) {
    const last = runs[runs.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  return runs;
}
