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
 * A field for delimited text: quoted, with quotes doubled, when it holds the separator, a line break or a quote — the
 * convention Excel, Google Sheets and pandas (`read_csv`, with `sep='\t'` for TSV) read back — otherwise as it is.
 */
function delimitedField(text: string, separator: string): string {
  return text.includes(separator) || /[\n\r"]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Runs as delimited text: a header row of column labels, then one line per run, in the given order. */
function runsToDelimited(runs: readonly RunRecord[], columns: readonly RunColumn[], separator: string): string {
  const header = columns.map((c) => delimitedField(exactHeader(c), separator)).join(separator);
  const lines = runs.map((run) => columns.map((c) => delimitedField(exactCellText(run, c), separator)).join(separator));
  return [header, ...lines].join('\n');
}

/** Runs as tab-separated text, for the clipboard and a spreadsheet. */
export function runsToTsv(runs: readonly RunRecord[], columns: readonly RunColumn[]): string {
  return runsToDelimited(runs, columns, '\t');
}

/** Runs as CSV (the runs table export), as pandas' read_csv reads it. */
export function runsToCsv(runs: readonly RunRecord[], columns: readonly RunColumn[]): string {
  return `${runsToDelimited(runs, columns, ',')}\n`;
}
