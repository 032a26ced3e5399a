import { concatTables, tableFromArrow } from './tableArrow';
import { cellText } from './tableCellText';
import type { TableCell, TableColumn, TableData, TableLogMode } from './tableTypes';

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

/**
 * The same key's tables from several runs joined on a key column (W&B's joined view): a row per key value, in order of
 * first appearance, with each other column once per run (`score · run-a`), and for number columns of the first two
 * runs their difference (`score Δ run-b − run-a`), which grouping shows as a histogram. The first row of a run with a
 * key value counts; a run missing a key value leaves its cells empty.
 */
export function joinRunTables(parts: readonly { runName: string; table: TableData }[], key: string): TableData {
  const order: TableCell[] = [];
  const index = new Map<string, number>();
  const rowOf = parts.map(({ table }) => {
    const keys = table.columns.find((c) => c.name === key);
    const rows = new Map<number, number>();
    if (!keys) return rows;
    keys.values.forEach((value, row) => {
      const text = cellText(value);
      if (text === null) return;
      let at = index.get(text);
      if (at === undefined) {
        index.set(text, (at = order.length));
        order.push(value);
      }
      if (!rows.has(at)) rows.set(at, row);
    });
    return rows;
  });
  const keyType = parts.flatMap((p) => p.table.columns).find((c) => c.name === key)?.type ?? 'string';
  const columns: TableColumn[] = [{ name: key, type: keyType, values: order }];
  const names = [...new Set(parts.flatMap((p) => p.table.columns.map((c) => c.name)))].filter((name) => name !== key);
  for (const name of names) {
    const perRun = parts.map(({ runName, table }, r) => {
      const column = table.columns.find((c) => c.name === name);
      const values = order.map((_, at) => {
        const row = rowOf[r]!.get(at);
        return column && row !== undefined ? column.values[row]! : null;
      });
      return { runName, column, values };
    });
    const type = perRun.find((p) => p.column)!.column!.type;
    for (const p of perRun) if (p.column?.type === type) columns.push({ name: `${name} · ${p.runName}`, type, values: p.values, ...(p.column.width !== undefined ? { width: p.column.width } : {}), ...(p.column.classes ? { classes: p.column.classes } : {}) });
    const [a, b] = perRun;
    if (type === 'number' && a?.column && b?.column?.type === 'number') {
      columns.push({ name: `${name} Δ ${b.runName} − ${a.runName}`, type: 'number', values: order.map((_, i) => (typeof a.values[i] === 'number' && typeof b.values[i] === 'number' ? (b.values[i] as number) - (a.values[i] as number) : null)) });
    }
  }
  return { rows: order.length, columns };
}
