import { errorMessage } from '../../lib/errorMessage';
import { randomId } from '../../lib/ids';
import type { RunRecord } from '../../model/runs/runTypes';
import type { LabbookStore } from '../../store/labbookStore';
import type { ImportedRun } from '../../store/runImport';
import type { MediaRecord, TableRecord } from '../../store/schema';
import { checkRunCodeFile } from './bundleChecks';
import { mediaFile, runFile, tableFile } from './bundleFormat';
import { decodeRunHistory } from './historyArrow';
import { parseJson, type BundledRun, type CheckedBundle } from './readBundle';

/** What to do with a bundled run whose id a stored run has: keep the stored one, replace it, or import a copy. */
export type ConflictChoice = 'skip' | 'replace' | 'copy';

/** A bundled run whose id is taken, with the stored run that has it. */
export interface RunConflict {
  bundled: RunRecord;
  stored: RunRecord;
}

/** Stored runs with the ids of bundled runs: what the import dialog asks about before anything is written. */
export async function findConflicts(store: LabbookStore, bundle: CheckedBundle): Promise<RunConflict[]> {
  const stored = await store.getRuns(bundle.runs.map((run) => run.record.id));
  return bundle.runs.flatMap((run, i) => (stored[i] ? [{ bundled: run.record, stored: stored[i] }] : []));
}

export interface ImportResult {
  imported: { id: string; name: string; project: string }[];
  skipped: number;
  replaced: number;
  copied: number;
  notebooks: number;
}

/**
 * Writes a checked bundle: a run at a time, each as its own transactions (store.importRun), with `choice` for runs
 * whose id is taken, then projects that came without runs. A run to replace that is running in some tab is refused
 * before anything is written. If a write fails (a full disk), the runs this import wrote and the projects it made are
 * deleted again and an ImportFailedError says so: the store is as before, except for runs it had already replaced, and
 * media and cell sources it stored (kept by hash, harmless, as they are after any deletion).
 */
export async function importBundle(store: LabbookStore, bundle: CheckedBundle, choice: ConflictChoice, onProgress?: (done: number, total: number) => void): Promise<ImportResult> {
  const conflicts = new Map((await findConflicts(store, bundle)).map((conflict) => [conflict.bundled.id, conflict.stored]));
  const running = [...conflicts.values()].filter((run) => run.state === 'running');
  if (choice === 'replace' && running.length > 0) throw new Error(`${running.map((run) => run.name).join(', ')} ${running.length === 1 ? 'is' : 'are'} still running: they cannot be replaced; skip them or import copies`);
  const result: ImportResult = { imported: [], skipped: 0, replaced: 0, copied: 0, notebooks: 0 };
  const written: string[] = [];
  const madeProjects: string[] = [];
  try {
    for (const [index, run] of bundle.runs.entries()) {
      const stored = conflicts.get(run.record.id);
      if (stored && choice === 'skip') result.skipped++;
      else {
        if (stored && choice === 'replace') {
          await store.deleteRuns([stored.id]);
          result.replaced++;
        }
        const record = importedRecord(run.record, stored && choice === 'copy');
        if (stored && choice === 'copy') result.copied++;
        const { madeProject } = await store.importRun(await readRunForImport(bundle, run, record), projectOf(bundle, record));
        if (madeProject) madeProjects.push(record.project);
        written.push(record.id);
        result.imported.push({ id: record.id, name: record.name, project: record.project });
      }
      onProgress?.(index + 1, bundle.runs.length);
    }
    for (const project of bundle.projects.values()) if (await store.importProject(project)) madeProjects.push(project.record.name);
  } catch (error) {
    throw new ImportFailedError(error, await undo(store, written, madeProjects), result.replaced);
  }
  for (const notebook of bundle.notebooks) {
    const stored = await store.getNotebook(notebook.id);
    if (stored && choice !== 'replace') continue;
    await store.saveNotebook(notebook);
    result.notebooks++;
  }
  return result;
}

/**
 * The record a bundled run is written with: under a new id and name for a copy; a run that was running when it was
 * exported runs nowhere now, so it comes in crashed, with the reason said, as a run whose tab closed would.
 */
function importedRecord(bundled: RunRecord, copy: boolean | undefined): RunRecord {
  const record = copy ? { ...bundled, id: randomId(), name: `${bundled.name} (copy)` } : bundled;
  return record.state === 'running' ? { ...record, state: 'crashed', error: record.error ?? 'it was still running when it was exported: its history ends where the export read it' } : record;
}

/** Deletes what a failed import wrote (its runs, and the projects it made); says what could not be undone, or null. */
async function undo(store: LabbookStore, written: readonly string[], madeProjects: readonly string[]): Promise<string | null> {
  try {
    await store.deleteRuns(written);
    for (const project of new Set(madeProjects)) await store.deleteProject(project);
    return null;
  } catch (error) {
    return errorMessage(error);
  }
}

/** An import that stopped while writing: why, and whether what it wrote was removed again. */
export class ImportFailedError extends Error {
  override name = 'ImportFailedError';
  constructor(
    cause: unknown,
    /** Why undoing failed, or null when everything the import wrote was removed. */
    readonly undoFailure: string | null,
    /** Stored runs it had already replaced (deleted) before it stopped. */
    readonly replaced: number,
  ) {
    super(errorMessage(cause), { cause });
  }
}

function projectOf(bundle: CheckedBundle, record: RunRecord) {
  return bundle.projects.get(record.project) ?? { record: { name: record.project, createdAt: record.createdAt, updatedAt: record.updatedAt }, workspace: null };
}

/** Reads a run's files again (they were checked by readBundle) into what the store writes, under `record`'s id. */
async function readRunForImport(bundle: CheckedBundle, run: BundledRun, record: RunRecord): Promise<ImportedRun> {
  const { read } = bundle;
  const bundledId = run.record.id;
  const history = decodeRunHistory(await read(runFile(bundledId, 'history.arrow')), runFile(bundledId, 'history.arrow'));
  const tables: TableRecord[] = [];
  for (const log of run.tables) {
    const bytes = await read(tableFile(bundledId, log.file));
    tables.push({ runId: record.id, key: log.key, seq: log.seq, step: log.step, mode: log.mode, rows: log.rows, loggedAt: log.loggedAt, arrow: new Blob([bytes as Uint8Array<ArrayBuffer>]) });
  }
  const media: MediaRecord[] = [];
  for (const hash of run.mediaHashes) {
    const type = bundle.mediaTypes.get(hash);
    if (type === undefined) continue;
    const bytes = await read(mediaFile(hash));
    media.push({ hash, type, size: bytes.length, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type }) });
  }
  const code = record.code ? checkRunCodeFile(parseJson(await read(runFile(bundledId, 'code.json')), runFile(bundledId, 'code.json')), runFile(bundledId, 'code.json'), record.code!) : { executions: [], sources: [] };
  return { record, history, tables, media, ...code };
}
