import { detectCrashedRuns } from '../model/runs/runRecordUpdates';
import type { LabbookStore } from '../store/labbookStore';

/** Ends as crashed every running run whose heartbeat went stale (checked again inside each write, against races). */
export async function markCrashedRuns(store: LabbookStore, now: number = Date.now()): Promise<string[]> {
  const stale = detectCrashedRuns(await store.listRunsInState('running'), now);
  for (const run of stale) await store.updateRun(run.id, (latest) => detectCrashedRuns([latest], now)[0] ?? latest);
  return stale.map((run) => run.id);
}
