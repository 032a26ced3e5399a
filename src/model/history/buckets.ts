/** What a chart asks for: which x-range, at how many buckets (≈ its pixel width). */
export interface SeriesQuery {
  xRange?: [number, number];
  buckets: number;
}

/** Bucket values: float64 from raw points, float32 from the coarse level (see coarseLevel.ts). */
export type BucketValues = Float64Array | Float32Array;

/**
 * A metric's history reduced for drawing. When the range holds at most `buckets` points they are returned as they
 * are (`exact`: min = max = last = the value). Otherwise bucket i covers a slice of the x-range (an equal slice, or
 * whole coarse buckets when answered from the coarse level) and holds the minimum and maximum of its points (exact
 * extremes, NaN ignored) and its last point; `x` is the step of that last point, so lines stay on real steps.
 */
export interface SeriesBuckets<V extends BucketValues = Float64Array> {
  exact: boolean;
  x: Float64Array;
  min: V;
  max: V;
  last: V;
}

/** Accumulates points, in increasing x, into min/max/last buckets over [x0, x1]. */
export class BucketBuilder {
  readonly x: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly last: Float64Array;
  private readonly filled: Uint8Array;
  private readonly scale: number;

  constructor(
    private readonly x0: number,
    x1: number,
    readonly count: number,
  ) {
    this.x = new Float64Array(count);
    this.min = new Float64Array(count).fill(NaN);
    this.max = new Float64Array(count).fill(NaN);
    this.last = new Float64Array(count);
    this.filled = new Uint8Array(count);
    this.scale = x1 > x0 ? count / (x1 - x0) : 0;
  }

  /** Which bucket a step falls in. */
  bucketOf(step: number): number {
    const i = Math.floor((step - this.x0) * this.scale);
    return i < 0 ? 0 : i >= this.count ? this.count - 1 : i;
  }

  /** Adds one point. */
  add(step: number, value: number): void {
    const i = this.bucketOf(step);
    this.filled[i] = 1;
    this.x[i] = step;
    this.last[i] = value;
    this.mergeExtremes(i, value, value);
  }

  /**
   * Adds a run of points already reduced to extremes (a stored chunk summary) that falls entirely in one bucket,
   * so whole chunks are merged without reading their points.
   */
  addSummary(lastStep: number, min: number, max: number, last: number): void {
    const i = this.bucketOf(lastStep);
    this.filled[i] = 1;
    this.x[i] = lastStep;
    this.last[i] = last;
    this.mergeExtremes(i, min, max);
  }

  private mergeExtremes(i: number, min: number, max: number): void {
    const curMin = this.min[i] as number;
    const curMax = this.max[i] as number;
    if (!Number.isNaN(min) && (Number.isNaN(curMin) || min < curMin)) this.min[i] = min;
    if (!Number.isNaN(max) && (Number.isNaN(curMax) || max > curMax)) this.max[i] = max;
  }

  /** The non-empty buckets, in order. */
  finish(): SeriesBuckets {
    const keep: number[] = [];
    for (let i = 0; i < this.count; i++) if (this.filled[i]) keep.push(i);
    const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i] as number);
    return { exact: false, x: pick(this.x), min: pick(this.min), max: pick(this.max), last: pick(this.last) };
  }
}

/** Exact points as a SeriesBuckets (min = max = last = value). */
export function exactSeries(steps: Float64Array, values: Float64Array): SeriesBuckets {
  return { exact: true, x: steps, min: values, max: values, last: values };
}

/** Index of the first element ≥ target in a sorted array. */
export function lowerBound(sorted: ArrayLike<number>, target: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element > target in a sorted array. */
export function upperBound(sorted: ArrayLike<number>, target: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
