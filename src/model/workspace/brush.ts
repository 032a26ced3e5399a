import { isMissing } from '../runTable/cellText';
import { columnKey, columnLabel } from '../runTable/columnNames';
import { cellValue, compareCells, type CellValue, type RunColumn } from '../runTable/runColumns';
import type { RunRecord } from '../runs/runTypes';

/** How a numeric axis maps values to heights. */
export type AxisScale = 'linear' | 'log';

/**
 * One axis of a parallel-coordinates chart. Values that cannot be placed (absent, null, NaN, ±Infinity, or ≤ 0 on a
 * log axis) go to a separate "missing" slot that `hasMissing` says to draw.
 */
export type ParallelAxis =
  | { kind: 'numeric'; column: RunColumn; scale: AxisScale; domain: [number, number]; hasMissing: boolean }
  | { kind: 'categorical'; column: RunColumn; categories: string[]; hasMissing: boolean };

/** What buildAxis needs: the column, and a scale or 'auto' (log when the values are positive and span 2+ decades). */
export interface AxisOptions {
  column: RunColumn;
  scale?: AxisScale | 'auto';
}

/**
 * A selection on one axis: a value range (inclusive at both ends) on a numeric axis, or a set of categories on a
 * categorical one; `includeMissing` also selects the runs on the missing slot.
 */
export type Brush =
  | { kind: 'range'; column: RunColumn; lo: number; hi: number; includeMissing?: boolean }
  | { kind: 'categories'; column: RunColumn; values: readonly string[]; includeMissing?: boolean };

/**
 * Spans of at least this ratio between the smallest and largest value get a log axis under 'auto'. Two decades, not
 * three: a learning rate drawn log-uniformly from 1e-4..1e-1 rarely has its samples span the full 1000×, and on a
 * linear axis most of its runs crowd into the bottom tenth.
 */
const AUTO_LOG_RATIO = 100;

/**
 * An axis fitted to the runs' values in a column: numeric when every present value is a number (domain from the
 * finite ones), categorical otherwise (strings, booleans, mixed), with categories in sort order.
 */
export function buildAxis(runs: readonly RunRecord[], options: AxisOptions): ParallelAxis {
  const { column } = options;
  const values = runs.map((run) => cellValue(run, column));
  const present = values.filter((v) => !isMissing(v));
  if (present.every((v) => typeof v === 'number')) {
    const finite = (present as number[]).filter(Number.isFinite);
    const positive = finite.filter((v) => v > 0);
    const scale = options.scale === 'linear' || options.scale === 'log' ? options.scale : autoScale(finite);
    const placed = scale === 'log' ? positive : finite;
    const domain: [number, number] = placed.length ? [Math.min(...placed), Math.max(...placed)] : [0, 1];
    return { kind: 'numeric', column, scale, domain, hasMissing: placed.length < values.length };
  }
  // Distinct values first: sorting every run's value with localeCompare took ~40 ms for 1,000 runs.
  const sorted = [...new Set(present)].sort(compareCells);
  const categories = [...new Set(sorted.map(String))];
  return { kind: 'categorical', column, categories, hasMissing: present.length < values.length };
}

function autoScale(finite: readonly number[]): AxisScale {
  if (finite.length === 0 || finite.some((v) => v <= 0)) return 'linear';
  return Math.max(...finite) / Math.min(...finite) >= AUTO_LOG_RATIO ? 'log' : 'linear';
}

/** Where a value sits on an axis, 0 (bottom) to 1 (top); null for the missing slot. A one-value domain is 0.5. */
export function axisPosition(axis: ParallelAxis, value: CellValue): number | null {
  if (isMissing(value)) return null;
  if (axis.kind === 'categorical') {
    const i = axis.categories.indexOf(String(value));
    if (i < 0) return null;
    return axis.categories.length === 1 ? 0.5 : i / (axis.categories.length - 1);
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || (axis.scale === 'log' && value <= 0)) return null;
  const [lo, hi] = axis.scale === 'log' ? axis.domain.map(Math.log) : axis.domain;
  if (hi === lo) return 0.5;
  return ((axis.scale === 'log' ? Math.log(value) : value) - lo!) / (hi! - lo!);
}

/** The value at a height (0..1) of a numeric axis: the inverse of axisPosition. */
function axisValueAt(axis: Extract<ParallelAxis, { kind: 'numeric' }>, position: number): number {
  const [lo, hi] = axis.domain;
  if (axis.scale === 'log') return Math.exp(Math.log(lo) + position * (Math.log(hi) - Math.log(lo)));
  return lo + position * (hi - lo);
}

/** The brush a drag between two heights (0..1, either order) makes on an axis; null when it covers no category. */
export function brushFromDrag(axis: ParallelAxis, span: readonly [number, number]): Brush | null {
  const from = clamp01(Math.min(...span));
  const to = clamp01(Math.max(...span));
  if (axis.kind === 'numeric') return { kind: 'range', column: axis.column, lo: axisValueAt(axis, from), hi: axisValueAt(axis, to) };
  const values = axis.categories.filter((category) => {
    const p = axisPosition(axis, category)!;
    return p >= from && p <= to;
  });
  return values.length ? { kind: 'categories', column: axis.column, values } : null;
}

/** Whether a value is inside a brush. */
export function insideBrush(brush: Brush, value: CellValue): boolean {
  const missing = isMissing(value) || (typeof value === 'number' && !Number.isFinite(value));
  if (missing) return brush.includeMissing === true;
  if (brush.kind === 'range') return typeof value === 'number' && value >= brush.lo && value <= brush.hi;
  return brush.values.includes(String(value));
}

/** The ids of the runs inside every brush (AND across axes); with no brushes, every run. */
export function runsInsideBrushes(runs: readonly RunRecord[], brushes: readonly Brush[]): Set<string> {
  const inside = new Set<string>();
  for (const run of runs) if (brushes.every((brush) => insideBrush(brush, cellValue(run, brush.column)))) inside.add(run.id);
  return inside;
}

/** Brushes with this one set on its axis, replacing any brush the axis had. */
export function withBrush(brushes: readonly Brush[], brush: Brush): Brush[] {
  return [...withoutBrush(brushes, brush.column), brush];
}

/** Brushes without the one on an axis. */
export function withoutBrush(brushes: readonly Brush[], column: RunColumn): Brush[] {
  return brushes.filter((b) => columnKey(b.column) !== columnKey(column));
}

/** A brush as a filter chip: `0.001 ≤ lr ≤ 0.01`, `optimizer = adam`, `optimizer ∈ {adam, sgd}`. */
export function brushLabel(brush: Brush): string {
  const missing = brush.includeMissing ? ' or missing' : '';
  const key = columnLabel(brush.column);
  if (brush.kind === 'range') return `${shortNumber(brush.lo)} ≤ ${key} ≤ ${shortNumber(brush.hi)}${missing}`;
  if (brush.values.length === 1) return `${key} = ${brush.values[0]}${missing}`;
  return `${key} ∈ {${brush.values.join(', ')}}${missing}`;
}

/** Axes after dragging the one at `from` to index `to` (a new array; out-of-range indices change nothing). */
export function moveAxis<T>(axes: readonly T[], move: { from: number; to: number }): T[] {
  const { from, to } = move;
  const out = [...axes];
  if (from < 0 || from >= out.length || to < 0 || to >= out.length) return out;
  const [axis] = out.splice(from, 1);
  out.splice(to, 0, axis!);
  return out;
}

/** Three significant digits, without trailing zeros: 0.00123, 1e-7, 123000. */
function shortNumber(value: number): string {
  return String(Number(value.toPrecision(3)));
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
