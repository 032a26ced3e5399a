import type { IDBPDatabase } from 'idb';
import { randomId } from '../lib/ids';
import type { CoarseBuckets, SharedCoarseLayouts } from '../model/history/coarseLevel';
import { unpackOverviewBlock, type PackedOverviewBlock } from '../model/history/overviewBlock';
import { readCoarseOfRuns } from './coarseReads';
import type { LabbookSchema, OverviewBlockRecord } from './schema';

/**
 * A block is read for a query that asks at least this fraction of its runs; otherwise those runs are read from their own
 * coarse chunks. A block costs its bytes, a chunk read ~0.3–1 ms a record (Chromium 156 here): a 7.5 MB block of
 * 1,000 runs is worth reading for ~60 of them, not for the one run a live update asks for.
 */
const BLOCK_READ_FRACTION = 1 / 16;

/** The key range of one metric's blocks of a project. */
export function blockRange(project: string, metric: string): IDBKeyRange {
  return IDBKeyRange.bound([project, metric], [project, metric, []]);
}

/** A packed block as a record to store, under a new id. */
export function blockRecord(project: string, metric: string, packed: PackedOverviewBlock): OverviewBlockRecord {
  return { project, metric, block: randomId(12), bytes: packed.data.byteLength, data: new Blob([packed.data]), ...packed.layout };
}

/** What readOverviewCoarse found: each asked run's coarse buckets, and how they were read. */
export interface OverviewCoarse {
  byRun: Map<string, CoarseBuckets[]>;
  /** Asked runs answered from overview blocks. */
  packedRuns: number;
  /** Overview blocks read. */
  blocks: number;
  /** Asked runs read from their own coarse chunks: running, not packed yet, or too few of their block asked. */
  looseRuns: number;
}

/**
 * The coarse level of one metric of many runs of a project: from the overview blocks that hold enough of the asked
 * runs (see BLOCK_READ_FRACTION), and for the other runs from their coarse chunks (those the x-range touches), both in
 * one transaction so they agree. A block's data is read after the transaction; if that fails (the block was replaced
 * meanwhile and the browser let its data go), its runs are read from their chunks instead.
 */
export async function readOverviewCoarse(db: IDBPDatabase<LabbookSchema>, query: { project: string; metric: string; runIds: readonly string[]; xRange?: readonly [number, number] | undefined }): Promise<OverviewCoarse> {
  const { project, metric, xRange } = query;
  const wanted = new Set(query.runIds);
  const tx = db.transaction(['overview', 'coarse']);
  const blocks = (await tx.objectStore('overview').getAll(blockRange(project, metric))).filter((block) => {
    const asked = block.runIds.reduce((n, runId) => n + (wanted.has(runId) ? 1 : 0), 0);
    return asked > 0 && asked >= block.runIds.length * BLOCK_READ_FRACTION;
  });
  const packed = blocks.flatMap((block) => block.runIds);
  const inBlocks = new Set(packed);
  const loose = [...wanted].filter((runId) => !inBlocks.has(runId));
  const shared: SharedCoarseLayouts = new Map();
  const looseRead = readCoarseOfRuns(tx.objectStore('coarse'), { project, metric, runIds: loose, xRange, skip: packed.sort(), shared });
  const blockReads = blocks.map((block) => block.data.arrayBuffer().then((data) => unpackOverviewBlock(block, data, shared), () => null));
  const byRun = new Map<string, CoarseBuckets[]>(await looseRead);
  const failed: string[] = [];
  let packedRuns = 0;
  (await Promise.all(blockReads)).forEach((runs, b) => {
    blocks[b]!.runIds.forEach((runId, i) => {
      if (!wanted.has(runId)) return;
      if (runs) {
        byRun.set(runId, [runs[i]!]);
        packedRuns++;
      } else failed.push(runId);
    });
  });
  if (failed.length > 0) for (const [runId, chunks] of await readCoarseOfRuns(db.transaction('coarse').store, { project, metric, runIds: failed, xRange, shared })) byRun.set(runId, chunks);
  return { byRun, packedRuns, blocks: blocks.length, looseRuns: loose.length + failed.length };
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
