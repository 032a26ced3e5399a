import { buildAxis } from '../model/workspace/brush';
import { cellValue, type RunColumn } from '../model/runTable/runColumns';
import { paletteColor } from '../model/runs/runColors';
import type { RunRecord } from '../model/runs/runTypes';
import { formatTick } from './parallelTicks';
import { viridis } from './colorScale';
import { lineColor, MISSING_COLOR } from './parallelGeometry';

/** Categories a legend lists before it says "and k more". */
const LEGEND_CATEGORIES = 12;

/** What a colouring means, for the legend under a chart. */
export type ColorLegend =
  | { kind: 'numeric'; low: string; high: string; lowColor: string; highColor: string; log: boolean; missing: boolean }
  | { kind: 'categorical'; entries: { label: string; color: string }[]; more: number; missing: boolean };

/** Runs coloured by the values of one column, and the legend that explains it. */
export interface ColumnColoring {
  colorOf: (run: RunRecord) => string;
  legend: ColorLegend;
}

/**
 * Colours runs by a column as W&B's scatter plot does: numbers on the viridis scale (log when the values span three or
 * more decades), anything else as categories from the run palette; runs without a value are grey (as parallel
 * coordinates colour their lines).
 */
export function columnColoring(runs: readonly RunRecord[], column: RunColumn): ColumnColoring {
  const axis = buildAxis(runs, { column });
  const colors = new Map(runs.map((run) => [run.id, lineColor(axis, cellValue(run, column))]));
  const colorOf = (run: RunRecord) => colors.get(run.id) ?? MISSING_COLOR;
  if (axis.kind === 'numeric') {
    const [lo, hi] = axis.domain;
    return { colorOf, legend: { kind: 'numeric', low: formatTick(lo), high: formatTick(hi), lowColor: viridis(0), highColor: viridis(1), log: axis.scale === 'log', missing: axis.hasMissing } };
  }
  const entries = axis.categories.slice(0, LEGEND_CATEGORIES).map((label, i) => ({ label, color: paletteColor(i) }));
  return { colorOf, legend: { kind: 'categorical', entries, more: axis.categories.length - entries.length, missing: axis.hasMissing } };
}
