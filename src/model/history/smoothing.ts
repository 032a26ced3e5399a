import { assertNever } from '../../lib/assertNever';

/** A line as columnar arrays, xs ascending; a non-finite y (NaN, ±Infinity) is a gap. */
export interface XYSeries {
  xs: Float64Array;
  ys: Float64Array;
}

/** How a line is smoothed, with the one parameter each kind takes. */
export type Smoothing =
  | { kind: 'none' }
  /** W&B's default: an EMA whose decay follows the x distance between points; weight 0..1. */
  | { kind: 'timeWeightedEma'; weight: number }
  /** TensorBoard's EMA: the same decay per point whatever the x spacing; weight 0..1. */
  | { kind: 'ema'; weight: number }
  /** Gaussian kernel with standard deviation `sigma`, in x units or in points. */
  | { kind: 'gaussian'; sigma: number; unit: 'x' | 'points' }
  /** Mean of a window of `window` points centred on each point. */
  | { kind: 'runningAverage'; window: number };

/** W&B scales x distances to a 1,000-unit-wide chart, so the weight means the same on any x range. */
const VIEWPORT_SCALE = 1000;
/** Gaussian weights beyond 3σ are below 1.2 % of the centre's and are left out. */
const GAUSSIAN_CUTOFF_SIGMAS = 3;

/**
 * Smooths one line. Gaps keep their value and take no part, so a NaN never spreads to its neighbours; a parameter of
 * 0 (or a window of 1) returns the values unchanged.
 */
export function smooth(smoothing: Smoothing, series: XYSeries): Float64Array {
  const { xs, ys } = series;
  switch (smoothing.kind) {
    case 'none':
      return ys.slice();
    case 'timeWeightedEma':
      return smoothing.weight > 0 ? timeWeightedEma(xs, ys, smoothing.weight) : ys.slice();
    case 'ema':
      return smoothing.weight > 0 ? tensorBoardEma(ys, smoothing.weight) : ys.slice();
    case 'gaussian':
      return smoothing.sigma > 0 ? gaussian(smoothing.unit === 'x' ? xs : null, ys, smoothing.sigma) : ys.slice();
    case 'runningAverage':
      return smoothing.window > 1 ? runningAverage(ys, Math.round(smoothing.window)) : ys.slice();
    default:
      return assertNever(smoothing);
  }
}

/** W&B's TWEMA: decay `√weight` per 1/1000 of the x range, debiased so the first points are not pulled to zero. */
function timeWeightedEma(xs: Float64Array, ys: Float64Array, weight: number): Float64Array {
  const out = ys.slice();
  const decay = Math.min(Math.sqrt(weight), 0.999);
  let first = NaN;
  let last = NaN;
  for (let i = 0; i < ys.length; i++) {
    if (!isPoint(xs, ys, i)) continue;
    if (Number.isNaN(first)) first = xs[i]!;
    last = xs[i]!;
  }
  const range = last - first;
  let acc = 0;
  let debias = 0;
  let prevX = first;
  for (let i = 0; i < ys.length; i++) {
    if (!isPoint(xs, ys, i)) continue;
    const dx = range > 0 ? ((xs[i]! - prevX) / range) * VIEWPORT_SCALE : 0;
    const adjusted = Math.pow(decay, dx);
    acc = acc * adjusted + ys[i]!;
    debias = debias * adjusted + 1;
    out[i] = acc / debias;
    prevX = xs[i]!;
  }
  return out;
}

/** TensorBoard's 1st-order IIR filter with its debias term `1 - weight^n` over the n finite points so far. */
function tensorBoardEma(ys: Float64Array, weight: number): Float64Array {
  const out = ys.slice();
  // TensorBoard leaves a constant series as it is, so float rounding in the debias never shows as a wiggle.
  if (isConstant(ys)) return out;
  let acc = 0;
  let n = 0;
  for (let i = 0; i < ys.length; i++) {
    const y = ys[i]!;
    if (!Number.isFinite(y)) continue;
    acc = acc * weight + (1 - weight) * y;
    n++;
    out[i] = weight === 1 ? acc : acc / (1 - Math.pow(weight, n));
  }
  return out;
}

/** Gaussian-weighted mean of the neighbours within 3σ, divided by the weights present so edges are not pulled down. */
function gaussian(xs: Float64Array | null, ys: Float64Array, sigma: number): Float64Array {
  const out = ys.slice();
  const at = xs ? (i: number) => xs[i]! : (i: number) => i;
  const cutoff = GAUSSIAN_CUTOFF_SIGMAS * sigma;
  const scale = -0.5 / (sigma * sigma);
  const usable = (i: number) => Number.isFinite(ys[i]!) && Number.isFinite(at(i));
  for (let i = 0; i < ys.length; i++) {
    if (!usable(i)) continue;
    const centre = at(i);
    let sum = ys[i]!;
    let weights = 1;
    for (const step of [-1, 1]) {
      for (let j = i + step; j >= 0 && j < ys.length; j += step) {
        if (!usable(j)) continue;
        const d = at(j) - centre;
        if (Math.abs(d) > cutoff) break;
        const w = Math.exp(d * d * scale);
        sum += w * ys[j]!;
        weights += w;
      }
    }
    out[i] = sum / weights;
  }
  return out;
}

/** Mean of the finite values among `window` points centred on each point, from prefix sums so it is O(n). */
function runningAverage(ys: Float64Array, window: number): Float64Array {
  const out = ys.slice();
  const sums = new Float64Array(ys.length + 1);
  const counts = new Uint32Array(ys.length + 1);
  for (let i = 0; i < ys.length; i++) {
    const finite = Number.isFinite(ys[i]!);
    sums[i + 1] = sums[i]! + (finite ? ys[i]! : 0);
    counts[i + 1] = counts[i]! + (finite ? 1 : 0);
  }
  const before = Math.floor((window - 1) / 2);
  const after = window - 1 - before;
  for (let i = 0; i < ys.length; i++) {
    if (!Number.isFinite(ys[i]!)) continue;
    const from = Math.max(0, i - before);
    const to = Math.min(ys.length, i + after + 1);
    out[i] = (sums[to]! - sums[from]!) / (counts[to]! - counts[from]!);
  }
  return out;
}

function isPoint(xs: Float64Array, ys: Float64Array, i: number): boolean {
  return Number.isFinite(ys[i]!) && Number.isFinite(xs[i]!);
}

function isConstant(ys: Float64Array): boolean {
  for (let i = 1; i < ys.length; i++) if (ys[i] !== ys[0]) return false;
  return true;
}
