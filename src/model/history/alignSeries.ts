import type { SeriesBuckets } from './buckets';

/** One line to align: xs ascending, ys the same length; a non-finite y is a gap. */
export interface LineData {
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
}

/** Lines on one shared x array: NaN where a line has no point (or a non-finite value). */
export interface AlignedLines {
  x: Float64Array;
  ys: Float64Array[];
}

/** Options of alignLines. */
export interface AlignOptions {
  /** Past this many distinct xs, points snap to `slots` equal slots over the x extent instead (≈ the chart's pixels). */
  maxDistinct: number;
  slots: number;
  /**
   * Past this many values in all (lines × distinct xs), points snap to the slots too (default ALIGN_MAX_CELLS): every
   * line gets a value at every x, so runs of many lengths, each adding its last step, grew 1,000 lines to ~1,600 xs
   * (13 MB of rows, and as much again for the raster workers), when the chart shows ~600 pixels.
   */
  maxCells?: number;
}

/**
 * Values alignLines fills before it snaps to slots. A new buffer costs about 4 ms a MB to fill on the 2-core VM here
 * (Chromium 156 and Node alike), more than the work on it: 1,000 lines × 625 shared steps (a workspace of equal runs) stay exact.
 */
export const ALIGN_MAX_CELLS = 1_000_000;

/**
 * Puts several lines on one x array. When the lines share their xs (runs logged at the same steps, the usual case) the
 * union is small and every point keeps its exact x. When they do not, the union could hold millions of xs, so points
 * snap to equal slots over the extent (the last point of a line in a slot wins): at chart resolution the difference
 * is under a pixel.
 */
export function alignLines(lines: readonly LineData[], options: AlignOptions): AlignedLines {
  // Runs logged at the same steps often share one xs array (the store interns them): no union to build.
  const first = lines[0]?.xs;
  if (first && first.length <= options.maxDistinct && lines.every((line) => line.xs === first)) {
    const rows = newRows(lines.length, first.length);
    lines.forEach((line, i) => rows[i]!.set(line.ys));
    return { x: Float64Array.from(first), ys: rows.map(finiteOrNaN) };
  }
  const distinct = new Set<number>();
  const maxDistinct = Math.min(options.maxDistinct, Math.max(options.slots, Math.floor((options.maxCells ?? ALIGN_MAX_CELLS) / Math.max(1, lines.length))));
  let overflow = false;
  for (const line of lines) {
    for (let i = 0; i < line.xs.length; i++) {
      distinct.add(line.xs[i]!);
      if (distinct.size > maxDistinct) {
        overflow = true;
        break;
      }
    }
    if (overflow) break;
  }
  return overflow ? alignToSlots(lines, options.slots) : alignToUnion(lines, Float64Array.from(distinct).sort());
}

function alignToUnion(lines: readonly LineData[], x: Float64Array): AlignedLines {
  const rows = newRows(lines.length, x.length);
  const ys = lines.map((line, index) => {
    const row = rows[index]!;
    // The common case, every line on the same xs, needs no lookups.
    if (line.xs.length === x.length && line.xs[0] === x[0] && line.xs[x.length - 1] === x[x.length - 1]) {
      row.set(line.ys);
      return finiteOrNaN(row);
    }
    // Both ascend, so each point's column is found by walking on from the previous one's.
    let column = 0;
    return placeLine(row.fill(NaN), x, line, (xi) => {
      while (column < x.length - 1 && x[column] !== xi) column++;
      return column;
    });
  });
  return { x, ys };
}

/**
 * Puts a line's points in its row at the positions `positionOf` gives (increasing with x; a later point in the same
 * position wins), and at the positions between two of its points the value on the segment joining them: other lines'
 * xs lie between a line's own, and leaving them empty would break the line into dots. A NaN or infinite point is a
 * gap, and so is the stretch on either side of it.
 */
function placeLine(row: Float64Array, x: Float64Array, line: LineData, positionOf: (x: number) => number): Float64Array {
  let previous = -1;
  for (let i = 0; i < line.xs.length; i++) {
    const position = positionOf(line.xs[i]!);
    const y = line.ys[i]!;
    row[position] = y;
    if (previous >= 0 && position > previous + 1) {
      const from = row[previous]!;
      if (Number.isFinite(from) && Number.isFinite(y)) {
        const x0 = x[previous]!;
        const span = x[position]! - x0;
        for (let k = previous + 1; k < position; k++) row[k] = from + ((y - from) * (x[k]! - x0)) / span;
      }
    }
    previous = position;
  }
  return finiteOrNaN(row);
}

/**
 * Lines on `slots` equal slots over their x extent. A slot's x is the largest x of a point in it, a step some line was
 * logged at (what the hover shows), or its middle when none is.
 */
function alignToSlots(lines: readonly LineData[], slots: number): AlignedLines {
  let lo = Infinity;
  let hi = -Infinity;
  for (const line of lines) {
    if (line.xs.length === 0) continue;
    lo = Math.min(lo, line.xs[0]!);
    hi = Math.max(hi, line.xs[line.xs.length - 1]!);
  }
  const count = Math.max(1, slots);
  const width = hi > lo ? (hi - lo) / count : 1;
  const slotOf = (xi: number) => Math.min(count - 1, Math.floor((xi - lo) / width));
  const x = new Float64Array(count).fill(-Infinity);
  for (const line of lines) {
    for (let i = 0; i < line.xs.length; i++) {
      const xi = line.xs[i]!;
      const slot = slotOf(xi);
      if (xi > x[slot]!) x[slot] = xi;
    }
  }
  for (let i = 0; i < count; i++) if (x[i] === -Infinity) x[i] = lo + (i + 0.5) * width;
  const rows = newRows(lines.length, count);
  const ys = lines.map((line, index) => placeLine(rows[index]!.fill(NaN), x, line, slotOf));
  return { x, ys };
}

/**
 * `count` rows of `length` values as views of one buffer: a thousand lines cost one allocation, not a thousand (each
 * typed array's own buffer measured ≈ 10 µs in Chromium).
 */
function newRows(count: number, length: number): Float64Array[] {
  const buffer = new Float64Array(count * length);
  return Array.from({ length: count }, (_, i) => buffer.subarray(i * length, (i + 1) * length));
}

/** ±Infinity becomes a gap too: a chart cannot place it. */
function finiteOrNaN(row: Float64Array): Float64Array {
  for (let i = 0; i < row.length; i++) if (!Number.isFinite(row[i]!)) row[i] = NaN;
  return row;
}

/**
 * Re-expresses a line against another series logged at the same steps (wall time from `_timestamp`, or any metric as
 * x): each point takes the x-series value at its step; points whose step the x-series lacks are dropped, and the
 * result is sorted by the new x.
 */
export function remapX(line: LineData, xSeries: LineData): { xs: Float64Array; ys: Float64Array } {
  const { xs, order } = placeOnX(line.xs, xSeries);
  return { xs, ys: Float64Array.from(order, (i) => line.ys[i]!) };
}

/** remapX for a bucketed series (a run page's chart of a metric against its step metric): min, max and last move alike. */
export function remapBuckets(series: SeriesBuckets, xSeries: SeriesBuckets): SeriesBuckets {
  const { xs, order } = placeOnX(series.x, { xs: xSeries.x, ys: xSeries.last });
  const pick = (values: Float64Array) => Float64Array.from(order, (i) => values[i]!);
  return { exact: series.exact && xSeries.exact, x: xs, min: pick(series.min), max: pick(series.max), last: pick(series.last) };
}

/**
 * How a chart of one run's metric reads it: as logged, or, when the run defined a step metric for it
 * (define_metric), against that metric's values at the same steps.
 */
export function seriesAgainst(read: (metric: string, buckets: number) => Promise<SeriesBuckets>, metric: string, stepMetric: string | null): (buckets: number) => Promise<SeriesBuckets> {
  if (stepMetric === null) return (buckets) => read(metric, buckets);
  return async (buckets) => {
    const [series, xSeries] = await Promise.all([read(metric, buckets), read(stepMetric, buckets)]);
    return remapBuckets(series, xSeries);
  };
}

/** The x-series value at each of `steps` that it has (finite), ascending, with the index of the step each came from. */
function placeOnX(steps: ArrayLike<number>, xSeries: LineData): { xs: Float64Array; order: number[] } {
  const byStep = new Map<number, number>();
  for (let i = 0; i < xSeries.xs.length; i++) byStep.set(xSeries.xs[i]!, xSeries.ys[i]!);
  const pairs: [number, number][] = [];
  for (let i = 0; i < steps.length; i++) {
    const x = byStep.get(steps[i]!);
    if (x !== undefined && Number.isFinite(x)) pairs.push([x, i]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  return { xs: Float64Array.from(pairs, (p) => p[0]), order: pairs.map((p) => p[1]) };
}
