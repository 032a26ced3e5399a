import { fnv1a64Hex } from '../lib/stringHash';
import { axisPosition, buildAxis, type ParallelAxis } from '../model/workspace/brush';
import { columnLabel } from '../model/runTable/columnNames';
import { isMissing } from '../model/runTable/cellText';
import { cellValue, type CellValue, type RunColumn } from '../model/runTable/runColumns';
import type { RunRecord } from '../model/runs/runTypes';
import { axisTicks, type AxisTick, type AxisTicksOptions } from './parallelTicks';

/** One run as a point; x and y are 0..1 across the plot area (0 = left / bottom). */
export interface ScatterPoint {
  run: RunRecord;
  x: number;
  y: number;
  color: string;
}

/** An axis fitted to the values, with the margin that keeps its points off the plot's edge. */
export interface PlacedAxis {
  axis: ParallelAxis;
  /** Added on both sides of the 0..1 axis positions: half a category's step on a categorical axis. */
  pad: number;
}

/** What a scatter plot draws. */
export interface ScatterLayout {
  points: ScatterPoint[];
  x: PlacedAxis;
  y: PlacedAxis;
  /** What the user should know about runs left out or values drawn unusually. */
  notes: string[];
}

/** What scatterLayout places. */
export interface ScatterLayoutOptions {
  runs: readonly RunRecord[];
  x: RunColumn;
  y: RunColumn;
  colorOf: (run: RunRecord) => string;
}

/** Space around numeric values, as a share of the axis. */
const NUMERIC_PAD = 0.04;
/** How far a point may stray from its category, as a share of the distance between two categories. */
const JITTER = 0.3;

/**
 * Runs as points of two columns. Numeric columns get a linear or log axis; text, booleans and mixed values get
 * categorical positions, jittered by a hash of the run id so that runs of one category spread out and keep their place
 * across redraws. A column of mostly numbers with a few text values (`lr: 'auto'`) stays numeric and leaves the text
 * out, rather than turning every number into a category. Runs left out (no value, NaN, ±Infinity, ≤ 0 on a log axis,
 * text on a numeric axis) are counted in notes.
 */
export function scatterLayout(options: ScatterLayoutOptions): ScatterLayout {
  const { runs, colorOf } = options;
  const x = placeAxis(runs, options.x);
  const y = placeAxis(runs, options.y);
  const points: ScatterPoint[] = [];
  let text = 0;
  for (const run of runs) {
    const xValue = cellValue(run, options.x);
    const yValue = cellValue(run, options.y);
    const px = axisPosition(x.axis, xValue);
    const py = axisPosition(y.axis, yValue);
    if (px !== null && py !== null) points.push({ run, x: display(x, px + jitter(x, `${run.id}:x`)), y: display(y, py + jitter(y, `${run.id}:y`)), color: colorOf(run) });
    else if (isText(x, xValue) || isText(y, yValue)) text++;
  }
  const notes = [x, y].filter((placed) => placed.mixed && placed.axis.kind === 'categorical').map((placed) => `${columnLabel(placed.axis.column)} mixes numbers and text: shown as categories`);
  const [xLabel, yLabel] = [columnLabel(options.x), columnLabel(options.y)];
  const numericMixed = [x, y].filter((p) => p.mixed && p.axis.kind === 'numeric').map((p) => columnLabel(p.axis.column));
  if (text > 0) notes.push(`${runsHave(text)} a non-numeric ${numericMixed.join(' or ')}: left out`);
  const missing = runs.length - points.length - text;
  if (missing > 0) notes.push(`${runsHave(missing)} no value of ${xLabel === yLabel ? xLabel : `${xLabel} or ${yLabel}`}: left out`);
  return { points, x, y, notes };
}

/** The ticks of a placed axis, at their positions across the plot area. */
export function placedTicks(placed: PlacedAxis, options: AxisTicksOptions): AxisTick[] {
  return axisTicks(placed.axis, { ...options, minGap: options.minGap * (1 + 2 * placed.pad) }).map((tick) => ({ ...tick, position: display(placed, tick.position) }));
}

function placeAxis(runs: readonly RunRecord[], column: RunColumn): PlacedAxis & { mixed: boolean } {
  let axis = buildAxis(runs, { column });
  let mixed = false;
  if (axis.kind === 'categorical') {
    const numeric = runs.filter((run) => typeof cellValue(run, column) === 'number');
    mixed = numeric.length > 0;
    const present = runs.filter((run) => !isMissing(cellValue(run, column))).length;
    if (numeric.length * 2 > present) axis = buildAxis(numeric, { column });
  }
  return { axis, pad: axis.kind === 'numeric' ? NUMERIC_PAD : categoryStep(axis) / 2, mixed };
}

/** Whether a value was left out for being text (or a boolean) on a numeric axis. */
function isText(placed: PlacedAxis, value: CellValue): boolean {
  return placed.axis.kind === 'numeric' && (typeof value === 'string' || typeof value === 'boolean');
}

function runsHave(count: number): string {
  return `${count} ${count === 1 ? 'run has' : 'runs have'}`;
}

function categoryStep(axis: ParallelAxis): number {
  return axis.kind === 'categorical' && axis.categories.length > 1 ? 1 / (axis.categories.length - 1) : 1;
}

function display(placed: PlacedAxis, position: number): number {
  return (position + placed.pad) / (1 + 2 * placed.pad);
}

/** A stable offset in ±JITTER of a category step, from the hash of `seed`; none on a numeric axis. */
function jitter(placed: PlacedAxis, seed: string): number {
  if (placed.axis.kind === 'numeric') return 0;
  const unit = parseInt(fnv1a64Hex(seed).slice(8), 16) / 0xffffffff;
  return (unit * 2 - 1) * JITTER * categoryStep(placed.axis);
}
