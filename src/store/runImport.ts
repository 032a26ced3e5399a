import type { IDBPDatabase } from 'idb';
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

/**
 * First write of an import: the project where it is new, and the run's record, in one transaction. The record is
 * written as `crashed` until its points are in (see LabbookStore.importRun), so that an import that fails half-way can
 * be undone: a `running` record may not be deleted.
 */
export function addImportedRun(db: IDBPDatabase<LabbookSchema>, run: ImportedRun, project: ImportedProject): Promise<void> {
  return withQuotaCheck(async () => {
    const tx = db.transaction(['projects', 'runs', 'settings'], 'readwrite');
    const projects = tx.objectStore('projects');
    const settings = tx.objectStore('settings');
    const workspaceKey = projectSettingKey('workspace', project.record.name);
    const [existing, workspace] = await Promise.all([projects.get(project.record.name), settings.get(workspaceKey)]);
    const writes: Promise<unknown>[] = [tx.objectStore('runs').add({ ...run.record, state: 'crashed' })];
    if (!existing) writes.push(projects.put(project.record));
    if (!workspace && project.workspace !== null) writes.push(settings.put({ key: workspaceKey, value: project.workspace }));
    await commitWrites(writes, tx.done);
  });
}

/** Second write: the run's table logs, the media they need that are not stored yet, and its code, in one transaction. */
export function putImportedRunFiles(db: IDBPDatabase<LabbookSchema>, run: ImportedRun): Promise<void> {
  return withQuotaCheck(async () => {
    const tx = db.transaction(['tables', 'media', 'cells', 'executions'], 'readwrite');
    const media = tx.objectStore('media');
    const absent = await Promise.all(run.media.map(async (file) => ((await media.count(file.hash)) === 0 ? file : null)));
    await commitWrites(
      [
        ...run.tables.map((table) => tx.objectStore('tables').put(table)),
        ...absent.flatMap((file) => (file ? [media.put(file)] : [])),
        ...run.sources.map((source) => tx.objectStore('cells').put(source)),
        ...run.executions.map((execution) => tx.objectStore('executions').put(execution)),
      ],
      tx.done,
    );
  });
}
