import { columnLabel } from './columnNames';
import { cellValue, type CellValue, type RunColumn } from './runColumns';
import type { RunRecord } from '../runs/runTypes';

/**
 * A number as text that parses back to the same double: JavaScript's shortest round-trip form, plus the sign of
 * negative zero (which String drops) and NaN/±Infinity spelled as the store keeps them.
 */
function exactNumber(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

/** A column's heading in copied text: the table's label, with the unit where copied values differ from the shown ones. */
function exactHeader(column: RunColumn): string {
  return column.kind === 'field' && column.key === 'runtime' ? 'Runtime (s)' : columnLabel(column);
}

/**
 * A run's value in a column without the rounding the table shows: numbers losslessly, the creation time as ISO 8601
 * in UTC, the runtime in seconds (what a spreadsheet or pandas reads back as the same value); missing is empty.
 */
export function exactCellText(run: RunRecord, column: RunColumn): string {
  if (column.kind === 'field' && column.key === 'createdAt') return new Date(run.createdAt).toISOString();
  const value: CellValue = cellValue(run, column);
  if (column.kind === 'field' && column.key === 'runtime') return exactNumber((value as number) / 1000);
  if (value === undefined) return '';
  if (value === null) return 'null';
  return typeof value === 'number' ? exactNumber(value) : String(value);
}

/**
 * A field for tab-separated text: quoted, with quotes doubled, when it holds a tab, a line break or a quote — the
 * convention Excel, Google Sheets and pandas (`read_csv(sep='\t')`) read back — otherwise as it is.
 */
function tsvField(text: string): string {
  return /[\t\n\r"]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Runs as tab-separated text: a header row of column labels, then one line per run, in the given order. */
export function runsToTsv(runs: readonly RunRecord[], columns: readonly RunColumn[]): string {
  const header = columns.map((c) => tsvField(exactHeader(c))).join('\t');
  const lines = runs.map((run) => columns.map((c) => tsvField(exactCellText(run, c))).join('\t'));
  return [header, ...lines].join('\n');
}
