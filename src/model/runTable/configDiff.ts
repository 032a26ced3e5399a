import { metricGoal, type MetricGoal } from '../runs/metricGoal';
import { cellValue, discoverColumns, type CellValue, type RunColumn } from './runColumns';
import type { RunRecord } from '../runs/runTypes';

/** One row of the run comparer: a config key or summary metric, with each run's value. */
export interface DiffRow {
  column: RunColumn;
  /** One per run, in the order the runs were given; undefined where a run lacks the key. */
  values: CellValue[];
  /** Whether the runs disagree on it (a run lacking it disagrees with one that has it). */
  differs: boolean;
  /** For a summary metric, the runs holding its best finite value (ties all count); empty for config rows. */
  bestRunIds: string[];
}

/** What the comparer shows. */
export interface ConfigDiffOptions {
  /** Keep only the rows where the runs disagree. */
  diffOnly?: boolean;
  /** min or max per metric; metrics not named get the goal their name suggests (min for losses and errors). */
  goals?: Readonly<Record<string, MetricGoal>>;
}

/**
 * Rows of config keys, then summary metrics (each sorted by key; `_` metrics left out) × runs, for the run comparer.
 */
export function configDiff(runs: readonly RunRecord[], options: ConfigDiffOptions = {}): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const column of discoverColumns(runs)) {
    const values = runs.map((run) => cellValue(run, column));
    const differs = values.some((v) => !sameCellValue(v, values[0]));
    if (options.diffOnly && !differs) continue;
    const bestRunIds = column.kind === 'summary' ? bestRuns(runs, { metric: column.key, goal: metricGoal(column.key, options.goals) }) : [];
    rows.push({ column, values, differs, bestRunIds });
  }
  return rows;
}

/** Which metric bestRuns compares, and which end wins. */
interface BestRunsOptions {
  metric: string;
  goal: MetricGoal;
}

/** The ids of the runs with the best finite value of a summary metric; several when they tie, none when no run has one. */
function bestRuns(runs: readonly RunRecord[], options: BestRunsOptions): string[] {
  const { metric, goal } = options;
  let best = goal === 'min' ? Infinity : -Infinity;
  let ids: string[] = [];
  for (const run of runs) {
    const value = Object.hasOwn(run.summary, metric) ? run.summary[metric]! : NaN;
    if (!Number.isFinite(value)) continue;
    if (value === best) ids.push(run.id);
    else if (goal === 'min' ? value < best : value > best) {
      best = value;
      ids = [run.id];
    }
  }
  return ids;
}

/**
 * Whether two cell values are the same for a diff: NaN equals NaN, and arrays (kept as JSON text by flattenConfig)
 * are compared by value, so object keys inside them may come in any order. Values of different types differ.
 */
function sameCellValue(a: CellValue, b: CellValue): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a === 'string' && typeof b === 'string' && isJsonText(a) && isJsonText(b)) {
    try {
      return sameJson(JSON.parse(a), JSON.parse(b));
    } catch {
      return false;
    }
  }
  return false;
}

function isJsonText(text: string): boolean {
  return text.startsWith('[') || text.startsWith('{');
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  const recordB = b as Record<string, unknown>;
  return keysA.every((key) => Object.hasOwn(recordB, key) && sameJson((a as Record<string, unknown>)[key], recordB[key]));
}
