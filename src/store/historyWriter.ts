import type { IDBPDatabase } from 'idb';
import { appendToSeries, emptySeriesIndex, CHUNK_POINTS, type ChunkRecord, type SeriesIndex } from '../model/historyChunks';
import type { HistoryBatch } from '../model/historyBatch';
import type { RunRecord } from '../model/runTypes';
import type { LabbookSchema } from './schema';
import { withQuotaCheck } from './storageFull';

interface SeriesTail {
  index: SeriesIndex;
  tail: ChunkRecord | null;
}

/**
 * Appends history batches as columnar chunks, in one transaction per batch together with the run's record update.
 * It remembers each series' index and unfilled last chunk, so appending never reads back what it wrote; the memory is
 * advanced only after the transaction commits, so a refused write (full disk) leaves it matching the database.
 */
export class HistoryWriter {
  private readonly tails = new Map<string, SeriesTail>();

  constructor(private readonly db: IDBPDatabase<LabbookSchema>) {}

  /** Writes a batch and applies `updateRun` to the run record in the same transaction; returns the updated run. */
  async append(runId: string, batch: HistoryBatch, updateRun: (run: RunRecord) => RunRecord): Promise<RunRecord> {
    const current = await Promise.all(batch.metrics.map((metric) => this.tailOf(runId, metric)));
    const next = batch.metrics.map((_metric, i) => {
      const { index, tail } = current[i]!;
      return appendToSeries(index, tail, batch.steps[i]!, batch.values[i]!);
    });
    const updated = await withQuotaCheck(async () => {
      const tx = this.db.transaction(['series', 'chunks', 'runs'], 'readwrite');
      const requests: Promise<unknown>[] = [];
      for (const { index, writes } of next) {
        requests.push(tx.objectStore('series').put(index));
        for (const chunk of writes) requests.push(tx.objectStore('chunks').put(chunk));
      }
      const runs = tx.objectStore('runs');
      const run = await runs.get(runId);
      if (!run) throw new Error(`run ${runId} does not exist`);
      const result = updateRun(run);
      requests.push(runs.put(result));
      await Promise.all([...requests, tx.done]);
      return result;
    });
    next.forEach(({ index, writes }) => {
      const last = writes[writes.length - 1];
      this.tails.set(key(runId, index.metric), { index, tail: last && last.steps.length < CHUNK_POINTS ? last : null });
    });
    return updated;
  }

  /** Forgets cached tails of a run (after it ends, to free memory). */
  forget(runId: string): void {
    for (const k of this.tails.keys()) if (k.startsWith(`${runId}\u0000`)) this.tails.delete(k);
  }

  private async tailOf(runId: string, metric: string): Promise<SeriesTail> {
    const cached = this.tails.get(key(runId, metric));
    if (cached) return cached;
    const index = (await this.db.get('series', [runId, metric])) ?? emptySeriesIndex(runId, metric);
    const lastChunk = index.chunks.length - 1;
    const needsTail = lastChunk >= 0 && index.chunks[lastChunk]!.count < CHUNK_POINTS;
    const tail = needsTail ? ((await this.db.get('chunks', [runId, metric, lastChunk])) ?? null) : null;
    return { index, tail };
  }
}

function key(runId: string, metric: string): string {
  return `${runId}\u0000${metric}`;
}
