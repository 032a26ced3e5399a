import { detectCrashedRuns } from '../model/runs/runRecordUpdates';
import { errorMessage } from '../lib/errorMessage';
import type { LabbookStore } from '../store/labbookStore';

/**
 * How often every open tab looks for runs whose heartbeat went stale. With CRASH_AFTER_MS this bounds how long a run
 * of a closed, reloaded or crashed tab shows `running` while another tab is open: at most 30 s + 10 s.
 */
export const CRASH_CHECK_INTERVAL_MS = 10_000;

/** Options of markCrashedRuns. */
export interface MarkCrashedOptions {
  now?: number;
  /** Runs this tab writes itself: never taken for crashed here, even if a throttled timer let their heartbeat lapse. */
  isOwned?: (runId: string) => boolean;
}

/** Ends as crashed every running run whose heartbeat went stale (checked again inside each write, against races). */
export async function markCrashedRuns(store: LabbookStore, options: MarkCrashedOptions = {}): Promise<string[]> {
  const now = options.now ?? Date.now();
  const running = await store.listRunsInState('running');
  const stale = detectCrashedRuns(options.isOwned ? running.filter((run) => !options.isOwned!(run.id)) : running, now);
  for (const run of stale) await store.updateRun(run.id, (latest) => detectCrashedRuns([latest], now)[0] ?? latest);
  return stale.map((run) => run.id);
}

/** Options of watchForCrashedRuns. */
export interface CrashWatchOptions {
  isOwned: (runId: string) => boolean;
  /** Told when a check fails (the store closed, say); the watch goes on. */
  onError: (message: string) => void;
  intervalMs?: number;
}

/**
 * Checks for crashed runs now and then every CRASH_CHECK_INTERVAL_MS, so a run whose tab went away is `crashed`
 * within CRASH_AFTER_MS + the interval in every tab still open, not only in the next tab to start. Checks never
 * overlap. Returns the function that stops the watch.
 */
export function watchForCrashedRuns(store: LabbookStore, options: CrashWatchOptions): () => void {
  let checking = false;
  const check = async () => {
    if (checking) return;
    checking = true;
    try {
      await markCrashedRuns(store, { isOwned: options.isOwned });
    } catch (error) {
      options.onError(`could not check for crashed runs: ${errorMessage(error)}`);
    } finally {
      checking = false;
    }
  };
  void check();
  const timer = setInterval(() => void check(), options.intervalMs ?? CRASH_CHECK_INTERVAL_MS);
  return () => clearInterval(timer);
}
