import { isMissing } from '../runTable/cellText';
import { cellValue, type CellValue, type RunColumn } from '../runTable/runColumns';
import type { RunRecord } from '../runs/runTypes';

/** At most this many config axes in a new parallel-coordinates panel, as W&B's default keeps the chart readable. */
const DEFAULT_CONFIG_AXES = 6;

/** Text columns with more distinct values than this (names, paths, ids) make unreadable axes and are left out. */
const MAX_DEFAULT_CATEGORIES = 12;

/** Metrics a person most likely wants as the coloured last axis, in order of preference. */
const PREFERRED_METRIC = [/(^|[/_.])loss$/i, /(^|[/_.])acc(uracy)?$/i, /loss/i, /acc/i];

/**
 * The axes of a new parallel-coordinates panel: up to DEFAULT_CONFIG_AXES config keys whose values are numbers or a
 * few categories (keys that vary across the runs first), then one summary metric (loss or accuracy when there is one,
 * else the first numeric one) as the last axis, which colours the lines.
 */
export function defaultParallelAxes(runs: readonly RunRecord[], columns: readonly RunColumn[]): RunColumn[] {
  const valuesOf = (column: RunColumn) => runs.map((run) => cellValue(run, column)).filter((v) => !isMissing(v));
  const config = columns
    .filter((c) => c.kind === 'config')
    .map((column) => ({ column, values: valuesOf(column) }))
    .filter(({ values }) => values.length > 0 && (values.every((v) => typeof v === 'number') || distinct(values) <= MAX_DEFAULT_CATEGORIES));
  // Stable sort: varying keys keep their order, constant ones follow in theirs.
  const chosen = config.sort((a, b) => Number(distinct(b.values) > 1) - Number(distinct(a.values) > 1)).slice(0, DEFAULT_CONFIG_AXES);
  const metrics = columns.filter((c) => c.kind === 'summary' && valuesOf(c).some((v) => typeof v === 'number'));
  const metric = PREFERRED_METRIC.map((pattern) => metrics.find((c) => pattern.test(c.key))).find(Boolean) ?? metrics[0];
  return [...chosen.map((c) => c.column), ...(metric ? [metric] : [])];
}

function distinct(values: readonly CellValue[]): number {
  return new Set(values.map((v) => (typeof v === 'number' ? v : `${typeof v}:${String(v)}`))).size;
}
