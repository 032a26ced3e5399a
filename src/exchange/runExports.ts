import { zipSync, type Zippable } from 'fflate';
import { safeFileName } from '../lib/safeFileName';
import type { ChunkRecord } from '../model/history/historyChunks';
import { discoverColumns } from '../model/runTable/runColumns';
import { runsToCsv } from '../model/runTable/runsTsv';
import type { RunRecord } from '../model/runs/runTypes';
import type { LabbookStore } from '../store/labbookStore';
import { BUNDLE_EXTENSION } from './bundle/bundleFormat';
import { exportBundle, selectedRuns, type BundleSelection } from './bundle/exportBundle';
import { historyCsv, historyEventFile, historyFeather } from './historyExports';
import { mlrunsFiles } from './mlflowExport';

/** What an export writes: a Labbook bundle (everything, re-importable) or one of the formats other tools read. */
export type ExportFormat = 'bundle' | 'csv' | 'feather' | 'tensorboard' | 'mlflow';

export interface ExportedFile {
  blob: Blob;
  fileName: string;
  runs: number;
}

/** A run's TensorBoard event file, in a folder of its own named after it (`tensorboard --logdir .` lists it by name). */
export function eventFilePath(run: RunRecord): string {
  return `${safeFileName(run.name)}-${run.id}/events.out.tfevents.${Math.floor(run.createdAt / 1000)}.labbook`;
}

/**
 * Exports the selection as `format`, one zip: the bundle streamed (exportBundle); the others built a run at a time
 * from each run's full history — CSV and Feather a file per run beside `runs.csv` (the runs table: every config and
 * summary column), TensorBoard a folder per run, MLflow an `mlruns/` experiment per project.
 */
export async function exportRuns(store: LabbookStore, selection: BundleSelection, format: ExportFormat, name: string, appVersion: string, onProgress?: (done: number, total: number) => void): Promise<ExportedFile> {
  const base = safeFileName(name);
  if (format === 'bundle') {
    const { blob, runs } = await exportBundle(store, selection, appVersion, onProgress);
    return { blob, fileName: `${base}${BUNDLE_EXTENSION}`, runs };
  }
  const runs = await selectedRuns(store, selection);
  const histories: { run: RunRecord; history: ChunkRecord[] }[] = [];
  const files: Zippable = format === 'csv' || format === 'feather' ? { 'runs.csv': new TextEncoder().encode(runsToCsv(runs, discoverColumns(runs))) } : {};
  for (const [index, run] of runs.entries()) {
    const history = await store.readRunHistory(run.id);
    const stem = `history/${safeFileName(run.name)}-${run.id}`;
    if (format === 'csv') files[`${stem}.csv`] = new TextEncoder().encode(historyCsv(history));
    else if (format === 'feather') files[`${stem}.feather`] = historyFeather(history);
    else if (format === 'tensorboard') files[eventFilePath(run)] = historyEventFile(run, history);
    else histories.push({ run, history });
    onProgress?.(index + 1, runs.length);
  }
  if (format === 'mlflow') {
    const projects = [...new Set(runs.map((run) => run.project))];
    projects.forEach((project, i) => Object.assign(files, mlrunsFiles(project, histories.filter(({ run }) => run.project === project), String(i + 1))));
  }
  return { blob: new Blob([zipSync(files, { level: 6 }) as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), fileName: `${base}-${format}.zip`, runs: runs.length };
}

/** The formats an export dialog offers, the bundle first. */
export const EXPORT_FORMATS: readonly { value: ExportFormat; label: string; description: string }[] = [
  { value: 'bundle', label: 'Labbook bundle', description: 'everything (records, every point, tables, images, code, notebooks), for importing into Labbook elsewhere' },
  { value: 'csv', label: 'CSV', description: 'a history file per run (a column per metric, _step first) and runs.csv (the runs table)' },
  { value: 'feather', label: 'Feather', description: 'the history per run as Arrow, for pandas.read_feather (int64 steps, float64 values), and runs.csv' },
  { value: 'tensorboard', label: 'TensorBoard', description: 'an event-file folder per run, with the config as text and hparams (tensorboard --logdir .)' },
  { value: 'mlflow', label: 'MLflow', description: 'an mlruns/ file store, an experiment per project (mlflow ui in the unzipped folder)' },
];

/** The export dialog's `write` for a selection: exportRuns with this build's version. */
export function exportWriter(store: LabbookStore, selection: BundleSelection | (() => Promise<BundleSelection>), name: string) {
  return async (format: ExportFormat, onProgress: (done: number, total: number) => void): Promise<ExportedFile> =>
    exportRuns(store, typeof selection === 'function' ? await selection() : selection, format, name, __APP_VERSION__, onProgress);
}
