import { assertNever } from '../../lib/assertNever';
import { parseRunFilter, type FilterError, type FilterKey, type FilterNode, type FilterOp, type FilterValue } from '../runTable/runFilterParser';
import type { TableCell, TableColumn, TableData } from './tableTypes';
import { cellText } from './tableCellText';
import { columnCodes } from './columnCodes';
import { numericOrder } from './numericOrder';

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
  // Each node becomes a test once, its columns looked up here rather than for every row.
  const compile = (node: FilterNode): ((row: number) => boolean) => {
    switch (node.kind) {
      case 'all':
        return () => true;
      case 'and': {
        const tests = node.nodes.map(compile);
        return (row) => tests.every((t) => t(row));
      }
      case 'or': {
        const tests = node.nodes.map(compile);
        return (row) => tests.some((t) => t(row));
      }
      case 'not': {
        const inner = compile(node.node);
        return (row) => !inner(row);
      }
      case 'search':
        return (row) => texts.some((c) => typeof c.values[row] === 'string' && node.pattern.test(c.values[row] as string));
      case 'compare': {
        const column = byName.get(keyName(node.key).toLowerCase())!;
        const named = byName.get(node.value.text.toLowerCase());
        const other = named && named !== column ? named : null;
        return (row) => compareCell(column.values[row]!, node.op, node.value, other ? { value: other.values[row]! } : null);
      }
      default:
        return assertNever(node);
    }
  };
  return { ok: true, test: compile(parsed.filter) };
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
  // As text only where the clause compares text: a million rows' numbers are not turned into strings to compare them.
  const text = () => cellText(actual);
  switch (op) {
    case '<':
    case '<=':
    case '>':
    case '>=':
      return typeof actual === 'number' && value.number !== null && ordered(actual, op, value.number);
    case '=':
      return typeof actual === 'number' ? value.number !== null && actual === value.number : text() === value.text;
    case '!=':
      return typeof actual === 'number' ? value.number === null || actual !== value.number : text() !== value.text;
    case '~':
    case 'has': {
      const t = text();
      return t !== null && value.pattern.test(t);
    }
    case '!~': {
      const t = text();
      return t === null || !value.pattern.test(t);
    }
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

/** The rows passing `test`, in order. */
export function filterRows(rows: number, test: (row: number) => boolean): RowOrder {
  const out = new Uint32Array(rows);
  let n = 0;
  for (let r = 0; r < rows; r++) if (test(r)) out[n++] = r;
  return out.slice(0, n);
}

/**
 * Rows sorted by a column (stable): numbers by value, text by code points, booleans false first, images by caption,
 * score arrays by their largest score, HTML by its source; missing values last either way. All but images and HTML sort
 * as numbers in a typed array (text by the rank of its distinct values), which a million rows need.
 */
export function sortRows(order: RowOrder, column: TableColumn, direction: 'asc' | 'desc'): RowOrder {
  if (column.type === 'image' || column.type === 'html') return sortByText(order, column, direction);
  if (column.type === 'string') {
    const { codes, labels } = columnCodes(column);
    const byText = labels.map((_, code) => code).sort((a, b) => (labels[a]! < labels[b]! ? -1 : labels[a]! > labels[b]! ? 1 : 0));
    const rank = new Float64Array(labels.length);
    byText.forEach((code, at) => (rank[code] = at));
    return numericOrder(order, (row) => (codes[row]! < 0 ? NaN : rank[codes[row]!]!), direction);
  }
  return numericOrder(order, (row) => numberKey(column.values[row]!), direction);
}

/** A cell as the number it sorts by; NaN for a missing value (NaN itself counts as missing). */
function numberKey(cell: TableCell): number {
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'boolean') return cell ? 1 : 0;
  if (Array.isArray(cell)) return cell.length === 0 ? NaN : Math.max(...(cell as number[]));
  return NaN;
}

/** Images by caption, HTML by its source: few enough rows in practice for a comparator sort. */
function sortByText(order: RowOrder, column: TableColumn, direction: 'asc' | 'desc'): RowOrder {
  const key = Array.from(column.values, (cell) => (cell === null ? null : cellText(cell)));
  const sign = direction === 'asc' ? 1 : -1;
  return Uint32Array.from(
    Array.from(order).sort((a, b) => {
      const x = key[a];
      const y = key[b];
      if (x === null || x === undefined) return y === null || y === undefined ? a - b : 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -sign : x > y ? sign : 0) || a - b;
    }),
  );
}
