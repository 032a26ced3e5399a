import { concatFloat64 } from '../lib/concatArrays';
import { unpackChunk, type ChunkRecord, type StoredChunk } from '../model/history/historyChunks';

/** The chunks store of any transaction that can read it. */
export type ChunksStore = { getAll(range: IDBKeyRange): Promise<StoredChunk[]> };

/**
 * Every point of one series as one chunk record, in one request: what a short series (no coarse level) is read as,
 * for packing or for a panel. `steps` shares implied step arrays across the series of one read (see unpackChunk).
 */
export async function readWholeSeries(chunks: ChunksStore, runId: string, metric: string, steps: Map<string, Float64Array>): Promise<ChunkRecord> {
  const records = (await chunks.getAll(IDBKeyRange.bound([runId, metric], [runId, metric, []]))).map((stored) => unpackChunk(stored, steps));
  return { runId, metric, chunk: 0, steps: concatFloat64(records.map((c) => c.steps)), values: concatFloat64(records.map((c) => c.values)) };
}
