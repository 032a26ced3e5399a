import { flatConfigOf } from '../runs/configFlatten';
import { runtimeMs, type ConfigScalar, type RunRecord } from '../runs/runTypes';

/** A column of the runs table: a fixed field, a flattened config key or a summary metric. */
export type RunColumn =
  | { kind: 'field'; key: 'name' | 'state' | 'group' | 'createdAt' | 'runtime' }
  | { kind: 'config'; key: string }
  | { kind: 'summary'; key: string };

/** A sortable cell value. */
export type CellValue = ConfigScalar | undefined;

/** The value of a run in a column. */
export function cellValue(run: RunRecord, column: RunColumn): CellValue {
  if (column.kind === 'config') return flatConfigOf(run)[column.key];
  if (column.kind === 'summary') return run.summary[column.key];
  if (column.key === 'runtime') return runtimeMs(run);
  return run[column.key];
}

/** Config and summary columns present in any of the runs, sorted by key; metrics starting with `_` are internal. */
export function discoverColumns(runs: readonly RunRecord[]): RunColumn[] {
  const config = new Set<string>();
  const summary = new Set<string>();
  for (const run of runs) {
    for (const key of Object.keys(flatConfigOf(run))) config.add(key);
    for (const key of Object.keys(run.summary)) if (!key.startsWith('_')) summary.add(key);
  }
  return [
    ...[...config].sort().map((key): RunColumn => ({ kind: 'config', key })),
    ...[...summary].sort().map((key): RunColumn => ({ kind: 'summary', key })),
  ];
}

/**
 * Orders two cell values ascending: numbers numerically (NaN after numbers), then booleans, then text; missing values
 * always sort last whatever the direction, as spreadsheets do.
 */
export function compareCells(a: CellValue, b: CellValue): number {
  const rank = (v: CellValue) => (typeof v === 'number' ? (Number.isNaN(v) ? 1 : 0) : typeof v === 'boolean' ? 2 : typeof v === 'string' ? 3 : 4);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) ? 0 : a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, undefined, { numeric: true });
  return 0;
}

/** Orders two cell values in a direction; missing values and NaN stay at the end in both directions (NaN first). */
export function compareCellsDirected(a: CellValue, b: CellValue, direction: 'asc' | 'desc'): number {
  const last = (v: CellValue) => (v === undefined || v === null ? 2 : typeof v === 'number' && Number.isNaN(v) ? 1 : 0);
  if (last(a) || last(b)) return last(a) - last(b);
  const order = compareCells(a, b);
  return direction === 'asc' ? order : -order;
}
