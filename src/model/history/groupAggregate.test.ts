import { describe, expect, it } from 'vitest';
import { aggregateGroup } from './groupAggregate';
import type { XYSeries } from './smoothing';

const line = (points: [number, number][]): XYSeries => ({ xs: Float64Array.from(points, (p) => p[0]), ys: Float64Array.from(points, (p) => p[1]) });
const plain = (a: ArrayLike<number>) => Array.from(a);

describe('aggregateGroup on the union of xs', () => {
  it('aggregateGroup(runs, union) gives mean, min, max, population std and count per x', () => {
    const agg = aggregateGroup(
      [
        line([[0, 1], [1, 2], [2, 3]]),
        line([[0, 3], [1, 4], [2, 9]]),
      ],
      { kind: 'union' },
    );
    expect(plain(agg.x)).toEqual([0, 1, 2]);
    expect(plain(agg.mean)).toEqual([2, 3, 6]);
    expect(plain(agg.min)).toEqual([1, 2, 3]);
    expect(plain(agg.max)).toEqual([3, 4, 9]);
    expect(plain(agg.std)).toEqual([1, 1, 3]);
    expect(plain(agg.count)).toEqual([2, 2, 2]);
  });

  it('aggregateGroup(runs logged at uneven steps, union) counts at each x only the runs that logged there', () => {
    const agg = aggregateGroup(
      [
        line([[0, 10], [5, 20], [10, 30]]),
        line([[0, 0], [3, 6], [10, 10]]),
        line([[3, 9]]),
      ],
      { kind: 'union' },
    );
    expect(plain(agg.x)).toEqual([0, 3, 5, 10]);
    expect(plain(agg.count)).toEqual([2, 2, 1, 2]);
    expect(plain(agg.mean)).toEqual([5, 7.5, 20, 20]);
    expect(plain(agg.min)).toEqual([0, 6, 20, 10]);
    expect(plain(agg.max)).toEqual([10, 9, 20, 30]);
    expect(agg.std[2]).toBe(0);
  });

  it('aggregateGroup(runs with NaN and Infinity, union) does not count them and drops xs no run has a value at', () => {
    const agg = aggregateGroup(
      [
        line([[0, 1], [1, NaN], [2, 5]]),
        line([[0, 3], [1, Infinity], [2, NaN]]),
      ],
      { kind: 'union' },
    );
    expect(plain(agg.x)).toEqual([0, 2]);
    expect(plain(agg.count)).toEqual([2, 1]);
    expect(plain(agg.mean)).toEqual([2, 5]);
    expect(agg.mean.every(Number.isFinite)).toBe(true);
  });

  it('aggregateGroup(a run missing from the group, union) is the other runs unchanged', () => {
    const agg = aggregateGroup([line([[1, 4], [2, 8]]), line([])], { kind: 'union' });
    expect(plain(agg.mean)).toEqual([4, 8]);
    expect(plain(agg.count)).toEqual([1, 1]);
  });

  it('aggregateGroup([], grid) is empty', () => {
    for (const grid of [{ kind: 'union' } as const, { kind: 'buckets', count: 4 } as const]) {
      const agg = aggregateGroup([], grid);
      expect(agg.x.length).toBe(0);
      expect(agg.count.length).toBe(0);
    }
  });

  it('aggregateGroup(values around 1e9, union) keeps a small std exact (no sum-of-squares cancellation)', () => {
    const agg = aggregateGroup([line([[0, 1e9 + 1]]), line([[0, 1e9 - 1]])], { kind: 'union' });
    expect(agg.std[0]).toBe(1);
  });
});

describe('aggregateGroup on buckets', () => {
  it('aggregateGroup(runs, buckets) splits [xmin, xmax] into equal buckets centred at their x', () => {
    const agg = aggregateGroup([line([[0, 1], [10, 3]]), line([[4, 5], [6, 7]])], { kind: 'buckets', count: 2 });
    expect(plain(agg.x)).toEqual([2.5, 7.5]);
    expect(plain(agg.mean)).toEqual([3, 5]);
    expect(plain(agg.count)).toEqual([2, 2]);
  });

  it('aggregateGroup(a run with several points in one bucket, buckets) counts that run once, at its mean', () => {
    // Run A logs densely (mean 2 in the bucket), run B once (8): the bucket is their mean 5, not pulled toward A.
    const agg = aggregateGroup([line([[0, 1], [1, 2], [2, 3]]), line([[3, 8]])], { kind: 'buckets', count: 1 });
    expect(plain(agg.mean)).toEqual([5]);
    expect(plain(agg.count)).toEqual([2]);
    expect(plain(agg.min)).toEqual([2]);
    expect(plain(agg.max)).toEqual([8]);
  });

  it('aggregateGroup(runs, buckets with a range) ignores points outside it and puts xmax in the last bucket', () => {
    const agg = aggregateGroup([line([[-5, 100], [0, 1], [5, 2], [10, 3], [11, 100]])], { kind: 'buckets', count: 2, range: [0, 10] });
    expect(plain(agg.mean)).toEqual([1, 2.5]);
    expect(agg.max.every((v) => v < 100)).toBe(true);
  });

  it('aggregateGroup(runs on one x, buckets) is one point at that x', () => {
    const agg = aggregateGroup([line([[3, 1]]), line([[3, 5]])], { kind: 'buckets', count: 10 });
    expect(plain(agg.x)).toEqual([3]);
    expect(plain(agg.mean)).toEqual([3]);
  });

  it('aggregateGroup(runs with gaps, buckets) leaves out empty buckets', () => {
    const agg = aggregateGroup([line([[0, 1], [100, 2]])], { kind: 'buckets', count: 10 });
    expect(plain(agg.x)).toEqual([5, 95]);
    expect(plain(agg.mean)).toEqual([1, 2]);
  });
});
