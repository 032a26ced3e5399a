import type { TableColumn } from '../../model/tables/tableTypes';

/** The narrowest a column may be dragged or keyed to. */
export const MIN_COLUMN_WIDTH = 48;

/**
 * A column's width before the user sets one: enough for its cells, or, grouped, for its aggregate (a number's
 * histogram and mean, one small histogram per class, a strip of four images). Widths are fixed rather than measured
 * (table-layout: fixed): an auto-laid-out table re-measures every row each time a scrolled row comes in.
 */
export function defaultColumnWidth(column: TableColumn, grouped: boolean): number {
  switch (column.type) {
    case 'number':
      return grouped ? 190 : 110;
    case 'string':
      return grouped ? 200 : 150;
    case 'boolean':
      return grouped ? 170 : 90;
    case 'scores':
      return Math.max(100, grouped ? (column.width ?? 0) * 29 + 28 : (column.width ?? 0) * 6 + 28);
    case 'image':
      return grouped ? 150 : 76;
    case 'histogram':
      return 110;
    case 'html':
      return 250;
    case 'empty':
      return 80;
  }
}

/** The name a column's header needs at least, so a narrow type still shows its name. */
export function headerWidth(column: TableColumn): number {
  return Math.min(320, column.name.length * 7.5 + 44);
}
