import { concatTables, tableFromArrow } from './tableArrow';
import type { TableData, TableLogMode } from './tableTypes';

/** A stored log of a table key, as far as reading it back needs. */
export interface StoredTableLog {
  mode: TableLogMode;
  arrow: Uint8Array;
}

/**
 * The table a key's logs stand for: all increments together for an incremental table, else the version at index `at`
 * (the latest by default). Null when there is no log.
 */
export function tableOfLogs(logs: readonly StoredTableLog[], at = logs.length - 1): TableData | null {
  if (logs.length === 0) return null;
  if (logs[logs.length - 1]!.mode === 'incremental') return concatTables(logs.map((log) => tableFromArrow(log.arrow)));
  return tableFromArrow(logs[Math.max(0, Math.min(at, logs.length - 1))]!.arrow);
}

/**
 * The same key's tables from several runs as one, each row led by its run's name (in a column `run`, or `run (labbook)`
 * if the tables have their own `run`), as W&B's merged view of a table across runs.
 */
export function mergeRunTables(parts: readonly { runName: string; table: TableData }[]): TableData {
  const taken = parts.some((p) => p.table.columns.some((c) => c.name === 'run'));
  const name = taken ? 'run (labbook)' : 'run';
  return concatTables(
    parts.map(({ runName, table }) => ({ rows: table.rows, columns: [{ name, type: 'string', values: new Array(table.rows).fill(runName) }, ...table.columns] })),
  );
}
