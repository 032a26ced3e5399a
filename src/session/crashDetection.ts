import { detectCrashedRuns, endRun } from '../model/runs/runRecordUpdates';
import { PAGE_CLOSED_MESSAGE, takeRunsOfClosedPages, type NoteStorage, type PageNotes } from './closedPageRuns';
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

/** Ends as crashed, with PAGE_CLOSED_MESSAGE, the runs closing pages noted; returns their ids. */
export async function endRunsOfClosedPages(store: LabbookStore, notes: NoteStorage, now: number = Date.now()): Promise<string[]> {
  const runIds = takeRunsOfClosedPages(notes);
  const ending = { state: 'crashed' as const, exitCode: null, error: PAGE_CLOSED_MESSAGE, now };
  // A run deleted since its page closed has nothing left to end.
  for (const runId of runIds) await store.updateRun(runId, (run) => endRun(run, ending)).catch(() => undefined);
  return runIds;
}

/** Options of watchForCrashedRuns. */
export interface CrashWatchOptions {
  isOwned: (runId: string) => boolean;
  /** Told when a check fails (the store closed, say); the watch goes on. */
  onError: (message: string) => void;
  /** The notes closing pages leave (see closedPageRuns.ts); without them only heartbeats count. */
  pageNotes?: PageNotes;
  intervalMs?: number;
}

/**
 * Checks for crashed runs now, every CRASH_CHECK_INTERVAL_MS, and whenever a closing page leaves a note: runs a
 * closing page noted end crashed at once, and any other run whose tab went away within CRASH_AFTER_MS + the interval,
 * in every tab still open, not only in the next tab to start. Checks never overlap; one asked for during another runs
 * right after it. Returns the function that stops the watch.
 */
export function watchForCrashedRuns(store: LabbookStore, options: CrashWatchOptions): () => void {
  let checking = false;
  let again = false;
  const check = async (): Promise<void> => {
    if (checking) {
      again = true;
      return;
    }
    checking = true;
    try {
      if (options.pageNotes) await endRunsOfClosedPages(store, options.pageNotes.storage);
      await markCrashedRuns(store, { isOwned: options.isOwned });
    } catch (error) {
      options.onError(`could not check for crashed runs: ${errorMessage(error)}`);
    } finally {
      checking = false;
    }
    if (again) {
      again = false;
      await check();
    }
  };
  void check();
  const timer = setInterval(() => void check(), options.intervalMs ?? CRASH_CHECK_INTERVAL_MS);
  const unsubscribe = options.pageNotes?.subscribe(() => void check());
  return () => {
    clearInterval(timer);
    unsubscribe?.();
  };
}
