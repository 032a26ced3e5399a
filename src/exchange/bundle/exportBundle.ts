import type { ChunkRecord } from '../../model/history/historyChunks';
import type { CellSource, ExecutionRecord, RunRecord } from '../../model/runs/runTypes';
import { tableFromArrow } from '../../model/tables/tableArrow';
import { tableMediaHashes } from '../../model/tables/tableMedia';
import type { LabbookStore } from '../../store/labbookStore';
import { projectSettingKey } from '../../store/settingKeys';
import { encodeBundleJson } from './bundleJson';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  MANIFEST_PATH,
  STORED_TYPES,
  mediaFile,
  notebookFile,
  projectFile,
  runFile,
  tableFile,
  type BundledProject,
  type BundledTableLog,
  type BundleManifest,
  type ManifestRun,
} from './bundleFormat';
import { BundleZipWriter } from './bundleZipWriter';
import { encodeRunHistory } from './historyArrow';

/** What to put in a bundle: runs by id, whole projects (their runs, saved workspace and notebooks), notebooks with their runs. */
export interface BundleSelection {
  runIds?: readonly string[];
  projects?: readonly string[];
  notebookIds?: readonly string[];
}

export interface ExportedBundle {
  blob: Blob;
  runs: number;
  manifest: BundleManifest;
}

/**
 * Writes a `.labbook.zip` of the selection (see bundleFormat.ts), a run at a time: each run's history, tables and
 * media are read, added and let go before the next, so memory holds one run's files, not the bundle's.
 */
export async function exportBundle(store: LabbookStore, selection: BundleSelection, appVersion: string, onProgress?: (done: number, total: number) => void): Promise<ExportedBundle> {
  const wholeProjects = new Set(selection.projects ?? []);
  const notebookIds = new Set(selection.notebookIds ?? []);
  const runs = await selectedRuns(store, selection);
  for (const run of runs) if (wholeProjects.has(run.project) && run.code?.notebookId) notebookIds.add(run.code.notebookId);
  const writer = new BundleZipWriter();
  const manifestRuns: ManifestRun[] = [];
  const media = new Map<string, string>();
  for (const [index, run] of runs.entries()) {
    const before = writer.files.length;
    await addRun(store, writer, run, media);
    manifestRuns.push({ id: run.id, project: run.project, name: run.name, bytes: writer.files.slice(before).reduce((sum, file) => sum + file.size, 0) });
    onProgress?.(index + 1, runs.length);
  }
  const projects = [...new Set([...runs.map((run) => run.project), ...wholeProjects])];
  for (const [index, name] of projects.entries()) await writer.add(projectFile(index), encodeBundleJson(await bundledProject(store, name, wholeProjects.has(name))));
  const notebooks: BundleManifest['notebooks'] = [];
  for (const id of notebookIds) {
    const notebook = await store.getNotebook(id);
    if (!notebook) continue;
    const { revision: _revision, ...saved } = notebook;
    await writer.add(notebookFile(id), encodeBundleJson(saved));
    notebooks.push({ id, name: notebook.name });
  }
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    app: { name: 'labbook', version: appVersion },
    created: new Date().toISOString(),
    runs: manifestRuns,
    projects,
    notebooks,
    media: [...media].map(([hash, type]) => ({ hash, type })),
    files: writer.files,
  };
  writer.addUnlisted(MANIFEST_PATH, encodeBundleJson(manifest));
  return { blob: writer.finish(), runs: runs.length, manifest };
}

/** The runs a selection names, oldest first, each once. */
export async function selectedRuns(store: LabbookStore, selection: BundleSelection): Promise<RunRecord[]> {
  const byId = new Map<string, RunRecord>();
  for (const run of await store.getRuns(selection.runIds ?? [])) if (run) byId.set(run.id, run);
  for (const project of selection.projects ?? []) for (const run of await store.listRuns(project)) byId.set(run.id, run);
  if ((selection.notebookIds?.length ?? 0) > 0) {
    const wanted = new Set(selection.notebookIds);
    for (const project of await store.listProjects()) for (const run of await store.listRuns(project.name)) if (run.code?.notebookId && wanted.has(run.code.notebookId)) byId.set(run.id, run);
  }
  return [...byId.values()].sort((a, b) => a.createdAt - b.createdAt);
}

async function addRun(store: LabbookStore, writer: BundleZipWriter, run: RunRecord, media: Map<string, string>): Promise<void> {
  await writer.add(runFile(run.id, 'run.json'), encodeBundleJson(run));
  const history: ChunkRecord[] = await store.readRunHistory(run.id);
  await writer.add(runFile(run.id, 'history.arrow'), encodeRunHistory(history));
  const logs = await store.readRunTableLogs(run.id);
  const listed: BundledTableLog[] = [];
  for (const [file, log] of logs.entries()) {
    await writer.add(tableFile(run.id, file), log.arrow);
    listed.push({ key: log.key, seq: log.seq, step: log.step, mode: log.mode, rows: log.rows, loggedAt: log.loggedAt, file });
    for (const hash of tableMediaHashes(tableFromArrow(log.arrow))) {
      if (media.has(hash)) continue;
      const blob = await store.getMedia(hash);
      if (!blob) continue;
      const type = blob.type || 'application/octet-stream';
      media.set(hash, type);
      await writer.add(mediaFile(hash), new Uint8Array(await blob.arrayBuffer()), STORED_TYPES.test(type));
    }
  }
  await writer.add(runFile(run.id, 'tables.json'), encodeBundleJson(listed));
  if (run.code) await writer.add(runFile(run.id, 'code.json'), encodeBundleJson(await runCodeFile(store, run)));
}

async function runCodeFile(store: LabbookStore, run: RunRecord): Promise<{ executions: ExecutionRecord[]; sources: CellSource[] }> {
  const code = run.code!;
  const cells = await store.readRunCode(code);
  const sources = new Map<string, string>();
  for (const cell of cells) if (cell.source !== null) sources.set(cell.hash, cell.source);
  return {
    executions: cells.map((cell, index) => ({ kernelId: code.kernelId, index, cellId: cell.cellId, hash: cell.hash, executedAt: cell.executedAt })),
    sources: [...sources].map(([hash, source]) => ({ hash, source })),
  };
}

async function bundledProject(store: LabbookStore, name: string, withWorkspace: boolean): Promise<BundledProject> {
  const record = (await store.getProject(name)) ?? { name, createdAt: Date.now(), updatedAt: Date.now() };
  const workspace = withWorkspace ? ((await store.getSetting(projectSettingKey('workspace', name))) ?? null) : null;
  return { record: { name: record.name, createdAt: record.createdAt, updatedAt: record.updatedAt }, workspace };
}
