import { describe, expect, it } from 'vitest';
import { BucketBuilder, exactSeries, lowerBound, upperBound } from './buckets';

describe('BucketBuilder', () => {
  it('bucketOf(step) splits [x0, x1] into equal slices and puts x1 in the last bucket', () => {
    const b = new BucketBuilder(0, 100, 10);
    expect(b.bucketOf(0)).toBe(0);
    expect(b.bucketOf(9.99)).toBe(0);
    expect(b.bucketOf(10)).toBe(1);
    expect(b.bucketOf(55)).toBe(5);
    expect(b.bucketOf(99)).toBe(9);
    expect(b.bucketOf(100)).toBe(9);
  });

  it('bucketOf(step) clamps steps outside the range to the first and last bucket', () => {
    const b = new BucketBuilder(10, 20, 5);
    expect(b.bucketOf(-5)).toBe(0);
    expect(b.bucketOf(1e9)).toBe(4);
  });

  it('bucketOf(step) with an empty range (x0 = x1) puts everything in bucket 0', () => {
    const b = new BucketBuilder(7, 7, 4);
    expect(b.bucketOf(7)).toBe(0);
  });

  it('add(step, value) keeps min, max, last value and the step of the last point per bucket', () => {
    const b = new BucketBuilder(0, 10, 2);
    b.add(0, 5);
    b.add(1, -2);
    b.add(2, 3);
    b.add(6, 1);
    b.add(9, 8);
    const out = b.finish();
    expect(out.exact).toBe(false);
    expect(Array.from(out.x)).toEqual([2, 9]);
    expect(Array.from(out.min)).toEqual([-2, 1]);
    expect(Array.from(out.max)).toEqual([5, 8]);
    expect(Array.from(out.last)).toEqual([3, 8]);
  });

  it('add(step, NaN) is ignored by min/max but kept as last', () => {
    const b = new BucketBuilder(0, 10, 2);
    b.add(0, NaN);
    b.add(1, 4);
    b.add(2, NaN);
    b.add(6, NaN);
    const out = b.finish();
    expect(Array.from(out.min)).toEqual([4, NaN]);
    expect(Array.from(out.max)).toEqual([4, NaN]);
    expect(Array.from(out.last)).toEqual([NaN, NaN]);
  });

  it('finish() returns only the buckets that received points', () => {
    const b = new BucketBuilder(0, 100, 10);
    b.add(15, 1);
    b.add(85, 2);
    const out = b.finish();
    expect(Array.from(out.x)).toEqual([15, 85]);
    expect(out.min).toHaveLength(2);
  });

  it('addSummary(lastStep, min, max, last) merges a pre-reduced run of points into one bucket', () => {
    const b = new BucketBuilder(0, 100, 2);
    b.add(1, 10);
    b.addSummary(20, -3, 40, 7);
    b.addSummary(30, NaN, NaN, NaN);
    b.add(60, 0);
    const out = b.finish();
    expect(Array.from(out.x)).toEqual([30, 60]);
    expect(Array.from(out.min)).toEqual([-3, 0]);
    expect(Array.from(out.max)).toEqual([40, 0]);
    expect(Array.from(out.last)).toEqual([NaN, 0]);
  });
});

describe('exactSeries', () => {
  it('exactSeries(steps, values) sets min = max = last = values', () => {
    const steps = Float64Array.of(1, 2);
    const values = Float64Array.of(3, 4);
    expect(exactSeries(steps, values)).toEqual({ exact: true, x: steps, min: values, max: values, last: values });
  });
});

describe('lowerBound / upperBound', () => {
  const sorted = Float64Array.of(1, 3, 3, 3, 7);
  it('lowerBound(sorted, t) is the first index with a value ≥ t', () => {
    expect([0, 1, 2, 3, 4, 7, 8].map((t) => lowerBound(sorted, t))).toEqual([0, 0, 1, 1, 4, 4, 5]);
  });
  it('upperBound(sorted, t) is the first index with a value > t', () => {
    expect([0, 1, 2, 3, 4, 7, 8].map((t) => upperBound(sorted, t))).toEqual([0, 1, 1, 4, 4, 5, 5]);
  });
  it('lowerBound/upperBound of an empty array are 0', () => {
    expect(lowerBound([], 5)).toBe(0);
    expect(upperBound([], 5)).toBe(0);
  });
});
