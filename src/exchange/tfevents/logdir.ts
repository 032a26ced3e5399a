import type { ConfigTree } from '../../model/runs/runTypes';
import { decodeEventFile, type DecodedEvents, type ScalarPoint } from './events';

/** A file picked or dropped from a TensorBoard log directory: its path below the picked folder's parent, and bytes. */
export interface LogdirFile {
  path: string;
  bytes: Uint8Array;
}

/** One folder of event files as a run: its scalars per tag by step, its config, its time span and what was skipped. */
export interface LogdirRun {
  name: string;
  metrics: Map<string, { steps: Float64Array; values: Float64Array }>;
  config: ConfigTree;
  /** Milliseconds since 1970: the earliest and latest wall time seen. */
  startedAt: number;
  endedAt: number;
  points: number;
  badChecksums: number;
  malformed: number;
  /** Files that ended in a cut-short or untrustworthy record. */
  cutShort: number;
  /**
   * Points left out for a step Labbook does not chart: negative, or past 2^53 (an int64 step a number cannot hold
   * exactly). The overview packer assumes whole steps from 0 up; such steps made it loop.
   */
  badSteps: number;
}

/** TensorBoard's event file names: only these are read (a log directory may hold checkpoints of gigabytes). */
export const EVENT_FILE = /(^|\/)events\.out\.tfevents\.[^/]*$/;

/**
 * The runs of a log directory as TensorBoard sees them: each folder holding event files is a run, named by its path
 * below the picked folder (the picked folder's own name when the files sit in it), except a folder of tensorboardX's
 * `add_hparams`, which belongs to the run above it (see foldHparamsFolders). A tag logged twice at a step keeps the
 * value written last, as TensorBoard shows after a restart. The run's config is its text summary named `config`
 * (holding a JSON object), else its hparams: kept under their flat names (`optimizer.lr`), never unflattened, as a
 * name may hold dots without meaning nesting, and the runs table shows a nested config under the same flat names.
 * Files that are no event files are counted and left.
 */
export function readLogdir(files: readonly LogdirFile[]): { runs: LogdirRun[]; otherFiles: number } {
  const byFolder = new Map<string, LogdirFile[]>();
  let otherFiles = 0;
  for (const file of files) {
    if (!EVENT_FILE.test(file.path)) {
      otherFiles++;
      continue;
    }
    const folder = parentOf(file.path);
    const list = byFolder.get(folder);
    if (list) list.push(file);
    else byFolder.set(folder, [file]);
  }
  const decoded = foldHparamsFolders(byFolder);
  const read = (file: LogdirFile): DecodedFile => decoded.get(file) ?? { path: file.path, ...decodeEventFile(file.bytes) };
  const runs = [...byFolder].map(([folder, folderFiles]) => readRun(runName(folder), folderFiles.map(read)));
  return { runs: runs.sort((a, b) => a.name.localeCompare(b.name)), otherFiles };
}

function parentOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

/**
 * tensorboardX's `add_hparams` writes the hparams (and its metric values as scalars) to a folder named by the time,
 * inside the folder of the run's own writer. Where a run's folder holds one such folder, it is part of that run: its
 * hparams become the run's config and its scalars the run's. Where it holds several (`add_hparams` once per trial on
 * one writer, the tensorboardX docs' example), each stays a run of its own, as TensorBoard's HPARAMS tab lists them.
 * Only folders inside a run's folder are read to tell, and what was read is returned for the runs' read to reuse.
 */
function foldHparamsFolders(byFolder: Map<string, LogdirFile[]>): Map<LogdirFile, DecodedFile> {
  const decoded = new Map<LogdirFile, DecodedFile>();
  const hparamsFolders = new Map<string, string[]>();
  for (const [folder, files] of byFolder) {
    const parent = parentOf(folder);
    if (folder === '' || !byFolder.has(parent)) continue;
    for (const file of files) decoded.set(file, { path: file.path, ...decodeEventFile(file.bytes) });
    if (!files.some((file) => decoded.get(file)!.hparams)) continue;
    const list = hparamsFolders.get(parent);
    if (list) list.push(folder);
    else hparamsFolders.set(parent, [folder]);
  }
  // Deepest first, so a folder that takes in its child can still be taken in by its own parent.
  const depth = (folder: string) => folder.split('/').length;
  for (const [parent, [only, ...more]] of [...hparamsFolders].sort((a, b) => depth(b[0]) - depth(a[0]))) {
    if (more.length > 0) continue;
    byFolder.get(parent)!.push(...byFolder.get(only!)!);
    byFolder.delete(only!);
  }
  return decoded;
}

/** An event file as read, and where it lay (which orders a run's files). */
type DecodedFile = DecodedEvents & { path: string };

function runName(folder: string): string {
  const parts = folder.split('/').filter(Boolean);
  return parts.length <= 1 ? (parts[0] ?? 'logdir') : parts.slice(1).join('/');
}

function readRun(name: string, files: readonly DecodedFile[]): LogdirRun {
  const byTag = new Map<string, ScalarPoint[]>();
  let config: ConfigTree | null = null;
  let hparams: ConfigTree | null = null;
  let [startedAt, endedAt, badChecksums, malformed, cutShort, badSteps] = [Infinity, -Infinity, 0, 0, 0, 0];
  for (const decoded of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    badChecksums += decoded.badChecksums;
    malformed += decoded.malformed;
    if (decoded.stoppedBy) cutShort++;
    for (const point of decoded.scalars) {
      if (!Number.isSafeInteger(point.step) || point.step < 0) {
        badSteps++;
        continue;
      }
      const list = byTag.get(point.tag);
      if (list) list.push(point);
      else byTag.set(point.tag, [point]);
      startedAt = Math.min(startedAt, point.wallTime * 1000);
      endedAt = Math.max(endedAt, point.wallTime * 1000);
    }
    for (const text of decoded.texts) if (text.tag === 'config' || text.tag === 'config/text_summary') config = parsedConfig(text.text) ?? config;
    hparams = decoded.hparams ?? hparams;
  }
  const metrics = new Map<string, { steps: Float64Array; values: Float64Array }>();
  let points = 0;
  for (const [tag, list] of byTag) {
    // By step, and at a step the last written (the latest wall time; file order breaks ties).
    const sorted = list.map((p, order) => ({ p, order })).sort((a, b) => a.p.step - b.p.step || a.p.wallTime - b.p.wallTime || a.order - b.order);
    const kept = sorted.filter((entry, i) => i === sorted.length - 1 || sorted[i + 1]!.p.step !== entry.p.step).map((entry) => entry.p);
    metrics.set(tag, { steps: Float64Array.from(kept, (p) => p.step), values: Float64Array.from(kept, (p) => p.value) });
    points += kept.length;
  }
  return { name, metrics, config: config ?? hparams ?? {}, startedAt: Number.isFinite(startedAt) ? startedAt : 0, endedAt: Number.isFinite(endedAt) ? endedAt : 0, points, badChecksums, malformed, cutShort, badSteps };
}

function parsedConfig(text: string): ConfigTree | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as ConfigTree) : null;
  } catch {
    return null;
  }
}
