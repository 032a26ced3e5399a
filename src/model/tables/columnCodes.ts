import { cellText } from './tableCellText';
import type { TableCell, TableColumn } from './tableTypes';

/**
 * A column as small integers: each row's code indexes `labels`, its value as a group label, and -1 is a missing cell.
 * Grouping and top values count codes in typed arrays instead of hashing a million strings per group.
 */
export interface ColumnCodes {
  codes: Int32Array;
  labels: string[];
}

const known = new WeakMap<TableColumn, ColumnCodes>();

/** Records codes a column came with (an Arrow dictionary), so they are not worked out again. */
export function rememberCodes(column: TableColumn, codes: ColumnCodes): void {
  known.set(column, codes);
}

/** A cell's group label: its text; class scores by their top class; an image by its caption. */
export function groupLabel(cell: Exclude<TableCell, null>): string {
  return Array.isArray(cell) ? `class ${cell.indexOf(Math.max(...cell))}` : (cellText(cell) ?? '(image)');
}

/** The codes of a column: remembered, or worked out once from its values and kept while the column lives. */
export function columnCodes(column: TableColumn): ColumnCodes {
  let found = known.get(column);
  if (!found) {
    const index = new Map<string, number>();
    const labels: string[] = [];
    const codes = new Int32Array(column.values.length);
    column.values.forEach((cell, row) => {
      if (cell === null) {
        codes[row] = -1;
        return;
      }
      const label = groupLabel(cell);
      let code = index.get(label);
      if (code === undefined) {
        index.set(label, (code = labels.length));
        labels.push(label);
      }
      codes[row] = code;
    });
    found = { codes, labels };
    known.set(column, found);
  }
  return found;
}
