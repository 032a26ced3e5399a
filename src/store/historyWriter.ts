import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { appendToSeries, emptySeriesIndex, packChunk, unpackChunk, CHUNK_POINTS, type ChunkRecord, type SeriesIndex } from '../model/history/historyChunks';
import { advanceCoarse, coarseChunkOf, COARSE_FROM_POINTS, packCoarse, unpackCoarse, type CoarseChunk } from '../model/history/coarseLevel';
import type { HistoryBatch } from '../model/history/historyBatch';
import type { RunRecord } from '../model/runs/runTypes';
import { dropOverviewBlocksOf } from './overviewBlocks';
import type { LabbookSchema } from './schema';
import { commitWrites, withQuotaCheck } from './storageFull';

interface SeriesTail {
  index: SeriesIndex;
  tail: ChunkRecord | null;
  /** All its raw chunks while it is shorter than COARSE_FROM_POINTS, for its first coarse chunks (empty after). */
  head: ChunkRecord[];
  /** The last coarse chunk, whose last bucket may still be open (null before the series reaches COARSE_FROM_POINTS). */
  coarse: CoarseChunk | null;
}

/**
 * What a running run's batch is written in: not the overview store, as blocks hold only runs that are not running
 * (packing takes ended runs; a revive drops them, see LabbookStore.updateRun). So a workspace reading overview blocks
 * does not wait behind the batches of live runs, which IndexedDB would make it do for any store both name.
 */
const LIVE_RUN_STORES = ['series', 'chunks', 'coarse', 'runs'] as const;
/** What a batch for an ended run is written in: it drops the overview blocks that hold the run. */
const ALL_STORES = [...LIVE_RUN_STORES, 'overview'] as const;

type WriteTransaction = IDBPTransaction<LabbookSchema, ('series' | 'chunks' | 'coarse' | 'runs' | 'overview')[], 'readwrite'>;

/** What an append changed besides the points: the run record as written, and whether it held overview blocks. */
export interface Appended {
  run: RunRecord;
  /** The run's state before the append (its record's, as read in the same transaction). */
  stateBefore: RunRecord['state'];
  /** Projects whose overview blocks were dropped because they held the run: their other runs want packing again. */
  droppedBlocksOf: ReadonlySet<string>;
}

/**
 * Appends history batches as columnar chunks and to each series' coarse level (see advanceCoarse), in one transaction
 * per batch together with the run's record update. A run packed into overview blocks (it had ended, and is written to
 * again: another tab took it for crashed while it was alive) has those blocks dropped in the same transaction, so no
 * block holds stale points.
 * It remembers each series' index and unfilled last chunk, so appending does not read back what it wrote (the session
 * is the only writer of its runs); a series it has not seen is read inside the same transaction. The memory is
 * advanced only after the transaction commits, so a refused write (full disk) leaves it matching the database.
 */
export class HistoryWriter {
  private readonly tails = new Map<string, SeriesTail>();
  /** Runs created through this writer's store: a series of theirs not in `tails` is new, so nothing needs reading. */
  private readonly newRuns = new Set<string>();

  constructor(private readonly db: IDBPDatabase<LabbookSchema>) {}

  /** Writes a batch and applies `updateRun` to the run record in the same transaction. */
  async append(runId: string, batch: HistoryBatch, updateRun: (run: RunRecord) => RunRecord): Promise<Appended> {
    const { appended, next } = await withQuotaCheck(async () => (await this.write(runId, batch, updateRun, LIVE_RUN_STORES)) ?? (await this.write(runId, batch, updateRun, ALL_STORES))!);
    for (const tail of next) this.tails.set(key(runId, tail.index.metric), tail);
    return appended;
  }

  /**
   * One append in one transaction over `stores`. Without the overview store it is for a running run only (blocks hold
   * none): when the record read says otherwise, nothing is written and it returns null, to be done again with it.
   */
  private async write(runId: string, batch: HistoryBatch, updateRun: (run: RunRecord) => RunRecord, stores: typeof LIVE_RUN_STORES | typeof ALL_STORES): Promise<{ appended: Appended; next: SeriesTail[] } | null> {
    const tx = this.db.transaction(stores, 'readwrite') as WriteTransaction;
    const runRead = tx.objectStore('runs').get(runId);
    const [run, ...current] = await Promise.all([runRead, ...batch.metrics.map((metric) => this.tailOf(tx, runRead, runId, metric))]);
    if (!run) throw new Error(`run ${runId} does not exist`);
    if (run.state !== 'running' && stores === LIVE_RUN_STORES) {
      tx.abort();
      await tx.done.catch(() => undefined);
      return null;
    }
    // Only a write to an ended run can stale an overview block (see LIVE_RUN_STORES).
    const dropping = run.state !== 'running' ? dropOverviewBlocksOf(tx.objectStore('overview'), [runId]) : Promise.resolve(new Set<string>());
    const result = updateRun(run);
    const requests: Promise<unknown>[] = [tx.objectStore('runs').put(result), dropping];
    const appended: SeriesTail[] = [];
    batch.metrics.forEach((metric, i) => {
      const { index, tail, head, coarse } = current[i]!;
      const steps = batch.steps[i]!;
      const values = batch.values[i]!;
      const raw = appendToSeries(index, tail, steps, values);
      const coarseWrites = advanceCoarse({ series: { runId, metric }, before: index.count, head, coarse, steps, values });
      requests.push(tx.objectStore('series').put(raw.index));
      for (const chunk of raw.writes) requests.push(tx.objectStore('chunks').put(packChunk(chunk)));
      for (const chunk of coarseWrites) requests.push(tx.objectStore('coarse').put(packCoarse(chunk, run.project)));
      const lastRaw = raw.writes.at(-1);
      appended.push({
        index: raw.index,
        tail: lastRaw ? (lastRaw.steps.length < CHUNK_POINTS ? lastRaw : null) : tail,
        head: raw.index.count < COARSE_FROM_POINTS ? withWrites(head, raw.writes) : [],
        coarse: coarseWrites.at(-1) ?? coarse,
      });
    });
    await commitWrites(requests, tx.done);
    return { appended: { run: result, stateBefore: run.state, droppedBlocksOf: await dropping }, next: appended };
  }

  /** Notes a run just created, whose series all start empty. */
  trackNewRun(runId: string): void {
    this.newRuns.add(runId);
  }

  /** Forgets cached tails of a run (after it ends, to free memory). */
  forget(runId: string): void {
    this.newRuns.delete(runId);
    for (const k of this.tails.keys()) if (k.startsWith(`${runId}\u0000`)) this.tails.delete(k);
  }

  private async tailOf(tx: WriteTransaction, runRead: Promise<RunRecord | undefined>, runId: string, metric: string): Promise<SeriesTail> {
    const cached = this.tails.get(key(runId, metric));
    if (cached) return cached;
    if (this.newRuns.has(runId)) return { index: emptySeriesIndex(runId, metric), tail: null, head: [], coarse: null };
    const [stored, run] = await Promise.all([tx.objectStore('series').get([runId, metric]), runRead]);
    const index = stored ?? emptySeriesIndex(runId, metric);
    const lastChunk = index.chunks[index.chunks.length - 1];
    if (!lastChunk || !run) return { index, tail: null, head: [], coarse: null };
    const last = index.chunks.length - 1;
    if (index.count < COARSE_FROM_POINTS) {
      // No coarse level yet: the whole series (a few chunks) is read, to build it from once it reaches the threshold.
      const head = (await tx.objectStore('chunks').getAll(IDBKeyRange.bound([runId, metric, 0], [runId, metric, last]))).map((stored) => unpackChunk(stored));
      return { index, tail: lastChunk.count < CHUNK_POINTS ? (head[last] ?? null) : null, head, coarse: null };
    }
    const [tail, coarse] = await Promise.all([
      lastChunk.count < CHUNK_POINTS ? tx.objectStore('chunks').get([runId, metric, last]) : undefined,
      tx.objectStore('coarse').get([run.project, metric, runId, coarseChunkOf(lastChunk.lastStep)]),
    ]);
    return { index, tail: tail ? unpackChunk(tail) : null, head: [], coarse: coarse ? unpackCoarse(coarse) : null };
  }
}

/** A series' chunks with the (re)written ones put in place: a write replaces the chunk of its number or adds one. */
function withWrites(head: readonly ChunkRecord[], writes: readonly ChunkRecord[]): ChunkRecord[] {
  const chunks = head.slice();
  for (const chunk of writes) chunks[chunk.chunk] = chunk;
  return chunks;
}

function key(runId: string, metric: string): string {
  return `${runId}\u0000${metric}`;
}
