import { describe, expect, it } from 'vitest';
import { alignLines, remapX } from './alignSeries';

const line = (xs: number[], ys: number[]) => ({ xs: Float64Array.from(xs), ys: Float64Array.from(ys) });

describe('alignLines', () => {
  it('keeps exact xs when lines share them, with NaN where a line has no point or a non-finite value', () => {
    const aligned = alignLines([line([0, 1, 2], [1, 2, 3]), line([1, 2, 3], [5, NaN, 7])], { maxDistinct: 100, slots: 10 });
    expect(Array.from(aligned.x)).toEqual([0, 1, 2, 3]);
    expect(aligned.ys.map((row) => Array.from(row))).toEqual([
      [1, 2, 3, NaN],
      [NaN, 5, NaN, 7],
    ]);
  });

  it('snaps to slots when the union of xs is too large, so 1,000 lines on different steps stay chart-sized', () => {
    const lines = Array.from({ length: 1000 }, (_, r) => line(Array.from({ length: 100 }, (_, i) => i * 10 + r / 1000), Array.from({ length: 100 }, () => r)));
    const aligned = alignLines(lines, { maxDistinct: 4000, slots: 500 });
    expect(aligned.x).toHaveLength(500);
    expect(aligned.ys[999]!.every((v) => v === 999), 'each line runs unbroken across the slots between its points').toBe(true);
  });

  it('a line passes through the xs of other lines between two of its points on the segment joining them, but not across a gap', () => {
    const aligned = alignLines([line([0, 16, 32], [0, 16, NaN]), line([0, 8, 12, 16, 24, 32, 40], [1, 1, 1, 1, 1, 1, 1])], { maxDistinct: 100, slots: 10 });
    expect(Array.from(aligned.x)).toEqual([0, 8, 12, 16, 24, 32, 40]);
    expect(Array.from(aligned.ys[0]!)).toEqual([0, 8, 12, 16, NaN, NaN, NaN]);
  });
});

describe('alignLines on a shared xs array', () => {
  it('takes the shared xs as they are and still turns non-finite values into gaps', () => {
    const xs = Float64Array.of(0, 5, 10);
    const aligned = alignLines([{ xs, ys: Float32Array.of(1, Infinity, 3) }, { xs, ys: Float64Array.of(4, 5, NaN) }], { maxDistinct: 100, slots: 10 });
    expect(Array.from(aligned.x)).toEqual([0, 5, 10]);
    expect(aligned.ys.map((row) => Array.from(row))).toEqual([
      [1, NaN, 3],
      [4, 5, NaN],
    ]);
  });
});

describe('remapX', () => {
  it('pairs each point with the x-series value at the same step, dropping steps the x-series lacks', () => {
    const remapped = remapX(line([0, 1, 2, 3], [10, 11, 12, 13]), line([0, 1, 3], [100.5, 101, 103]));
    expect(Array.from(remapped.xs)).toEqual([100.5, 101, 103]);
    expect(Array.from(remapped.ys)).toEqual([10, 11, 13]);
  });
});
