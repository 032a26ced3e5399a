import { cellText, isMissing } from './cellText';
import { cellValue, compareCellsDirected, type CellValue, type RunColumn } from './runColumns';
import { paletteColor } from '../runs/runColors';
import type { RunRecord } from '../runs/runTypes';

/** Runs that share their values in the grouping columns, drawn as one line in one colour. */
export interface RunGroup {
  /** Identity from the values alone, so it is the same across reloads, run orders and label changes. */
  key: string;
  /** The values for a legend, joined with ` · `; a missing value reads —. */
  label: string;
  /** One value per grouping column; undefined where the runs lack it (null counts as missing too). */
  values: CellValue[];
  runs: RunRecord[];
  color: string;
}

/** The label of the single group that no grouping columns give. */
const ALL_RUNS_LABEL = 'all runs';

/**
 * Groups runs by the values of one or more columns (config keys, summary metrics or fields such as the run group).
 * Runs missing a value form their own group for it. Groups come sorted by their values column by column (numbers
 * numerically, missing last), runs keep their order inside a group, and colours follow the group order, so a handful
 * of groups always get clearly different colours.
 */
export function groupRuns(runs: readonly RunRecord[], columns: readonly RunColumn[]): RunGroup[] {
  const groups = new Map<string, RunGroup>();
  for (const run of runs) {
    const values = columns.map((column) => {
      const value = cellValue(run, column);
      return isMissing(value) ? undefined : value;
    });
    const key = groupKey(values);
    const group = groups.get(key);
    if (group) group.runs.push(run);
    else groups.set(key, { key, label: columns.length ? values.map(cellText).join(' · ') : ALL_RUNS_LABEL, values, runs: [run], color: '' });
  }
  const sorted = [...groups.values()].sort((a, b) => {
    for (let i = 0; i < columns.length; i++) {
      const order = compareCellsDirected(a.values[i], b.values[i], 'asc');
      if (order !== 0) return order;
    }
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
  return sorted.map((group, i) => ({ ...group, color: paletteColor(i) }));
}

/** A value's type is part of the key, so the number 1 and the text "1" (or NaN and a missing value) stay apart. */
function groupKey(values: readonly CellValue[]): string {
  return JSON.stringify(values.map((v) => (v === undefined ? '-' : `${typeof v === 'string' ? 's' : typeof v === 'number' ? 'n' : 'b'}:${String(v)}`)));
}
