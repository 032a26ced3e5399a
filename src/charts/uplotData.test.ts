import { describe, expect, it } from 'vitest';
import { BucketBuilder, exactSeries, type SeriesBuckets } from '../model/history/buckets';
import { isolatedPoints, toLineColumns } from './uplotData';

describe('toLineColumns', () => {
  it('toLineColumns(exact series) is [x, values] with the same typed arrays when every value is finite', () => {
    const steps = Float64Array.from([0, 1, 2]);
    const values = Float64Array.from([0.5, -1, 3]);
    const { columns, undrawable } = toLineColumns(exactSeries(steps, values));
    expect(columns).toHaveLength(2);
    expect(columns[0]).toBe(steps);
    expect(columns[1]).toBe(values);
    expect(undrawable).toEqual({ nan: 0, infinite: 0 });
  });

  it('toLineColumns(bucketed series) is [x, last, min, max], passed through when finite', () => {
    const b = new BucketBuilder(0, 100, 2);
    for (const [step, value] of [[0, 5], [10, 1], [20, 3], [60, 7], [90, 2]] as const) b.add(step, value);
    const series = b.finish();
    const { columns, undrawable } = toLineColumns(series);
    expect(columns).toHaveLength(4);
    expect(columns[0]).toBe(series.x);
    expect(columns[1]).toBe(series.last);
    expect(columns[2]).toBe(series.min);
    expect(columns[3]).toBe(series.max);
    expect(Array.from(columns[0])).toEqual([20, 90]);
    expect(Array.from(columns[1]!)).toEqual([3, 2]);
    expect(Array.from(columns[2]!)).toEqual([1, 2]);
    expect(Array.from(columns[3]!)).toEqual([5, 7]);
    expect(undrawable).toEqual({ nan: 0, infinite: 0 });
  });

  it('toLineColumns(exact series with NaN and ±Infinity) turns them into null and counts NaN apart from infinities', () => {
    const steps = Float64Array.from([0, 1, 2, 3, 4]);
    const values = Float64Array.from([1, NaN, Infinity, -Infinity, NaN]);
    const { columns, undrawable } = toLineColumns(exactSeries(steps, values));
    expect(columns[0]).toBe(steps);
    expect(columns[1]).toEqual([1, null, null, null, null]);
    expect(undrawable).toEqual({ nan: 2, infinite: 2 });
  });

  it('toLineColumns(bucketed series) cleans each column on its own and counts only the line', () => {
    const series: SeriesBuckets = {
      exact: false,
      x: Float64Array.from([5, 15]),
      last: Float64Array.from([Infinity, 2]),
      min: Float64Array.from([1, 2]),
      max: Float64Array.from([Infinity, NaN]),
    };
    const { columns, undrawable } = toLineColumns(series);
    expect(columns[1]).toEqual([null, 2]);
    expect(columns[2]).toBe(series.min);
    expect(columns[3]).toEqual([null, null]);
    expect(undrawable).toEqual({ nan: 0, infinite: 1 });
  });

  it('toLineColumns(empty series) is empty columns and no undrawable values', () => {
    const { columns, undrawable } = toLineColumns(exactSeries(new Float64Array(0), new Float64Array(0)));
    expect(columns.map((c) => c.length)).toEqual([0, 0]);
    expect(undrawable).toEqual({ nan: 0, infinite: 0 });
  });
});

describe('isolatedPoints', () => {
  it('lists the points with no drawable neighbour: a lone point, a point between gaps, a series of one', () => {
    expect(isolatedPoints([0.5])).toEqual([0]);
    expect(isolatedPoints([1, 2, null, 3, null, 4, 5])).toEqual([3]);
    expect(isolatedPoints(Float64Array.of(NaN, 7, Infinity, 1, 2))).toEqual([1]);
    expect(isolatedPoints(Float64Array.of(1, 2, 3))).toEqual([]);
  });
});
