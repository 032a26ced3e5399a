import { axisPosition, buildAxis } from '../model/brush';
import { cellValue, type RunColumn } from '../model/runColumns';
import { paletteColor } from '../model/runColors';
import type { RunRecord } from '../model/runTypes';
import { formatTick } from './parallelTicks';
import { viridis } from './colorScale';

/** The colour of runs without a value in the colouring column: a grey that no palette or scale colour is. */
export const NO_VALUE_COLOR = '#b8bec9';

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
 * more decades), anything else as categories from the run palette; runs without a value are grey.
 */
export function columnColoring(runs: readonly RunRecord[], column: RunColumn): ColumnColoring {
  const axis = buildAxis(runs, { column });
  const colors = new Map<string, string>();
  for (const run of runs) {
    const value = cellValue(run, column);
    const position = axisPosition(axis, value);
    if (position === null) continue;
    colors.set(run.id, axis.kind === 'numeric' ? viridis(position) : paletteColor(axis.categories.indexOf(String(value))));
  }
  const colorOf = (run: RunRecord) => colors.get(run.id) ?? NO_VALUE_COLOR;
  if (axis.kind === 'numeric') {
    const [lo, hi] = axis.domain;
    return { colorOf, legend: { kind: 'numeric', low: formatTick(lo), high: formatTick(hi), lowColor: viridis(0), highColor: viridis(1), log: axis.scale === 'log', missing: axis.hasMissing } };
  }
  const entries = axis.categories.slice(0, LEGEND_CATEGORIES).map((label, i) => ({ label, color: paletteColor(i) }));
  return { colorOf, legend: { kind: 'categorical', entries, more: axis.categories.length - entries.length, missing: axis.hasMissing } };
}
