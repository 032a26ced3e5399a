import type { IDBPDatabase } from 'idb';
import type { SeriesIndex } from '../model/history/historyChunks';
import type { LabbookSchema } from './schema';

/** Bytes per point of a float64 value; steps add as much again in a chunk whose steps are not consecutive. */
const VALUE_BYTES = 8;
/** The coarse level keeps min, max and last as float32 and the step as float64 per 16 points. */
const COARSE_BYTES_PER_POINT = (3 * 4 + 8) / 16;

/** About how many bytes a series takes, from its index alone (its chunks are not read). */
export function seriesBytes(index: SeriesIndex): number {
  let bytes = 0;
  for (const chunk of index.chunks) {
    const consecutive = chunk.lastStep - chunk.firstStep + 1 === chunk.count;
    bytes += chunk.count * (consecutive ? VALUE_BYTES : 2 * VALUE_BYTES);
  }
  return bytes + index.count * COARSE_BYTES_PER_POINT;
}

/** How much history one project holds. */
export interface ProjectStorageUse {
  project: string;
  runs: number;
  /** Points logged by its runs, all metrics together. */
  points: number;
  /** About how many bytes those points take (see seriesBytes). */
  bytes: number;
}

/**
 * History per project, largest first, for the settings page: reads the run ids of each project and every series index
 * (a few numbers per 1,024 points), never the points or the run records.
 */
export async function projectStorageUse(db: IDBPDatabase<LabbookSchema>): Promise<ProjectStorageUse[]> {
  const tx = db.transaction(['projects', 'runs', 'series']);
  const [projects, series] = await Promise.all([tx.objectStore('projects').getAllKeys(), tx.objectStore('series').getAll()]);
  const runIds = await Promise.all(projects.map((project) => tx.objectStore('runs').index('by_project').getAllKeys(project)));
  const projectOfRun = new Map<string, number>();
  runIds.forEach((ids, i) => ids.forEach((id) => projectOfRun.set(id, i)));
  const use = projects.map((project, i): ProjectStorageUse => ({ project, runs: runIds[i]!.length, points: 0, bytes: 0 }));
  for (const index of series) {
    const entry = use[projectOfRun.get(index.runId) ?? -1];
    if (!entry) continue;
    entry.points += index.count;
    entry.bytes += seriesBytes(index);
  }
  return use.map((entry) => ({ ...entry, bytes: Math.round(entry.bytes) })).sort((a, b) => b.bytes - a.bytes || a.project.localeCompare(b.project));
}
