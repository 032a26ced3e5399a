import { axisPosition, brushFromDrag, insideBrush, type Brush, type ParallelAxis } from '../model/workspace/brush';
import { columnKey } from '../model/runTable/columnNames';
import type { CellValue } from '../model/runTable/runColumns';
import { paletteColor } from '../model/runs/runColors';
import { viridis } from './colorScale';

/** One run as a parallel-coordinates line: its value on each axis, in axis order. */
export interface ParallelRun {
  id: string;
  name: string;
  values: readonly CellValue[];
}

/** Where the axes of a chart sit, in CSS pixels. */
export interface ParallelLayout {
  axisX: number[];
  /** The y of height 1 (the top of every axis). */
  top: number;
  /** The y of height 0. */
  bottom: number;
  /** The y of the "missing" slot under the axes; null when no axis has missing values. */
  missingY: number | null;
}

/** What parallelLayout needs. */
export interface LayoutOptions {
  width: number;
  height: number;
  axisCount: number;
  hasMissing: boolean;
  margin: { left: number; right: number; top: number; bottom: number };
}

/** The gap between an axis's bottom and its missing slot. */
const MISSING_GAP = 22;

/** The colour of runs without a value in the colouring column (lines, points, legends): a grey no palette or scale colour is. */
export const MISSING_COLOR = '#9aa0ac';

/** Axes spread evenly across the width (one axis sits in the middle); the missing slot, when needed, below them. */
export function parallelLayout(options: LayoutOptions): ParallelLayout {
  const { width, height, axisCount, margin } = options;
  const span = Math.max(0, width - margin.left - margin.right);
  const axisX = Array.from({ length: axisCount }, (_, i) => margin.left + (axisCount === 1 ? span / 2 : (i * span) / (axisCount - 1)));
  const bottom = height - margin.bottom - (options.hasMissing ? MISSING_GAP : 0);
  return { axisX, top: margin.top, bottom, missingY: options.hasMissing ? bottom + MISSING_GAP : null };
}

/** The y of a height (0..1) on the axes, or of the missing slot for null (NaN without one). */
export function positionY(layout: ParallelLayout, position: number | null): number {
  if (position === null || Number.isNaN(position)) return layout.missingY ?? NaN;
  return layout.bottom - position * (layout.bottom - layout.top);
}

/** The height (0..1, not clamped) at a y, and whether the y is nearer the missing slot than the axis bottom. */
export function heightAt(layout: ParallelLayout, y: number): { position: number; inMissing: boolean } {
  const inMissing = layout.missingY !== null && y >= (layout.bottom + layout.missingY) / 2;
  return { position: (layout.bottom - y) / (layout.bottom - layout.top), inMissing };
}

/** Every run's height on every axis as one array (run-major; NaN for the missing slot), computed once per data change. */
export function runPositions(axes: readonly ParallelAxis[], runs: readonly ParallelRun[]): Float32Array {
  const m = axes.length;
  const out = new Float32Array(runs.length * m);
  runs.forEach((run, r) => {
    for (let a = 0; a < m; a++) out[r * m + a] = axisPosition(axes[a]!, run.values[a]) ?? NaN;
  });
  return out;
}

/** A run's colour by its value on the colour axis: viridis over a numeric axis's height, the palette per category. */
export function lineColor(axis: ParallelAxis, value: CellValue): string {
  const position = axisPosition(axis, value);
  if (position === null) return MISSING_COLOR;
  if (axis.kind === 'numeric') return viridis(position);
  return paletteColor(axis.categories.indexOf(String(value)));
}

/** Which runs are inside every brush set on one of these axes (1) or not (0); brushes on other columns are ignored. */
export function insideMask(axes: readonly ParallelAxis[], runs: readonly ParallelRun[], brushes: readonly Brush[]): Uint8Array {
  const onAxes = brushes.flatMap((brush) => {
    const index = axes.findIndex((axis) => columnKey(axis.column) === columnKey(brush.column));
    return index < 0 ? [] : [{ brush, index }];
  });
  return Uint8Array.from(runs, (run) => (onAxes.every(({ brush, index }) => insideBrush(brush, run.values[index])) ? 1 : 0));
}

/** A brush drawn on its axis: the span of heights it covers (0..1) and whether it takes in the missing slot. */
export interface BrushSpan {
  span: [number, number];
  includeMissing: boolean;
}

/**
 * Where a brush sits on an axis: its range's heights clamped to the axis, or the covered categories widened by half a
 * category step each way (so a drag over that span selects them again). Null when the brush does not fit the axis
 * (a range on a categorical axis, or no category of the brush on it).
 */
export function brushSpan(axis: ParallelAxis, brush: Brush): BrushSpan | null {
  const includeMissing = brush.includeMissing === true;
  if (axis.kind === 'numeric') {
    if (brush.kind !== 'range') return null;
    const [lo, hi] = [numericHeight(axis, brush.lo), numericHeight(axis, brush.hi)];
    return { span: [clamp01(lo), clamp01(hi)], includeMissing };
  }
  if (brush.kind !== 'categories') return null;
  const heights = brush.values.flatMap((v) => {
    const p = axis.categories.includes(v) ? axisPosition(axis, v) : null;
    return p === null ? [] : [p];
  });
  if (heights.length === 0) return null;
  const half = axis.categories.length > 1 ? 0.5 / (axis.categories.length - 1) : 0.5;
  return { span: [clamp01(Math.min(...heights) - half), clamp01(Math.max(...heights) + half)], includeMissing };
}

/** The brush a span of heights makes on an axis (see brushFromDrag), taking in the missing slot when asked. */
export function spanBrush(axis: ParallelAxis, span: BrushSpan): Brush | null {
  const brush = brushFromDrag(axis, span.span);
  return brush && span.includeMissing ? { ...brush, includeMissing: true } : brush;
}

/** A span moved by `delta` heights, kept whole inside 0..1. */
export function shiftSpan(span: readonly [number, number], delta: number): [number, number] {
  const [lo, hi] = span[0] <= span[1] ? span : [span[1], span[0]];
  const moved = Math.min(1 - hi, Math.max(-lo, delta));
  return [lo + moved, hi + moved];
}

/** Options of nearestLine. */
export interface NearestLineOptions {
  positions: Float32Array;
  axisCount: number;
  layout: ParallelLayout;
  /** The runs to consider (indices into the runs). */
  candidates: Iterable<number>;
  point: { x: number; y: number };
  /** How far from the pointer a line may be, in pixels. */
  tolerance: number;
}

/** The run whose line passes closest to a point (perpendicular distance to the segment under it), or null. */
export function nearestLine(options: NearestLineOptions): number | null {
  const { positions, axisCount: m, layout, point, tolerance } = options;
  const { axisX } = layout;
  if (m === 0) return null;
  let segment = 0;
  while (segment < m - 2 && point.x > axisX[segment + 1]!) segment++;
  const x0 = axisX[segment]!;
  const x1 = axisX[Math.min(m - 1, segment + 1)]!;
  const t = x1 === x0 ? 0 : Math.min(1, Math.max(0, (point.x - x0) / (x1 - x0)));
  let best: number | null = null;
  let bestDistance = tolerance;
  for (const r of options.candidates) {
    const y0 = positionY(layout, positions[r * m + segment]!);
    const y1 = positionY(layout, positions[r * m + Math.min(m - 1, segment + 1)]!);
    if (Number.isNaN(y0) || Number.isNaN(y1)) continue;
    const slope = x1 === x0 ? 0 : (y1 - y0) / (x1 - x0);
    const distance = Math.abs(point.y - (y0 + t * (y1 - y0))) / Math.sqrt(1 + slope * slope);
    if (distance <= bestDistance) {
      best = r;
      bestDistance = distance;
    }
  }
  return best;
}

/** The axis whose x is nearest to an x (where a dragged axis title is dropped). */
export function nearestAxis(layout: ParallelLayout, x: number): number {
  let best = 0;
  layout.axisX.forEach((ax, i) => {
    if (Math.abs(ax - x) < Math.abs(layout.axisX[best]! - x)) best = i;
  });
  return best;
}

/** A numeric value's height on an axis, unclamped; values a log axis cannot place sit at its bottom. */
function numericHeight(axis: Extract<ParallelAxis, { kind: 'numeric' }>, value: number): number {
  return axisPosition(axis, value) ?? (value > 0 ? 1 : 0);
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
