import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { appendToSeries, emptySeriesIndex, packChunk, unpackChunk, CHUNK_POINTS, type ChunkRecord, type SeriesIndex } from '../model/historyChunks';
import type { HistoryBatch } from '../model/historyBatch';
import type { RunRecord } from '../model/runTypes';
import type { LabbookSchema } from './schema';
import { commitWrites, withQuotaCheck } from './storageFull';

interface SeriesTail {
  index: SeriesIndex;
  tail: ChunkRecord | null;
}

type WriteTransaction = IDBPTransaction<LabbookSchema, ('series' | 'chunks' | 'runs')[], 'readwrite'>;

/**
 * Appends history batches as columnar chunks, in one transaction per batch together with the run's record update.
 * It remembers each series' index and unfilled last chunk, so appending does not read back what it wrote (the session
 * is the only writer of its runs); a series it has not seen is read inside the same transaction. The memory is
 * advanced only after the transaction commits, so a refused write (full disk) leaves it matching the database.
 */
export class HistoryWriter {
  private readonly tails = new Map<string, SeriesTail>();
  /** Runs created through this writer's store: a series of theirs not in `tails` is new, so nothing needs reading. */
  private readonly newRuns = new Set<string>();

  constructor(private readonly db: IDBPDatabase<LabbookSchema>) {}

  /** Writes a batch and applies `updateRun` to the run record in the same transaction; returns the updated run. */
  async append(runId: string, batch: HistoryBatch, updateRun: (run: RunRecord) => RunRecord): Promise<RunRecord> {
    const { updated, next } = await withQuotaCheck(async () => {
      const tx = this.db.transaction(['series', 'chunks', 'runs'], 'readwrite');
      const [run, ...current] = await Promise.all([tx.objectStore('runs').get(runId), ...batch.metrics.map((metric) => this.tailOf(tx, runId, metric))]);
      if (!run) throw new Error(`run ${runId} does not exist`);
      const appended = batch.metrics.map((_metric, i) => appendToSeries(current[i]!.index, current[i]!.tail, batch.steps[i]!, batch.values[i]!));
      const result = updateRun(run);
      const requests: Promise<unknown>[] = [tx.objectStore('runs').put(result)];
      for (const { index, writes } of appended) {
        requests.push(tx.objectStore('series').put(index));
        for (const chunk of writes) requests.push(tx.objectStore('chunks').put(packChunk(chunk)));
      }
      await commitWrites(requests, tx.done);
      return { updated: result, next: appended };
    });
    for (const { index, writes } of next) {
      const last = writes[writes.length - 1];
      this.tails.set(key(runId, index.metric), { index, tail: last && last.steps.length < CHUNK_POINTS ? last : null });
    }
    return updated;
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

  private async tailOf(tx: WriteTransaction, runId: string, metric: string): Promise<SeriesTail> {
    const cached = this.tails.get(key(runId, metric));
    if (cached) return cached;
    if (this.newRuns.has(runId)) return { index: emptySeriesIndex(runId, metric), tail: null };
    const index = (await tx.objectStore('series').get([runId, metric])) ?? emptySeriesIndex(runId, metric);
    const lastChunk = index.chunks.length - 1;
    const needsTail = lastChunk >= 0 && index.chunks[lastChunk]!.count < CHUNK_POINTS;
    const stored = needsTail ? await tx.objectStore('chunks').get([runId, metric, lastChunk]) : undefined;
    return { index, tail: stored ? unpackChunk(stored) : null };
  }
}

function key(runId: string, metric: string): string {
  return `${runId}\u0000${metric}`;
}
