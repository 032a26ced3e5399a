import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { RunRecord } from '../model/runs/runTypes';
import type { LabbookSchema } from './schema';
import { dropOverviewBlocksOf } from './overviewBlocks';
import { projectSettingKeys } from './settingKeys';
import { seriesBytes } from './storageUse';

/** A run named in a deletion. */
export interface RunName {
  id: string;
  name: string;
}

/** What deleting some runs would remove, for the confirmation to name before anything goes. */
export interface DeletionPreview {
  /** The runs that would be deleted (those asked for that exist and are not running). */
  runs: RunName[];
  /** Runs asked for that are still running, so kept; `here` when this tab is writing them. */
  running: (RunName & { here: boolean })[];
  /** Metric histories of the deleted runs. */
  series: number;
  /** Points in those histories. */
  points: number;
  /** About how many bytes those histories take (values, steps where stored, coarse level). */
  bytes: number;
}

/** A deletion refused because some of its runs are still running: deleting under a live writer would lose its data. */
export class RunsStillRunningError extends Error {
  override name = 'RunsStillRunningError';
  constructor(readonly runs: readonly RunName[]) {
    super(`${runs.map((r) => r.name).join(', ')} ${runs.length === 1 ? 'is' : 'are'} still running: stop ${runs.length === 1 ? 'it' : 'them'} first`);
  }
}

type ReadTransaction = IDBPTransaction<LabbookSchema, ('runs' | 'series')[], 'readonly'>;

/** Reads what deleting these runs would remove (one read-only transaction; reads series indexes, never points). */
export async function previewRunDeletion(db: IDBPDatabase<LabbookSchema>, runIds: readonly string[], writingHere: ReadonlySet<string>): Promise<DeletionPreview> {
  const tx = db.transaction(['runs', 'series']);
  const runs = (await Promise.all(runIds.map((id) => tx.objectStore('runs').get(id)))).filter((run): run is RunRecord => run !== undefined);
  return previewOf(tx, runs, writingHere);
}

/** Reads what deleting a project would remove: every run of it. */
export async function previewProjectDeletion(db: IDBPDatabase<LabbookSchema>, project: string, writingHere: ReadonlySet<string>): Promise<DeletionPreview> {
  const tx = db.transaction(['runs', 'series']);
  const runs = (await tx.objectStore('runs').index('by_project').getAll(project)).sort((a, b) => b.createdAt - a.createdAt);
  return previewOf(tx, runs, writingHere);
}

async function previewOf(tx: ReadTransaction, runs: readonly RunRecord[], writingHere: ReadonlySet<string>): Promise<DeletionPreview> {
  const name = (run: RunRecord): RunName => ({ id: run.id, name: run.name });
  const deleted = runs.filter((run) => run.state !== 'running');
  const indexes = await Promise.all(deleted.map((run) => tx.objectStore('series').index('by_run').getAll(run.id)));
  const series = indexes.flat();
  return {
    runs: deleted.map(name),
    running: runs.filter((run) => run.state === 'running').map((run) => ({ ...name(run), here: writingHere.has(run.id) })),
    series: series.length,
    points: series.reduce((sum, index) => sum + index.count, 0),
    bytes: Math.round(series.reduce((sum, index) => sum + seriesBytes(index), 0)),
  };
}

/** Every object store holding something of a run or a project. */
const DELETE_STORES = ['projects', 'runs', 'series', 'chunks', 'coarse', 'overview', 'settings', 'tables'] as const;

type DeleteTransaction = IDBPTransaction<LabbookSchema, (typeof DELETE_STORES)[number][], 'readwrite'>;

/** Every key of a store whose key starts with `prefix` (an array sorts after every string, so [...prefix, []] is past them all). */
function startingWith(prefix: readonly (string | number)[]): IDBKeyRange {
  return IDBKeyRange.bound(prefix, [...prefix, []]);
}

/**
 * Deletes runs and everything stored for them — record, series indexes, raw chunks, coarse chunks, tables, the overview blocks
 * holding them (the other runs of a block are read from their coarse chunks until packed again) — in one transaction,
 * so a failure leaves every run whole. A run still running is refused (RunsStillRunningError) and nothing
 * is deleted; ids of runs that do not exist are ignored. Returns the deleted runs.
 */
export async function deleteRunData(db: IDBPDatabase<LabbookSchema>, runIds: readonly string[]): Promise<RunRecord[]> {
  const tx = db.transaction([...DELETE_STORES], 'readwrite');
  const runs = (await Promise.all(runIds.map((id) => tx.objectStore('runs').get(id)))).filter((run): run is RunRecord => run !== undefined);
  await refuseRunning(tx, runs);
  await Promise.all([
    ...runs.map((run) => deleteOneRun(tx, run, { coarse: true })),
    dropOverviewBlocksOf(tx.objectStore('overview'), runs.map((run) => run.id)),
  ]);
  await tx.done;
  return runs;
}

/**
 * Deletes a project: all its runs and their history, its per-project settings (the saved workspace) and its record,
 * in one transaction. Refused like deleteRunData while any of its runs is running. Returns the deleted runs.
 */
export async function deleteProjectData(db: IDBPDatabase<LabbookSchema>, project: string): Promise<RunRecord[]> {
  const tx = db.transaction([...DELETE_STORES], 'readwrite');
  const runs = await tx.objectStore('runs').index('by_project').getAll(project);
  await refuseRunning(tx, runs);
  // Coarse chunks and overview blocks are keyed by project first: one range each removes the whole project's.
  await Promise.all([
    ...runs.map((run) => deleteOneRun(tx, run, { coarse: false })),
    tx.objectStore('coarse').delete(startingWith([project])),
    tx.objectStore('overview').delete(startingWith([project])),
    ...projectSettingKeys(project).map((key) => tx.objectStore('settings').delete(key)),
    tx.objectStore('projects').delete(project),
  ]);
  await tx.done;
  return runs;
}

async function refuseRunning(tx: DeleteTransaction, runs: readonly RunRecord[]): Promise<void> {
  const running = runs.filter((run) => run.state === 'running');
  if (running.length === 0) return;
  // Aborting rather than letting an empty transaction commit: nothing is written either way, but the abort says so.
  tx.abort();
  await tx.done.catch(() => undefined);
  throw new RunsStillRunningError(running.map((run) => ({ id: run.id, name: run.name })));
}

async function deleteOneRun(tx: DeleteTransaction, run: RunRecord, options: { coarse: boolean }): Promise<void> {
  // Coarse chunks are keyed [project, metric, runId, chunk]: the run's metrics (from its series keys) name its ranges.
  const metrics = options.coarse ? (await tx.objectStore('series').index('by_run').getAllKeys(run.id)).map(([, metric]) => metric) : [];
  await Promise.all([
    tx.objectStore('runs').delete(run.id),
    tx.objectStore('series').delete(startingWith([run.id])),
    tx.objectStore('chunks').delete(startingWith([run.id])),
    tx.objectStore('tables').delete(startingWith([run.id])),
    ...metrics.map((metric) => tx.objectStore('coarse').delete(startingWith([run.project, metric, run.id]))),
  ]);
}
