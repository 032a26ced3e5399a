import type { IDBPTransaction, StoreNames } from 'idb';
import { appendToCoarse, COARSE_FROM_POINTS, packCoarse, type CoarseChunk } from '../model/history/coarseLevel';
import { unpackChunk } from '../model/history/historyChunks';
import type { LabbookSchema } from './schema';

/** Raw chunks read per request while building: ~64 × 32 kB, so memory stays small on a large database. */
const READ_BATCH = 64;

/**
 * Builds the coarse level of every stored series from its raw chunks (schema v3), inside the upgrade transaction.
 * Chunks are read in key order, [runId, metric, chunk], so series by series; each series' coarse chunks are written
 * once its last raw chunk is read, and only when it holds COARSE_FROM_POINTS points or more (a series' coarse chunks
 * are a sixteenth of its points, so holding them until then is cheap). Chunks of a run without a record (none should
 * exist) have no project and are left.
 */
export async function buildCoarseLevel(tx: IDBPTransaction<LabbookSchema, StoreNames<LabbookSchema>[], 'versionchange'>): Promise<void> {
  const projectOf = new Map((await tx.objectStore('runs').getAll()).map((run) => [run.id, run.project]));
  const chunks = tx.objectStore('chunks');
  const coarse = tx.objectStore('coarse');
  const writes: Promise<unknown>[] = [];
  // Annotated by a cast: TypeScript otherwise narrows it to null for good, not seeing the assignment in the loop.
  let series = null as { runId: string; metric: string; project: string; points: number; built: CoarseChunk[] } | null;
  const finish = () => {
    if (series && series.points >= COARSE_FROM_POINTS) for (const chunk of series.built) writes.push(coarse.put(packCoarse(chunk, series.project)));
  };
  let after: IDBKeyRange | undefined;
  for (;;) {
    const batch = await chunks.getAll(after, READ_BATCH);
    for (const stored of batch) {
      if (series?.runId !== stored.runId || series.metric !== stored.metric) {
        finish();
        const project = projectOf.get(stored.runId);
        series = project === undefined ? null : { runId: stored.runId, metric: stored.metric, project, points: 0, built: [] };
      }
      if (!series) continue;
      const { steps, values } = unpackChunk(stored);
      const written = appendToCoarse(series.built.at(-1) ?? null, { runId: series.runId, metric: series.metric }, steps, values);
      // The first chunk written replaces the last one built when it extends it (same chunk number).
      if (written[0] && written[0].chunk === series.built.at(-1)?.chunk) series.built.pop();
      series.built.push(...written);
      series.points += steps.length;
    }
    const last = batch.at(-1);
    if (batch.length < READ_BATCH || !last) break;
    after = IDBKeyRange.lowerBound([last.runId, last.metric, last.chunk], true);
  }
  finish();
  await Promise.all(writes);
}
