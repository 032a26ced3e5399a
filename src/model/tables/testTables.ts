import type { TableCell, TableColumn } from './tableTypes';

/** For tests: a table's columns with every column's cells as a plain array (number columns may be typed arrays). */
export function plainColumns(columns: readonly TableColumn[]): (Omit<TableColumn, 'values'> & { values: TableCell[] })[] {
  return columns.map((column) => ({ ...column, values: Array.from(column.values) }));
}
