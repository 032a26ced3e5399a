import type { IDBPDatabase } from 'idb';
import { randomId } from '../lib/ids';
import { COARSE_FROM_POINTS, type CoarseBuckets, type SharedCoarseLayouts } from '../model/history/coarseLevel';
import type { ChunkRecord } from '../model/history/historyChunks';
import { overviewRunBytes, packOverviewBlock, splitIntoBlocks, unpackOverviewBlock, type OverviewBlockLayout, type OverviewRun } from '../model/history/overviewBlock';
import { packPointsBlock, pointsLastStepKnown, pointsRunBytes, unpackPointsBlock, type PointsRun } from '../model/history/pointsBlock';
import { coarseOfPoints } from '../model/history/pointsCoarse';
import { COARSE_MIN_BUCKET_STEPS } from '../model/history/coarseQuery';
import { readCoarseOfRuns } from './coarseReads';
import type { CoarseBlockRecord, LabbookSchema, OverviewBlockRecord, PointsBlockRecord } from './schema';
import { readWholeSeries } from './wholeSeries';

/**
 * A block is read for a query that asks at least this fraction of its runs; otherwise those runs are read from their own
 * coarse chunks. A block costs its bytes, a chunk read ~0.3–1 ms a record (Chromium 156 here): a 7.5 MB block of
 * 1,000 runs is worth reading for ~60 of them, not for the one run a live update asks for.
 */
const BLOCK_READ_FRACTION = 1 / 16;

/**
 * Largest block made (bytes of values): 1,000 runs × 625 buckets is 7.5 MB. Measured in Chromium 156 here (probes/
 * overview-blocks), a metric of 1,000 such runs read in 166 ms (119–205) as one Blob, 214 as 4, 259 as 16, against
 * 392 (285–701) as 1,000 coarse chunks; larger blocks would read a little faster but make each merge rewrite more.
 */
export const MAX_BLOCK_BYTES = 8 * 2 ** 20;

/** The key range of one metric's blocks of a project. */
export function blockRange(project: string, metric: string): IDBKeyRange {
  return IDBKeyRange.bound([project, metric], [project, metric, []]);
}

/**
 * What packing and merging need to know of one kind of block (coarse levels, or the points of short series): which
 * stored blocks are of the kind, how a block's runs come out of it and go into a new one, and how big a run is.
 */
export interface BlockKind<Run extends { runId: string }, Stored extends OverviewBlockRecord = OverviewBlockRecord> {
  holds(record: OverviewBlockRecord): record is Stored;
  unpack(record: Stored, data: ArrayBuffer): Run[];
  bytesOf(run: Run): number;
  /** The runs as one record to store, under a new id. */
  record(project: string, metric: string, runs: readonly Run[]): OverviewBlockRecord;
}

export const COARSE_BLOCKS: BlockKind<OverviewRun, CoarseBlockRecord> = {
  holds: (record): record is CoarseBlockRecord => record.kind !== 'points',
  unpack: (record, data) => {
    const parts = unpackOverviewBlock(record, data);
    return record.runIds.map((runId, i) => ({ runId, chunks: [parts[i]!] }));
  },
  bytesOf: overviewRunBytes,
  record: (project, metric, runs) => {
    const { layout, data } = packOverviewBlock(runs);
    return { project, metric, block: randomId(12), bytes: data.byteLength, data: new Blob([data]), ...layout };
  },
};

export const POINTS_BLOCKS: BlockKind<PointsRun, PointsBlockRecord> = {
  holds: (record): record is PointsBlockRecord => record.kind === 'points',
  unpack: (record, data) => unpackPointsBlock(record, data, record.metric),
  bytesOf: pointsRunBytes,
  record: (project, metric, runs) => {
    const { layout, data } = packPointsBlock(runs);
    const coarse = coarseOfPoints(runs);
    const record: PointsBlockRecord = { kind: 'points', project, metric, block: randomId(12), bytes: data.byteLength, data: new Blob([data]), ...layout };
    if (coarse) record.coarse = { ...coarse.layout, data: new Blob([coarse.data]) };
    return record;
  },
};

/** Runs of one kind as new blocks of at most MAX_BLOCK_BYTES each (see splitIntoBlocks), ready to store. */
export function blockRecords<Run extends { runId: string }>(kind: BlockKind<Run, OverviewBlockRecord>, project: string, metric: string, runs: readonly Run[]): OverviewBlockRecord[] {
  return splitIntoBlocks(runs, MAX_BLOCK_BYTES, kind.bytesOf).map((piece) => kind.record(project, metric, piece));
}

/** What readOverviewBlocks found for each asked run, and how it was read. */
export interface OverviewLevels {
  /** Coarse buckets of the runs that have a coarse level. */
  byRun: Map<string, CoarseBuckets[]>;
  /** Every point of the runs whose series is too short for a coarse level, one chunk record each. */
  points: Map<string, ChunkRecord>;
  /**
   * The coarse level of short series, from their points blocks, where the axis is coarse enough for it (see
   * readOverviewBlocks); their points were not read.
   */
  shortCoarse: Map<string, CoarseBuckets[]>;
  /** Short series read from their raw chunks, as no points block held them: candidates for packShortSeries. */
  unpackedShort: string[];
  /** Asked runs answered from overview blocks of either kind. */
  packedRuns: number;
  /** Overview blocks read. */
  blocks: number;
  /** Asked runs read from their own coarse chunks: running, not packed yet, or too few of their block asked. */
  looseRuns: number;
}

/** Blocks of a metric that hold enough of the wanted runs to be worth reading (see BLOCK_READ_FRACTION). */
function blocksWorthReading(blocks: readonly OverviewBlockRecord[], wanted: ReadonlySet<string>): OverviewBlockRecord[] {
  return blocks.filter((block) => {
    const asked = block.runIds.reduce((n, runId) => n + (wanted.has(runId) ? 1 : 0), 0);
    return asked > 0 && asked >= block.runIds.length * BLOCK_READ_FRACTION;
  });
}

/**
 * Steps the wanted runs of these blocks span, as far as their layouts tell without their data: at least what the axis
 * over all the wanted runs spans.
 */
function stepsSpanned(blocks: readonly OverviewBlockRecord[], wanted: ReadonlySet<string>): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const block of blocks) {
    block.runIds.forEach((runId, i) => {
      if (!wanted.has(runId)) return;
      const [first, last] = knownExtent(block, i);
      lo = Math.min(lo, first);
      hi = Math.max(hi, last);
    });
  }
  return hi >= lo ? hi - lo + 1 : 0;
}

/** Run i's first and last step as a block's layout tells (a points block's run with gaps: its first step only). */
function knownExtent(block: OverviewBlockRecord, i: number): [number, number] {
  if (block.kind !== 'points') return [block.firstStep[i]!, block.lastStep[i]!];
  if (block.coarse) return [block.coarse.firstStep[i]!, block.coarse.lastStep[i]!];
  return [block.firstStep[i]!, pointsLastStepKnown(block, i)];
}

/**
 * What a workspace panel reads of one metric of many runs of a project: from the overview blocks that hold enough of
 * the asked runs (see BLOCK_READ_FRACTION), coarse levels and short runs' points; for the other runs the coarse chunks
 * the x-range touches. Over a whole axis of 4 steps a bucket or more (COARSE_MIN_BUCKET_STEPS, where long runs are drawn
 * from their coarse level), a points block's coarse level is read instead of its points. The blocks are listed in a
 * transaction of their own, which live runs' batches do not hold up (see HistoryWriter); the chunks, which stay the
 * source of truth, answer whatever the blocks listed then did not hold. A block's data is read after the transaction;
 * if that fails (the block was replaced meanwhile and the browser let its data go), its runs are read from their chunks.
 * `shared` hands runs of one layout of steps one x and counts array (see impliedCoarseLayout), also across reads.
 */
export async function readOverviewBlocks(
  db: IDBPDatabase<LabbookSchema>,
  query: { project: string; metric: string; runIds: readonly string[]; buckets: number; xRange?: readonly [number, number] | undefined },
  shared: SharedCoarseLayouts = new Map(),
): Promise<OverviewLevels> {
  const { project, metric, xRange } = query;
  const wanted = new Set(query.runIds);
  const blocks = blocksWorthReading(await db.getAll('overview', blockRange(project, metric)), wanted);
  const coarseServes = !xRange && stepsSpanned(blocks, wanted) / Math.max(1, Math.floor(query.buckets)) >= COARSE_MIN_BUCKET_STEPS;
  const coarseBlocks = blocks.filter(COARSE_BLOCKS.holds);
  const pointsBlocks = blocks.filter(POINTS_BLOCKS.holds);
  const shortCoarseParts = coarseServes ? pointsBlocks.flatMap((block) => (block.coarse ? [block.coarse] : [])) : [];
  const pointsRead = pointsBlocks.filter((block) => !(coarseServes && block.coarse));
  const packed = blocks.flatMap((block) => block.runIds);
  const inBlocks = new Set(packed);
  const loose = [...wanted].filter((runId) => !inBlocks.has(runId));
  const looseRead = readCoarseOfRuns(db.transaction('coarse').store, { project, metric, runIds: loose, xRange, skip: packed.sort(), shared });
  const readCoarse = (part: OverviewBlockLayout & { data: Blob }) => part.data.arrayBuffer().then((data) => unpackOverviewBlock(part, data, shared), () => null);
  const coarseReads = coarseBlocks.map(readCoarse);
  const shortCoarseReads = shortCoarseParts.map(readCoarse);
  const sharedSteps = new Map<string, Float64Array>();
  const pointsReads = pointsRead.map((block) => block.data.arrayBuffer().then((data) => unpackPointsBlock(block, data, metric, sharedSteps), () => null));
  const looseShortRead = readShortSeries(db, metric, loose);
  const byRun = new Map<string, CoarseBuckets[]>(await looseRead);
  const shortCoarse = new Map<string, CoarseBuckets[]>();
  const points = new Map<string, ChunkRecord>();
  const answered = new Set<string>();
  const failed: string[] = [];
  const failedShort: string[] = [];
  const take = <T>(runIds: readonly string[], runs: readonly T[] | null, into: (runId: string, run: T) => void, onFailure: string[]) => {
    runIds.forEach((runId, i) => {
      if (!wanted.has(runId)) return;
      if (!runs) onFailure.push(runId);
      else {
        into(runId, runs[i]!);
        answered.add(runId);
      }
    });
  };
  (await Promise.all(coarseReads)).forEach((runs, b) => take(coarseBlocks[b]!.runIds, runs, (runId, buckets) => byRun.set(runId, [buckets]), failed));
  (await Promise.all(shortCoarseReads)).forEach((runs, b) => take(shortCoarseParts[b]!.runIds, runs, (runId, buckets) => shortCoarse.set(runId, [buckets]), failedShort));
  (await Promise.all(pointsReads)).forEach((runs, b) => take(pointsRead[b]!.runIds, runs, (runId, run) => points.set(runId, run), failedShort));
  if (failed.length > 0) for (const [runId, chunks] of await readCoarseOfRuns(db.transaction('coarse').store, { project, metric, runIds: failed, xRange, shared })) byRun.set(runId, chunks);
  const looseShort = await looseShortRead;
  for (const [runId, run] of [...looseShort, ...(await readShortSeries(db, metric, failedShort))]) points.set(runId, run);
  return {
    byRun,
    points,
    shortCoarse,
    unpackedShort: [...looseShort.keys()],
    packedRuns: answered.size,
    blocks: coarseBlocks.length + shortCoarseParts.length + pointsRead.length,
    looseRuns: loose.length + failed.length + failedShort.length,
  };
}

/**
 * Every point of those runs' series of a metric that are too short for a coarse level, each as one chunk record, read
 * in a transaction of their own beside the coarse chunks' (each waits for the live runs' batches before it, so in
 * turn they would wait twice).
 */
async function readShortSeries(db: IDBPDatabase<LabbookSchema>, metric: string, runIds: readonly string[]): Promise<Map<string, ChunkRecord>> {
  const found = new Map<string, ChunkRecord>();
  if (runIds.length === 0) return found;
  const tx = db.transaction(['series', 'chunks']);
  const steps = new Map<string, Float64Array>();
  await Promise.all(
    runIds.map(async (runId) => {
      const index = await tx.objectStore('series').get([runId, metric]);
      if (!index || index.count === 0 || index.count >= COARSE_FROM_POINTS) return;
      found.set(runId, await readWholeSeries(tx.objectStore('chunks'), runId, metric, steps));
    }),
  );
  return found;
}

/** The overview store of a read-write transaction: what dropping blocks needs. */
export interface OverviewStore {
  index(name: 'by_run'): { getAllKeys(query: string): Promise<[string, string, string][]> };
  delete(key: [string, string, string]): Promise<void>;
}

/**
 * Deletes the overview blocks holding any of these runs (their other runs are read from their coarse chunks until they
 * are packed again). Called where a run's history is written to or deleted, inside that transaction, so no block ever
 * holds a stale or deleted run. Returns the projects whose blocks were dropped.
 */
export async function dropOverviewBlocksOf(overview: OverviewStore, runIds: readonly string[]): Promise<Set<string>> {
  const keys = new Map<string, [string, string, string]>();
  for (const found of await Promise.all(runIds.map((runId) => overview.index('by_run').getAllKeys(runId)))) for (const key of found) keys.set(key.join('\u0000'), key);
  await Promise.all([...keys.values()].map((key) => overview.delete(key)));
  return new Set([...keys.values()].map(([project]) => project));
}
