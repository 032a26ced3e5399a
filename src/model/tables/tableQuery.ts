import { assertNever } from '../../lib/assertNever';
import { parseRunFilter, type FilterError, type FilterKey, type FilterNode, type FilterOp, type FilterValue } from '../runTable/runFilterParser';
import type { TableCell, TableColumn, TableData } from './tableTypes';

/** Rows of a table by index, in display order. */
export type RowOrder = Uint32Array;

/** A table filter parsed against the table's columns, or what is wrong with it. */
export type TableFilter = { ok: true; test: (row: number) => boolean } | { ok: false; error: FilterError };

/**
 * Parses a filter in the workspace's filter language against a table: keys are column names (`truth != prediction`,
 * `score > 0.9`, `caption ~ /dress/`, `label in [dress, coat]`); a value that names another column compares with that
 * column's value in the same row; a bare word searches every text column. A key that is no column is an error.
 */
export function parseTableFilter(text: string, table: TableData): TableFilter {
  const parsed = parseRunFilter(text);
  if (!parsed.ok) return parsed;
  const byName = new Map(table.columns.map((c) => [c.name.toLowerCase(), c]));
  const missing = firstMissingKey(parsed.filter, byName);
  if (missing !== null) {
    const at = text.indexOf(missing);
    return { ok: false, error: { message: `no column "${missing}" (columns: ${table.columns.map((c) => c.name).join(', ')})`, position: Math.max(0, at), end: at < 0 ? text.length : at + missing.length } };
  }
  const texts = table.columns.filter((c) => c.type === 'string');
  const test = (node: FilterNode, row: number): boolean => {
    switch (node.kind) {
      case 'all':
        return true;
      case 'and':
        return node.nodes.every((n) => test(n, row));
      case 'or':
        return node.nodes.some((n) => test(n, row));
      case 'not':
        return !test(node.node, row);
      case 'search':
        return texts.some((c) => typeof c.values[row] === 'string' && node.pattern.test(c.values[row] as string));
      case 'compare': {
        const column = byName.get(keyName(node.key).toLowerCase())!;
        const other = byName.get(node.value.text.toLowerCase());
        const value = other && other !== column ? other.values[row]! : null;
        return compareCell(column.values[row]!, node.op, node.value, other && other !== column ? { value } : null);
      }
      default:
        return assertNever(node);
    }
  };
  return { ok: true, test: (row) => test(parsed.filter, row) };
}

function keyName(key: FilterKey): string {
  return key.kind === 'tags' ? 'tags' : key.key;
}

function firstMissingKey(node: FilterNode, columns: ReadonlyMap<string, TableColumn>): string | null {
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const n of node.nodes) {
        const missing = firstMissingKey(n, columns);
        if (missing !== null) return missing;
      }
      return null;
    case 'not':
      return firstMissingKey(node.node, columns);
    case 'compare':
      return columns.has(keyName(node.key).toLowerCase()) ? null : keyName(node.key);
    default:
      return null;
  }
}

/** One clause against one cell; against another column's cell when the value names one. Missing cells match only `!=`/`!~`. */
function compareCell(actual: TableCell, op: FilterOp, value: FilterValue, column: { value: TableCell } | null): boolean {
  if (column) {
    if (op === '=') return sameCell(actual, column.value);
    if (op === '!=') return !sameCell(actual, column.value);
    if (typeof actual !== 'number' || typeof column.value !== 'number') return false;
    return ordered(actual, op, column.value);
  }
  const text = cellText(actual);
  switch (op) {
    case '<':
    case '<=':
    case '>':
    case '>=':
      return typeof actual === 'number' && value.number !== null && ordered(actual, op, value.number);
    case '=':
      return typeof actual === 'number' ? value.number !== null && actual === value.number : text !== null && text === value.text;
    case '!=':
      return typeof actual === 'number' ? value.number === null || actual !== value.number : text === null || text !== value.text;
    case '~':
    case 'has':
      return text !== null && value.pattern.test(text);
    case '!~':
      return text === null || !value.pattern.test(text);
    default:
      return assertNever(op);
  }
}

function ordered(a: number, op: FilterOp, b: number): boolean {
  if (op === '<') return a < b;
  if (op === '<=') return a <= b;
  if (op === '>') return a > b;
  return op === '>=' && a >= b;
}

function sameCell(a: TableCell, b: TableCell): boolean {
  return a === b || (a !== null && b !== null && cellText(a) === cellText(b));
}

/** A cell as text for search and equality: strings, booleans and numbers as typed, an image by its caption, HTML as its source. */
export function cellText(cell: TableCell): string | null {
  if (cell === null) return null;
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (isScores(cell) || 'counts' in cell) return null;
  return 'html' in cell ? cell.html : cell.caption;
}

function isScores(cell: TableCell): cell is readonly number[] {
  return Array.isArray(cell);
}

/** The rows passing `test`, in order. */
export function filterRows(rows: number, test: (row: number) => boolean): RowOrder {
  const out = new Uint32Array(rows);
  let n = 0;
  for (let r = 0; r < rows; r++) if (test(r)) out[n++] = r;
  return out.slice(0, n);
}

/**
 * Rows sorted by a column (stable): numbers by value, text by code points, booleans false first, images by caption,
 * score arrays by their largest score; missing values last either way.
 */
export function sortRows(order: RowOrder, column: TableColumn, direction: 'asc' | 'desc'): RowOrder {
  const key = sortKeys(column);
  const sign = direction === 'asc' ? 1 : -1;
  const sorted = Array.from(order);
  sorted.sort((a, b) => {
    const x = key[a];
    const y = key[b];
    if (x === null || x === undefined) return y === null || y === undefined ? a - b : 1;
    if (y === null || y === undefined) return -1;
    return (x < y ? -sign : x > y ? sign : 0) || a - b;
  });
  return Uint32Array.from(sorted);
}

function sortKeys(column: TableColumn): (number | string | null)[] {
  return column.values.map((cell): number | string | null => {
    if (cell === null) return null;
    if (typeof cell === 'number') return Number.isNaN(cell) ? null : cell;
    if (typeof cell === 'boolean') return cell ? 1 : 0;
    if (typeof cell === 'string') return cell;
    if (Array.isArray(cell)) return cell.length === 0 ? null : Math.max(...cell);
    return cellText(cell);
  });
}

/** A group of rows sharing a value of the grouping column. */
export interface RowGroup {
  /** The shared value as text ("(missing)" for null). */
  label: string;
  rows: RowOrder;
}

/** Rows grouped by a column's value (score arrays by their top class), groups in order of first appearance in `order`. */
export function groupRows(order: RowOrder, column: TableColumn): RowGroup[] {
  const groups = new Map<string, number[]>();
  for (const row of order) {
    const cell = column.values[row]!;
    const label = cell === null ? '(missing)' : Array.isArray(cell) ? `class ${cell.indexOf(Math.max(...cell))}` : (cellText(cell) ?? '(image)');
    let members = groups.get(label);
    if (!members) groups.set(label, (members = []));
    members.push(row);
  }
  return [...groups].map(([label, rows]) => ({ label, rows: Uint32Array.from(rows) }));
}

/** Counts of values in equal bins over [min, max]; a value at max goes in the last bin. */
export interface Histogram {
  min: number;
  max: number;
  counts: Uint32Array;
}

/** Bins finite values over a fixed range (every group of a column shares one, so their histograms compare). */
export function histogram(values: Iterable<number>, range: { min: number; max: number }, bins: number): Histogram {
  const counts = new Uint32Array(bins);
  const width = range.max - range.min;
  for (const v of values) {
    if (!Number.isFinite(v) || v < range.min || v > range.max) continue;
    const bin = width === 0 ? 0 : Math.min(bins - 1, Math.floor(((v - range.min) / width) * bins));
    counts[bin]!++;
  }
  return { ...range, counts };
}

/** The finite range of a number or score column (null when it has no finite value). */
export function columnRange(column: TableColumn): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const cell of column.values) {
    if (typeof cell === 'number') {
      if (Number.isFinite(cell)) [min, max] = [Math.min(min, cell), Math.max(max, cell)];
    } else if (Array.isArray(cell)) {
      for (const v of cell) if (Number.isFinite(v)) [min, max] = [Math.min(min, v), Math.max(max, v)];
    }
  }
  return min <= max ? { min, max } : null;
}

/** The most frequent texts of a column among rows, most frequent first. */
export function topValues(column: TableColumn, rows: RowOrder, limit: number): { text: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const text = cellText(column.values[row]!);
    if (text !== null) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([text, count]) => ({ text, count }));
}
