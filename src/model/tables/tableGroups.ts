import { columnCodes } from './columnCodes';
import type { RowOrder } from './tableQuery';
import type { TableCell, TableColumn } from './tableTypes';

/** A group of rows sharing a value of the grouping column. */
export interface RowGroup {
  /** The shared value as text ("(missing)" for null). */
  label: string;
  rows: RowOrder;
}

/** Rows grouped by a column's value (score arrays by their top class), groups in order of first appearance in `order`. */
export function groupRows(order: RowOrder, column: TableColumn): RowGroup[] {
  const { codes, labels } = columnCodes(column);
  // Code c counts at sizes[c + 1]: slot 0 is the missing cells'.
  const sizes = new Uint32Array(labels.length + 1);
  const seen: number[] = [];
  for (let i = 0; i < order.length; i++) {
    const slot = codes[order[i]!]! + 1;
    if (sizes[slot] === 0) seen.push(slot);
    sizes[slot]!++;
  }
  // Indexed loops throughout: iterating a typed array with for…of stays slow until the JIT warms, and this runs once.
  // Each row goes to its slot's next place in one array; each group is then a view of its slot's part.
  const starts = new Uint32Array(labels.length + 1);
  let at = 0;
  for (const slot of seen) {
    starts[slot] = at;
    at += sizes[slot]!;
  }
  const grouped = new Uint32Array(order.length);
  const next = starts.slice();
  for (let i = 0; i < order.length; i++) grouped[next[codes[order[i]!]! + 1]!++] = order[i]!;
  return seen.map((slot) => ({ label: slot === 0 ? '(missing)' : labels[slot - 1]!, rows: grouped.subarray(starts[slot]!, starts[slot]! + sizes[slot]!) }));
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
  for (const v of values) addToBins(counts, v, range);
  return { ...range, counts };
}

function addToBins(counts: Uint32Array, v: number, range: { min: number; max: number }): void {
  if (!Number.isFinite(v) || v < range.min || v > range.max) return;
  const width = range.max - range.min;
  counts[width === 0 ? 0 : Math.min(counts.length - 1, Math.floor(((v - range.min) / width) * counts.length))]!++;
}

/** The finite range of a number or score column (null when it has no finite value). */
export function columnRange(column: TableColumn): { min: number; max: number } | null {
  const values = column.values;
  if (column.type !== 'scores') return finiteRange(values as ArrayLike<TableCell>);
  let range: { min: number; max: number } | null = null;
  for (let i = 0; i < values.length; i++) {
    const scores = values[i];
    const own = Array.isArray(scores) ? finiteRange(scores as readonly number[]) : null;
    if (own) range = range ? { min: Math.min(range.min, own.min), max: Math.max(range.max, own.max) } : own;
  }
  return range;
}

/** The least and greatest finite numbers among values (other cells ignored), or null when there is none. */
export function finiteRange(values: ArrayLike<unknown>): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // NaN and ±Infinity fail the test: they have no bin.
    if (typeof v === 'number' && v > -Infinity && v < Infinity) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? { min, max } : null;
}

/** A number column over some rows: how many have a value, the mean of the finite ones, and their histogram. */
export interface NumberSummary {
  count: number;
  mean: number;
  histogram: Histogram;
}

/** One pass over the rows: a group row's aggregate of a number column. */
export function numberSummary(column: TableColumn, rows: RowOrder, range: { min: number; max: number }, bins: number): NumberSummary {
  const counts = new Uint32Array(bins);
  let count = 0;
  let finite = 0;
  let sum = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = column.values[rows[i]!];
    if (typeof v !== 'number') continue;
    count++;
    if (!Number.isFinite(v)) continue;
    finite++;
    sum += v;
    addToBins(counts, v, range);
  }
  return { count, mean: finite ? sum / finite : NaN, histogram: { ...range, counts } };
}

/** One histogram per class of a score column over the rows, all on the column's range; and how many rows had scores. */
export function scoreHistograms(column: TableColumn, rows: RowOrder, range: { min: number; max: number }, bins: number): { count: number; histograms: Histogram[] } {
  const width = column.width ?? 0;
  const counts = Array.from({ length: width }, () => new Uint32Array(bins));
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const scores = column.values[rows[i]!];
    if (!Array.isArray(scores)) continue;
    count++;
    for (let k = 0; k < width; k++) addToBins(counts[k]!, scores[k] as number, range);
  }
  return { count, histograms: counts.map((c) => ({ ...range, counts: c })) };
}

/**
 * The most frequent values of a column among rows (as group labels: text as it is), most frequent first and, among
 * equals, first seen first. Counted by code in one shared array, then only the values seen are ranked.
 */
export function topValues(column: TableColumn, rows: RowOrder, limit: number): { text: string; count: number }[] {
  const { codes, labels } = columnCodes(column);
  if (scratch.length < labels.length) scratch = new Uint32Array(labels.length);
  const counts = scratch;
  const seen = new Int32Array(rows.length);
  let distinct = 0;
  for (let i = 0; i < rows.length; i++) {
    const code = codes[rows[i]!]!;
    if (code < 0) continue;
    if (counts[code] === 0) seen[distinct++] = code;
    counts[code]!++;
  }
  const best: number[] = [];
  for (let i = 0; i < distinct; i++) {
    const code = seen[i]!;
    let at = best.length;
    while (at > 0 && counts[best[at - 1]!]! < counts[code]!) at--;
    if (at < limit) {
      best.splice(at, 0, code);
      if (best.length > limit) best.pop();
    }
  }
  const top = best.map((code) => ({ text: labels[code]!, count: counts[code]! }));
  for (let i = 0; i < distinct; i++) counts[seen[i]!] = 0;
  return top;
}

/**
 * topValues' counts, all zero between calls: ten groups of a million-value column allocated and cleared 40 MB
 * (~100–200 ms) where clearing what was counted costs what counting did.
 */
let scratch = new Uint32Array(0);
