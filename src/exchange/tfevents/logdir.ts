import type { ConfigTree } from '../../model/runs/runTypes';
import { decodeEventFile, type ScalarPoint } from './events';

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
}

/** TensorBoard's event file names: only these are read (a log directory may hold checkpoints of gigabytes). */
export const EVENT_FILE = /(^|\/)events\.out\.tfevents\.[^/]*$/;

/**
 * The runs of a log directory as TensorBoard sees them: each folder holding event files is a run, named by its path
 * below the picked folder (the picked folder's own name when the files sit in it). A tag logged twice at a step keeps
 * the value written last, as TensorBoard shows after a restart. A text summary named `config` holding a JSON object
 * becomes the run's config. Files that are no event files are counted and left.
 */
export function readLogdir(files: readonly LogdirFile[]): { runs: LogdirRun[]; otherFiles: number } {
  const byFolder = new Map<string, LogdirFile[]>();
  let otherFiles = 0;
  for (const file of files) {
    if (!EVENT_FILE.test(file.path)) {
      otherFiles++;
      continue;
    }
    const folder = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
    const list = byFolder.get(folder);
    if (list) list.push(file);
    else byFolder.set(folder, [file]);
  }
  const runs = [...byFolder].map(([folder, folderFiles]) => readRun(runName(folder), folderFiles));
  return { runs: runs.sort((a, b) => a.name.localeCompare(b.name)), otherFiles };
}

function runName(folder: string): string {
  const parts = folder.split('/').filter(Boolean);
  return parts.length <= 1 ? (parts[0] ?? 'logdir') : parts.slice(1).join('/');
}

function readRun(name: string, files: readonly LogdirFile[]): LogdirRun {
  const byTag = new Map<string, ScalarPoint[]>();
  let config: ConfigTree = {};
  let [startedAt, endedAt, badChecksums, malformed, cutShort] = [Infinity, -Infinity, 0, 0, 0];
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const decoded = decodeEventFile(file.bytes);
    badChecksums += decoded.badChecksums;
    malformed += decoded.malformed;
    if (decoded.stoppedBy) cutShort++;
    for (const point of decoded.scalars) {
      const list = byTag.get(point.tag);
      if (list) list.push(point);
      else byTag.set(point.tag, [point]);
      startedAt = Math.min(startedAt, point.wallTime * 1000);
      endedAt = Math.max(endedAt, point.wallTime * 1000);
    }
    for (const text of decoded.texts) if (text.tag === 'config' || text.tag === 'config/text_summary') config = parsedConfig(text.text) ?? config;
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
  return { name, metrics, config, startedAt: Number.isFinite(startedAt) ? startedAt : 0, endedAt: Number.isFinite(endedAt) ? endedAt : 0, points, badChecksums, malformed, cutShort };
}

function parsedConfig(text: string): ConfigTree | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as ConfigTree) : null;
  } catch {
    return null;
  }
}
