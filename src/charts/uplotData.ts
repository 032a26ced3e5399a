import type { SeriesBuckets } from '../model/history/buckets';

/** Columns uPlot draws: x, the line (last value per bucket), and the min/max band when the data is bucketed. */
export type LineColumns = [ArrayLike<number>, ...ArrayLike<number | null>[]];

/** Counts of values that cannot be drawn, so a chart can say why its line has gaps. */
export interface UndrawableCounts {
  nan: number;
  infinite: number;
}

/**
 * Converts store buckets into uPlot columns. Typed arrays are passed through untouched when every value is finite
 * (the common case, and the fast one); otherwise non-finite values become null, which uPlot draws as a gap.
 */
export function toLineColumns(series: SeriesBuckets): { columns: LineColumns; undrawable: UndrawableCounts } {
  const undrawable: UndrawableCounts = { nan: 0, infinite: 0 };
  const clean = (values: Float64Array): ArrayLike<number | null> => {
    let ok = true;
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) ok = false;
    if (ok) return values;
    return Array.from(values, (v) => (Number.isFinite(v) ? v : null));
  };
  for (const v of series.last) {
    if (Number.isNaN(v)) undrawable.nan++;
    else if (!Number.isFinite(v)) undrawable.infinite++;
  }
  const columns: LineColumns = series.exact ? [series.x, clean(series.last)] : [series.x, clean(series.last), clean(series.min), clean(series.max)];
  return { columns, undrawable };
}

/**
 * Indices of the points with no drawable neighbour (a metric logged once, a point between gaps): a line joins nothing
 * there, so the chart draws them as dots.
 */
export function isolatedPoints(values: ArrayLike<number | null | undefined>): number[] {
  const drawable = (i: number) => i >= 0 && i < values.length && values[i] != null && Number.isFinite(values[i]);
  const isolated: number[] = [];
  for (let i = 0; i < values.length; i++) if (drawable(i) && !drawable(i - 1) && !drawable(i + 1)) isolated.push(i);
  return isolated;
}
