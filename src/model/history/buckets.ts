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
  // x, min, max and last of every bucket as views of one buffer: a panel builds one per short run, and five typed
  // arrays each cost more to allocate than the points cost to add (Chromium 156, 400 runs of 500–4,000 points).
  private readonly x: Float64Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly last: Float64Array;
  private readonly filled: Uint8Array;
  private readonly scale: number;

  constructor(
    private readonly x0: number,
    x1: number,
    readonly count: number,
  ) {
    const buffer = new Float64Array(4 * count);
    this.x = buffer.subarray(0, count);
    this.min = buffer.subarray(count, 2 * count).fill(NaN);
    this.max = buffer.subarray(2 * count, 3 * count).fill(NaN);
    this.last = buffer.subarray(3 * count);
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

  /** The non-empty buckets, in order (the builder's own arrays when every bucket has points). */
  finish(): SeriesBuckets {
    let kept = 0;
    for (let i = 0; i < this.count; i++) kept += this.filled[i]!;
    if (kept === this.count) return { exact: false, x: this.x, min: this.min, max: this.max, last: this.last };
    const out = new Float64Array(4 * kept);
    const [x, min, max, last] = [0, 1, 2, 3].map((k) => out.subarray(k * kept, (k + 1) * kept)) as [Float64Array, Float64Array, Float64Array, Float64Array];
    // Plain loops: Float64Array.from with a map function took most of a panel's bucketing time.
    for (let i = 0, j = 0; i < this.count; i++) {
      if (!this.filled[i]) continue;
      x[j] = this.x[i]!;
      min[j] = this.min[i]!;
      max[j] = this.max[i]!;
      last[j++] = this.last[i]!;
    }
    return { exact: false, x, min, max, last };
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
