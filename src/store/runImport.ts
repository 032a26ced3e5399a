import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { HistoryBatch } from '../model/history/historyBatch';
import type { CellSource, ExecutionRecord, ProjectRecord, RunRecord } from '../model/runs/runTypes';
import type { LabbookSchema, MediaRecord, TableRecord } from './schema';
import { projectSettingKey } from './settingKeys';
import { commitWrites, withQuotaCheck } from './storageFull';

/** Everything of one run that an import writes: the record as it was exported, its points, tables, media and code. */
export interface ImportedRun {
  record: RunRecord;
  history: HistoryBatch;
  tables: TableRecord[];
  media: MediaRecord[];
  executions: ExecutionRecord[];
  sources: CellSource[];
}

/** The project a run goes into, as its bundle had it: made (with its saved workspace) only where it does not exist. */
export interface ImportedProject {
  record: ProjectRecord;
  workspace: unknown;
}

type ProjectTransaction = IDBPTransaction<LabbookSchema, ('projects' | 'runs' | 'settings')[], 'readwrite'>;

/** Writes the project where it does not exist, and its workspace where it has none; says whether it made the project. */
async function putProjectIfNew(tx: ProjectTransaction, project: ImportedProject, writes: Promise<unknown>[]): Promise<boolean> {
  const projects = tx.objectStore('projects');
  const settings = tx.objectStore('settings');
  const workspaceKey = projectSettingKey('workspace', project.record.name);
  const [existing, workspace] = await Promise.all([projects.get(project.record.name), settings.get(workspaceKey)]);
  if (!existing) writes.push(projects.put(project.record));
  if (!workspace && project.workspace !== null) writes.push(settings.put({ key: workspaceKey, value: project.workspace }));
  return !existing;
}

/** A project from a bundle that holds none of its runs (it had none): made where it does not exist. */
export function putImportedProject(db: IDBPDatabase<LabbookSchema>, project: ImportedProject): Promise<boolean> {
  return withQuotaCheck(async () => {
    const tx = db.transaction(['projects', 'runs', 'settings'], 'readwrite');
    const writes: Promise<unknown>[] = [];
    const made = await putProjectIfNew(tx, project, writes);
    await commitWrites(writes, tx.done);
    return made;
  });
}

/**
 * First write of an import: the project where it is new, and the run's record, in one transaction; says whether it
 * made the project. The record is written as `crashed` until its points are in (see LabbookStore.importRun), so that
 * an import that fails half-way can be undone: a `running` record may not be deleted.
 */
export function addImportedRun(db: IDBPDatabase<LabbookSchema>, run: ImportedRun, project: ImportedProject): Promise<boolean> {
  return withQuotaCheck(async () => {
    const tx = db.transaction(['projects', 'runs', 'settings'], 'readwrite');
    const writes: Promise<unknown>[] = [tx.objectStore('runs').add({ ...run.record, state: 'crashed' })];
    const made = await putProjectIfNew(tx, project, writes);
    await commitWrites(writes, tx.done);
    return made;
  });
}

/**
 * Second write: the run's table logs, and the media, cell sources and executions it needs that are not stored yet, in
 * one transaction. What is stored already is kept as it is: other runs share it.
 */
export function putImportedRunFiles(db: IDBPDatabase<LabbookSchema>, run: ImportedRun): Promise<void> {
  return withQuotaCheck(async () => {
    const tx = db.transaction(['tables', 'media', 'cells', 'executions'], 'readwrite');
    const [media, cells, executions] = [tx.objectStore('media'), tx.objectStore('cells'), tx.objectStore('executions')];
    const absent = <T>(items: readonly T[], count: (item: T) => Promise<number>) => Promise.all(items.map(async (item) => ((await count(item)) === 0 ? [item] : []))).then((found) => found.flat());
    const [newMedia, newSources, newExecutions] = await Promise.all([
      absent(run.media, (file) => media.count(file.hash)),
      absent(run.sources, (source) => cells.count(source.hash)),
      absent(run.executions, (execution) => executions.count([execution.kernelId, execution.index])),
    ]);
    await commitWrites(
      [
        ...run.tables.map((table) => tx.objectStore('tables').put(table)),
        ...newMedia.map((file) => media.put(file)),
        ...newSources.map((source) => cells.put(source)),
        ...newExecutions.map((execution) => executions.put(execution)),
      ],
      tx.done,
    );
  });
}
