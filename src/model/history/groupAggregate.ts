import { lowerBound } from './buckets';
import type { XYSeries } from './smoothing';

/** The x grid grouped runs are aligned on: every x any run logged, or `count` equal buckets over an x range. */
export type AlignGrid = { kind: 'union' } | { kind: 'buckets'; count: number; range?: [number, number] };

/**
 * One line for a group of runs: per grid x, statistics over the runs that have a finite value there. Grid points no
 * run reaches are left out, so every array has the same length and `count` is at least 1.
 */
export interface GroupAggregate {
  x: Float64Array;
  mean: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** Population standard deviation (numpy's default), 0 where one run counts. */
  std: Float64Array;
  count: Uint32Array;
}

/**
 * Aligns several runs' series of one metric on a grid and reduces them per x. A run counts once per grid point: when
 * it has several points in one bucket, their mean; a run with no finite value there does not count.
 */
export function aggregateGroup(series: readonly XYSeries[], grid: AlignGrid): GroupAggregate {
  const cells = gridCells(series, grid);
  const n = cells.x.length;
  const stats = { count: new Uint32Array(n), mean: new Float64Array(n), m2: new Float64Array(n), min: new Float64Array(n).fill(Infinity), max: new Float64Array(n).fill(-Infinity) };
  const add = (cell: number, value: number) => {
    // Welford's update: stable where sum-of-squares would cancel (a loss of 1e6 ± 1e-3).
    const count = ++stats.count[cell]!;
    const delta = value - stats.mean[cell]!;
    stats.mean[cell]! += delta / count;
    stats.m2[cell]! += delta * (value - stats.mean[cell]!);
    if (value < stats.min[cell]!) stats.min[cell] = value;
    if (value > stats.max[cell]!) stats.max[cell] = value;
  };
  for (const { xs, ys } of series) {
    let cell = -1;
    let sum = 0;
    let points = 0;
    for (let i = 0; i < xs.length; i++) {
      const c = Number.isFinite(ys[i]!) ? cells.cellOf(xs[i]!) : -1;
      if (c < 0) continue;
      if (c !== cell) {
        if (points > 0) add(cell, sum / points);
        cell = c;
        sum = 0;
        points = 0;
      }
      sum += ys[i]!;
      points++;
    }
    if (points > 0) add(cell, sum / points);
  }
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (stats.count[i]! > 0) keep.push(i);
  const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]!);
  return {
    x: pick(cells.x),
    mean: pick(stats.mean),
    min: pick(stats.min),
    max: pick(stats.max),
    std: Float64Array.from(keep, (i) => Math.sqrt(stats.m2[i]! / stats.count[i]!)),
    count: Uint32Array.from(keep, (i) => stats.count[i]!),
  };
}

/** The grid's x per cell and which cell a point falls in (-1 for none). */
interface GridCells {
  x: Float64Array;
  cellOf: (x: number) => number;
}

function gridCells(series: readonly XYSeries[], grid: AlignGrid): GridCells {
  if (grid.kind === 'union') {
    const all: number[] = [];
    for (const { xs, ys } of series) for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i]!) && Number.isFinite(ys[i]!)) all.push(xs[i]!);
    const sorted = Float64Array.from(all).sort();
    const x = sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
    return { x, cellOf: (v) => (Number.isFinite(v) ? lowerBound(x, v) : -1) };
  }
  const [x0, x1] = grid.range ?? finiteXRange(series);
  const count = Math.max(1, Math.floor(grid.count));
  if (!(x1 >= x0)) return { x: new Float64Array(0), cellOf: () => -1 };
  const width = (x1 - x0) / count;
  // Bucket i covers [x0 + i·width, x0 + (i+1)·width); the last one also takes x1 itself.
  const x = Float64Array.from({ length: count }, (_, i) => x0 + (i + 0.5) * width);
  const cellOf = (v: number) => {
    if (!(v >= x0 && v <= x1)) return -1;
    return width > 0 ? Math.min(count - 1, Math.floor((v - x0) / width)) : 0;
  };
  return { x: width > 0 ? x : Float64Array.of(x0), cellOf };
}

function finiteXRange(series: readonly XYSeries[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const { xs, ys } of series) {
    for (let i = 0; i < xs.length; i++) {
      if (!Number.isFinite(ys[i]!) || !Number.isFinite(xs[i]!)) continue;
      if (xs[i]! < lo) lo = xs[i]!;
      if (xs[i]! > hi) hi = xs[i]!;
    }
  }
  return [lo, hi];
}
