import type { RunRecord } from '../model/runs/runTypes';
import type { LabbookStore } from '../store/labbookStore';
import { createLiveResource } from '../ui/liveResource';

/** While runs log, their records change several times a second; the workspace re-reads them at most this often. */
const RUNS_REFRESH_MS = 1000;

/**
 * A project's runs, newest first, kept up to date. A notice naming only runs the list holds re-reads just those: live
 * runs change their records every second, and re-reading all 1,000 records for them took 0.1–1.4 s of the IndexedDB
 * and page time a workspace's first draw needed (Chromium 156 here). Any other change (a new run, a run deleted or
 * moved) reads the whole list again.
 */
export function createProjectRuns(store: LabbookStore, project: string) {
  let current: RunRecord[] | null = null;
  let known = new Set<string>();
  let changed: Set<string> | 'all' = 'all';
  const whole = async () => {
    const runs = await store.listRuns(project);
    known = new Set(runs.map((run) => run.id));
    return (current = runs);
  };
  return createLiveResource<RunRecord[]>({
    fetch: async () => {
      const ids = changed;
      changed = new Set();
      if (ids === 'all' || current === null) return whole();
      const fresh = await store.getRuns([...ids]);
      if (fresh.some((run) => run?.project !== project)) return whole();
      const byId = new Map(fresh.map((run) => [run!.id, run!]));
      return (current = current.map((run) => byId.get(run.id) ?? run));
    },
    subscribe: (onChange) =>
      store.feed.subscribe((notice) => {
        if (notice.type !== 'runs' || notice.project !== project) return;
        if (changed !== 'all' && notice.runIds.every((id) => known.has(id))) for (const id of notice.runIds) changed.add(id);
        else changed = 'all';
        onChange();
      }),
    minIntervalMs: RUNS_REFRESH_MS,
  });
}
