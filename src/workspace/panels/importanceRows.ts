import type { ParamImportanceRow } from '../../model/workspace/paramImportance';
import type { RunRecord } from '../../model/runs/runTypes';

/** The column the importance table is sorted by, and which way. */
export interface ImportanceSort {
  by: 'importance' | 'correlation';
  descending: boolean;
}

/** The sort after clicking a column's header: the other direction when it already sorts, else that column descending. */
export function toggledImportanceSort(sort: ImportanceSort, by: ImportanceSort['by']): ImportanceSort {
  return sort.by === by ? { by, descending: !sort.descending } : { by, descending: true };
}

/** Rows in the chosen order; a NaN correlation (a constant side) goes last both ways, ties keep their order. */
export function sortImportanceRows(rows: readonly ParamImportanceRow[], sort: ImportanceSort): ParamImportanceRow[] {
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[sort.by];
    const y = b[sort.by];
    if (Number.isNaN(x) || Number.isNaN(y)) return Number(Number.isNaN(x)) - Number(Number.isNaN(y));
    return sign * (x - y);
  });
}

/**
 * What an importance result depends on, as one string: the metric, and each run's id, value of it and config. Runs
 * re-read from the store are new objects every time, so comparing this instead keeps a forest from being regrown when
 * another metric or a heartbeat changed.
 */
export function importanceInputKey(runs: readonly RunRecord[], metric: string): string {
  return `${metric}\n${runs.map((run) => `${run.id}=${run.summary[metric]}:${JSON.stringify(run.config)}`).join('\n')}`;
}
