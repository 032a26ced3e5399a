import type { IDBPDatabase } from 'idb';
import type { StoredCoarseChunk } from '../model/history/coarseLevel';
import type { OverviewRun } from '../model/history/overviewBlock';
import type { RunRecord } from '../model/runs/runTypes';
import { readCoarseOfRuns } from './coarseReads';
import { blockRange, blockRecords, COARSE_BLOCKS, MAX_BLOCK_BYTES, POINTS_BLOCKS, type BlockKind } from './overviewBlocks';
import { packShortSeries, type PointsPackStores } from './pointsPacking';
import type { LabbookSchema, OverviewBlockRecord } from './schema';
import { commitWrites } from './storageFull';

/** Blocks of a size tier merged into one (see planMerge): each run's values are rewritten about log₄ of MAX / its first block's size times. */
const FAN_OUT = 4;

/** Blocks under this size are one tier (a run of 10,000 steps takes 7.5 kB). */
const TIER_BASE_BYTES = 64 * 2 ** 10;

/** Loose runs packed per transaction at run time, so that packing never holds the writers' stores for long. */
const PACK_RUNS_PER_TRANSACTION = 256;

/** The stores packing reads and writes, of one transaction. */
export interface PackStores {
  runs: { get(id: string): Promise<RunRecord | undefined> };
  coarse: { getAll(range: IDBKeyRange): Promise<StoredCoarseChunk[]>; getAllKeys(range?: IDBKeyRange): Promise<[string, string, string, number][]> };
  overview: { getAll(range: IDBKeyRange): Promise<OverviewBlockRecord[]>; put(value: OverviewBlockRecord): Promise<unknown> };
}

/**
 * Packs runs of one metric of a project that have a coarse level but no block — finished, failed or crashed runs
 * (running ones are still growing) — into new blocks of at most MAX_BLOCK_BYTES, at most `maxRuns` of them; returns
 * how many were packed. The stores must be of one read-write transaction: a run written to meanwhile drops its blocks
 * in its own transaction (HistoryWriter), so either that comes first and is packed, or it drops what this writes.
 */
export async function packLooseRuns(stores: PackStores, project: string, metric: string, maxRuns = Infinity): Promise<number> {
  const [blocks, keys] = await Promise.all([stores.overview.getAll(blockRange(project, metric)), stores.coarse.getAllKeys(IDBKeyRange.bound([project, metric], [project, metric, []]))]);
  const packed = new Set(blocks.filter(COARSE_BLOCKS.holds).flatMap((block) => block.runIds));
  const candidates = [...new Set(keys.map(([, , runId]) => runId))].filter((runId) => !packed.has(runId));
  const records = await Promise.all(candidates.map((runId) => stores.runs.get(runId)));
  // A run moved to another project since its coarse chunks were written is not packed under its old one.
  const loose = candidates.filter((_, i) => records[i]?.project === project && records[i]?.state !== 'running').slice(0, maxRuns);
  if (loose.length === 0) return 0;
  const chunks = await readCoarseOfRuns(stores.coarse, { project, metric, runIds: loose, skip: [...packed].sort() });
  const runs: OverviewRun[] = loose.flatMap((runId) => {
    const runChunks = chunks.get(runId);
    return runChunks ? [{ runId, chunks: runChunks }] : [];
  });
  await Promise.all(blockRecords(COARSE_BLOCKS, project, metric, runs).map((record) => stores.overview.put(record)));
  return loose.length;
}

/** A block as planMerge sees it. */
export interface BlockSize {
  block: string;
  bytes: number;
}

/**
 * The blocks to merge next, or null: size-tiered, as log-structured stores compact. Blocks of MAX_BLOCK_BYTES / 2 or
 * more are full and stay; the others fall in tiers by size (TIER_BASE_BYTES × FAN_OUTⁱ), and a tier of FAN_OUT blocks
 * or more is merged into one block (or several of about MAX_BLOCK_BYTES / 2 or more, which are then full). So a metric
 * keeps at most FAN_OUT − 1 blocks a tier besides full ones, and each run's values are rewritten once a tier.
 */
export function planMerge(blocks: readonly BlockSize[]): string[] | null {
  const tiers = new Map<number, string[]>();
  for (const { block, bytes } of blocks) {
    if (bytes >= MAX_BLOCK_BYTES / 2) continue;
    const tier = Math.floor(Math.log(Math.max(1, bytes / TIER_BASE_BYTES)) / Math.log(FAN_OUT));
    tiers.set(tier, [...(tiers.get(tier) ?? []), block]);
  }
  const full = [...tiers.entries()].filter(([, members]) => members.length >= FAN_OUT).sort(([a], [b]) => a - b);
  return full[0]?.[1] ?? null;
}

/**
 * Merges a metric's blocks of one kind while planMerge finds some. Block data is read outside any transaction (a Blob
 * cannot be awaited inside one), so the merged blocks are written only if every input is still there: blocks are
 * never changed, so a present input is the one read. When one is gone (a run of it was written to or deleted), the
 * merge is dropped and left to the next packing.
 */
export async function mergeBlocks<Run extends { runId: string }, Stored extends OverviewBlockRecord>(db: IDBPDatabase<LabbookSchema>, project: string, metric: string, kind: BlockKind<Run, Stored>): Promise<void> {
  for (;;) {
    const blocks = (await db.getAll('overview', blockRange(project, metric))).filter(kind.holds);
    const plan = planMerge(blocks);
    if (!plan) return;
    const inputs = blocks.filter((block) => plan.includes(block.block));
    const runs = (await Promise.all(inputs.map(async (block) => kind.unpack(block, await block.data.arrayBuffer())))).flat();
    const merged = blockRecords(kind, project, metric, runs);
    const tx = db.transaction('overview', 'readwrite');
    const present = await Promise.all(inputs.map((block) => tx.store.getKey([project, metric, block.block])));
    if (present.some((key) => key === undefined)) {
      tx.abort();
      await tx.done.catch(() => undefined);
      return;
    }
    await commitWrites([...merged.map((block) => tx.store.put(block)), ...inputs.map((block) => tx.store.delete([project, metric, block.block]))], tx.done);
  }
}

/**
 * Packs a project's loose finished runs into overview blocks and merges them (see packLooseRuns, mergeBlocks), metric
 * by metric, in transactions of at most PACK_RUNS_PER_TRANSACTION runs: every run with a coarse level, and the short
 * series (see packShortSeries) of `shortRunIds`, the runs that ended or were found read from raw points since the last
 * packing.
 */
export async function packProject(db: IDBPDatabase<LabbookSchema>, project: string, shortRunIds: readonly string[] = []): Promise<void> {
  const keys = await db.getAllKeys('coarse', IDBKeyRange.bound([project], [project, []]));
  const metrics = [...new Set(keys.map(([, metric]) => metric))];
  for (const metric of metrics) {
    for (;;) {
      const tx = db.transaction(['runs', 'coarse', 'overview'], 'readwrite');
      const stores: PackStores = { runs: tx.objectStore('runs'), coarse: tx.objectStore('coarse'), overview: tx.objectStore('overview') };
      const [packed] = await inTransaction(tx, packLooseRuns(stores, project, metric, PACK_RUNS_PER_TRANSACTION));
      if (packed < PACK_RUNS_PER_TRANSACTION) break;
    }
    await mergeBlocks(db, project, metric, COARSE_BLOCKS);
  }
  const pointsMetrics = new Set<string>();
  for (let i = 0; i < shortRunIds.length; i += PACK_RUNS_PER_TRANSACTION) {
    const tx = db.transaction(['runs', 'series', 'chunks', 'overview'], 'readwrite');
    const stores: PointsPackStores = { runs: tx.objectStore('runs'), series: tx.objectStore('series'), chunks: tx.objectStore('chunks'), overview: tx.objectStore('overview') };
    const [packedMetrics] = await inTransaction(tx, packShortSeries(stores, project, shortRunIds.slice(i, i + PACK_RUNS_PER_TRANSACTION)));
    for (const metric of packedMetrics) pointsMetrics.add(metric);
  }
  for (const metric of pointsMetrics) await mergeBlocks(db, project, metric, POINTS_BLOCKS);
}

/** A packing's outcome once its read-write transaction committed; nothing half-packed is kept when it fails. */
function inTransaction<T>(tx: { abort(): void; error: DOMException | null; done: Promise<void> }, packing: Promise<T>): Promise<[T, void]> {
  const guarded = packing.catch((error: unknown) => {
    // A failed request has aborted the transaction already.
    if (!tx.error) tx.abort();
    throw error;
  });
  return Promise.all([guarded, tx.done]);
}

/**
 * Packs every project's loose finished runs, metric by metric, all in the given transaction (schema v6 builds the
 * overview blocks of an existing database this way, inside its upgrade). Blocks come out of MAX_BLOCK_BYTES or less,
 * so none needs merging.
 */
export async function packEveryProject(stores: PackStores): Promise<void> {
  const series = new Map<string, [string, string]>();
  for (const [project, metric] of await stores.coarse.getAllKeys()) series.set(`${project}\u0000${metric}`, [project, metric]);
  // One metric at a time, so that only one metric of a project's runs is in memory.
  for (const [project, metric] of series.values()) await packLooseRuns(stores, project, metric);
}
