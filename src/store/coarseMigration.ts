import type { IDBPTransaction, StoreNames } from 'idb';
import { appendToCoarse, COARSE_FROM_POINTS, packCoarse, type CoarseChunk } from '../model/coarseLevel';
import { unpackChunk } from '../model/historyChunks';
import type { LabbookSchema } from './schema';

/** Raw chunks read per request while building: ~64 × 32 kB, so memory stays small on a large database. */
const READ_BATCH = 64;

/**
 * Builds the coarse level of every stored series from its raw chunks (schema v3), inside the upgrade transaction.
 * Chunks are read in key order, [runId, metric, chunk], so series by series; each series' coarse chunks are written
 * once its last raw chunk is read. Chunks of a run without a record (none should exist) have no project and are left.
 * COARSE_FROM_POINTS equals CHUNK_POINTS, so a series has a coarse level exactly when its first raw chunk is full.
 */
export async function buildCoarseLevel(tx: IDBPTransaction<LabbookSchema, StoreNames<LabbookSchema>[], 'versionchange'>): Promise<void> {
  const projectOf = new Map((await tx.objectStore('runs').getAll()).map((run) => [run.id, run.project]));
  const chunks = tx.objectStore('chunks');
  const coarse = tx.objectStore('coarse');
  const writes: Promise<unknown>[] = [];
  // Annotated by a cast: TypeScript otherwise narrows it to null for good, not seeing the assignment in the loop.
  let series = null as { runId: string; metric: string; project: string } | null;
  let tail: CoarseChunk | null = null;
  const put = (chunk: CoarseChunk) => writes.push(coarse.put(packCoarse(chunk, series!.project)));
  let after: IDBKeyRange | undefined;
  for (;;) {
    const batch = await chunks.getAll(after, READ_BATCH);
    for (const stored of batch) {
      if (series?.runId !== stored.runId || series.metric !== stored.metric) {
        if (tail) put(tail);
        tail = null;
        const project = projectOf.get(stored.runId);
        series = project === undefined ? null : { runId: stored.runId, metric: stored.metric, project };
      }
      // A series whose first chunk is not full is shorter than COARSE_FROM_POINTS: it gets no coarse level yet.
      if (stored.chunk === 0 && stored.values.length < COARSE_FROM_POINTS) series = null;
      if (!series) continue;
      const { steps, values } = unpackChunk(stored);
      const written = appendToCoarse(tail, series, steps, values);
      // Every chunk but the last is complete, later points having higher steps; so is the tail when they start a new one.
      if (tail && written[0] && written[0].chunk !== tail.chunk) put(tail);
      for (const chunk of written.slice(0, -1)) put(chunk);
      tail = written.at(-1) ?? tail;
    }
    const last = batch.at(-1);
    if (batch.length < READ_BATCH || !last) break;
    after = IDBKeyRange.lowerBound([last.runId, last.metric, last.chunk], true);
  }
  if (tail) put(tail);
  await Promise.all(writes);
}
