import { axisPosition, type ParallelAxis } from '../model/workspace/brush';

/** A labelled mark on an axis at a height from 0 (bottom) to 1 (top). */
export interface AxisTick {
  /** The short text drawn. */
  label: string;
  /** The value in full: the category itself, or the number as JavaScript prints it. */
  value: string;
  position: number;
}

/** Options of axisTicks. */
export interface AxisTicksOptions {
  /** About how many ticks a numeric axis gets. */
  count: number;
  /** Categories closer than this (as a share of the axis height) are thinned to every k-th label. */
  minGap: number;
}

/**
 * The ticks of an axis: round numbers over a linear domain, powers of ten (with 2× and 5× when fewer than three fit)
 * over a log one, the one value of a single-value domain, or every category (every k-th when they would overlap;
 * numeric ones shortened).
 */
export function axisTicks(axis: ParallelAxis, options: AxisTicksOptions): AxisTick[] {
  if (axis.kind === 'categorical') {
    const n = axis.categories.length;
    const every = Math.max(1, Math.ceil(options.minGap * (n - 1)));
    return axis.categories.filter((_, i) => i % every === 0).map((value) => ({ label: categoryLabel(value), value, position: axisPosition(axis, value)! }));
  }
  const [lo, hi] = axis.domain;
  const values = lo === hi ? [lo] : axis.scale === 'log' ? logTicks(lo, hi, options.count) : linearTicks(lo, hi, options.count);
  return values.map((value) => ({ label: formatTick(value), value: String(value), position: axisPosition(axis, value)! }));
}

/** Multiples of 1, 2 or 5 × 10^k inside [lo, hi], about `count` of them (d3's tick step rule). */
export function linearTicks(lo: number, hi: number, count: number): number[] {
  const rough = (hi - lo) / Math.max(1, count);
  let step = 10 ** Math.floor(Math.log10(rough));
  const error = rough / step;
  if (error >= 7.07) step *= 10;
  else if (error >= 3.16) step *= 5;
  else if (error >= 1.41) step *= 2;
  const ticks: number[] = [];
  // Integer multiples, rounded to 12 digits, so 0.1 × 3 reads 0.3 rather than 0.30000000000000004.
  for (let k = Math.ceil(lo / step); k * step <= hi * (1 + 1e-12) + 1e-300; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

function logTicks(lo: number, hi: number, count: number): number[] {
  const first = Math.ceil(Math.log10(lo) - 1e-9);
  const last = Math.floor(Math.log10(hi) + 1e-9);
  const decades: number[] = [];
  for (let k = first; k <= last; k++) decades.push(Number((10 ** k).toPrecision(12)));
  // Three or more decades read well as powers of ten alone; fewer get 2× and 5× between them.
  if (decades.length >= 3) {
    const every = Math.ceil(decades.length / Math.max(2, count));
    return decades.filter((_, i) => i % every === 0);
  }
  const withMultiples: number[] = [];
  for (let k = first - 1; k <= last; k++) {
    for (const m of [1, 2, 5]) {
      const value = Number((m * 10 ** k).toPrecision(12));
      if (value >= lo && value <= hi) withMultiples.push(value);
    }
  }
  return withMultiples.length >= 2 ? withMultiples : linearTicks(lo, hi, count);
}

/** Numbers that became categories (a text value among them) still read as short numbers. */
function categoryLabel(category: string): string {
  const number = category.trim() === '' ? NaN : Number(category);
  return Number.isFinite(number) ? formatTick(number) : category;
}

/** A tick label: up to 4 significant digits, exponent form for very small or large magnitudes (1e-4, 2.5e+6 → 2.5e6). */
export function formatTick(value: number): string {
  const rounded = Number(value.toPrecision(4));
  const abs = Math.abs(rounded);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return Number(value.toPrecision(3)).toExponential().replace('e+', 'e');
  return String(rounded);
}
