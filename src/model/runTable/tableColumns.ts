import { columnKey } from './columnNames';
import type { RunColumn } from './runColumns';

/** The run fields the runs table offers before the config and summary columns. */
const TABLE_FIELDS: readonly RunColumn[] = [
  { kind: 'field', key: 'name' },
  { kind: 'field', key: 'state' },
  { kind: 'field', key: 'createdAt' },
  { kind: 'field', key: 'runtime' },
];

/** The name column stays first and shown: it is how a row is recognised and opened. */
export const PINNED_COLUMN = columnKey({ kind: 'field', key: 'name' });

/** Options of tableColumns. */
export interface TableColumnsOptions {
  /** Config and summary columns found in the runs (discoverColumns). */
  discovered: readonly RunColumn[];
  /** Saved column keys in the user's order; keys of columns that no longer exist are ignored. */
  order: readonly string[];
  /** Saved keys of hidden columns. */
  hidden: readonly string[];
}

/** Every column of the runs table in display order, and the ones shown. */
export interface TableColumns {
  all: RunColumn[];
  visible: RunColumn[];
}

/**
 * The runs table's columns: the pinned name column, then the saved order, then columns the order does not know yet
 * (a key a new run brought) in their usual place — fields, config, summary — so new columns appear without a setting.
 */
export function tableColumns(options: TableColumnsOptions): TableColumns {
  const byKey = new Map([...TABLE_FIELDS, ...options.discovered].map((c) => [columnKey(c), c]));
  const keys = [PINNED_COLUMN, ...options.order.filter((k) => byKey.has(k)), ...byKey.keys()];
  const all = [...new Set(keys)].map((k) => byKey.get(k)!);
  const hidden = new Set(options.hidden);
  hidden.delete(PINNED_COLUMN);
  return { all, visible: all.filter((c) => !hidden.has(columnKey(c))) };
}

/**
 * The column order after dropping the column `from` onto the column `to`: `from` takes `to`'s place, and the columns
 * between shift towards where `from` was (as dragging a header does in a spreadsheet). The pinned column neither
 * moves nor gives up its place; unknown keys change nothing.
 */
export function moveColumn(order: readonly string[], from: string, to: string): string[] {
  const source = order.indexOf(from);
  const target = order.indexOf(to);
  if (source < 0 || target < 0 || source === target || from === PINNED_COLUMN || to === PINNED_COLUMN) return [...order];
  const without = order.filter((k) => k !== from);
  return [...without.slice(0, target), from, ...without.slice(target)];
}

/** A run of adjacent columns of one kind, for the header row that says Config or Summary above them. */
export interface ColumnSpan {
  kind: RunColumn['kind'];
  span: number;
}

/** Adjacent columns of the same kind merged into spans, in order (reordering can interleave kinds). */
export function columnSpans(columns: readonly RunColumn[]): ColumnSpan[] {
  const spans: ColumnSpan[] = [];
  for (const column of columns) {
    const last = spans[spans.length - 1];
    if (last && last.kind === column.kind) last.span++;
    else spans.push({ kind: column.kind, span: 1 });
  }
  return spans;
}
