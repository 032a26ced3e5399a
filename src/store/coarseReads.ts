import { coarseChunkOf, unpackCoarse, type CoarseChunk, type SharedCoarseLayouts, type StoredCoarseChunk } from '../model/history/coarseLevel';

/**
 * Runs read per coarse request. One getAll over all runs is slower than several in parallel (Chromium here, 1,000 runs ×
 * 4 metrics of 625 buckets: 1 request per metric 390–1,900 ms, groups of 16 runs 160–420 ms, one request per run
 * 450–820 ms): IndexedDB's backend reads a group while the page deserialises the previous one.
 */
const COARSE_READ_GROUP = 16;

/** The coarse store of any transaction that can read it: all readCoarseOfRuns needs. */
export type CoarseStore = { getAll(range: IDBKeyRange): Promise<StoredCoarseChunk[]> };

/** Which coarse chunks to read: one metric of some runs of a project, the chunks an x-range touches. */
export interface CoarseOfRuns {
  project: string;
  metric: string;
  runIds: Iterable<string>;
  xRange?: readonly [number, number] | undefined;
  /**
   * Runs (sorted) whose records a group's key range should not span: another read has them (an overview block), so a
   * range over them would read them again for nothing.
   */
  skip?: readonly string[];
  /** Runs logged over the same steps share one x and counts array (see unpackCoarse). */
  shared?: SharedCoarseLayouts;
}

/**
 * The coarse chunks of the asked runs that the x-range touches, by run (each run's chunks in order). Runs are read in
 * sorted groups, one key range each: a range also returns runs of the project between the asked ones, which are
 * dropped, so a group ends before a run in `skip`.
 */
export async function readCoarseOfRuns(store: CoarseStore, query: CoarseOfRuns): Promise<Map<string, CoarseChunk[]>> {
  const { project, metric, xRange, skip = [], shared = new Map() } = query;
  const wanted = new Set(query.runIds);
  const firstChunk = xRange ? coarseChunkOf(xRange[0]) : -Infinity;
  const lastChunk = xRange ? coarseChunkOf(xRange[1]) : Infinity;
  const reads = readGroups([...wanted].sort(), skip).map((group) =>
    store.getAll(IDBKeyRange.bound([project, metric, group[0]!, firstChunk], [project, metric, group[group.length - 1]!, lastChunk])),
  );
  const byRun = new Map<string, CoarseChunk[]>();
  for (const records of await Promise.all(reads)) {
    for (const stored of records) {
      if (!wanted.has(stored.runId) || stored.chunk < firstChunk || stored.chunk > lastChunk) continue;
      const chunks = byRun.get(stored.runId);
      const chunk = unpackCoarse(stored, shared);
      if (chunks) chunks.push(chunk);
      else byRun.set(stored.runId, [chunk]);
    }
  }
  return byRun;
}

/** Sorted runs cut into groups of at most COARSE_READ_GROUP, a group ending wherever a run of sorted `skip` lies between two. */
function readGroups(sorted: readonly string[], skip: readonly string[]): string[][] {
  const groups: string[][] = [];
  let group: string[] = [];
  for (const runId of sorted) {
    const previous = group[group.length - 1];
    if (previous !== undefined && (group.length === COARSE_READ_GROUP || anyBetween(skip, previous, runId))) {
      groups.push(group);
      group = [];
    }
    group.push(runId);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** Whether sorted `ids` holds one strictly between a and b (a < b). */
function anyBetween(ids: readonly string[], a: string, b: string): boolean {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid]! <= a) lo = mid + 1;
    else hi = mid;
  }
  return lo < ids.length && ids[lo]! < b;
}
