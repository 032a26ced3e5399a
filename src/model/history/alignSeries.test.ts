import { describe, expect, it } from 'vitest';
import { alignLines, remapBuckets, remapX } from './alignSeries';

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

  it('snaps to slots once lines × xs pass the cell budget (1,000 runs of different lengths), each slot at a step some line was logged at', () => {
    // Each run: its coarse buckets' ends (every 16 steps) and its own last step, as the store answers runs of many lengths.
    const run = (r: number) => {
      const last = 1000 + r * 9;
      const xs = [...Array.from({ length: Math.floor(last / 16) }, (_, i) => i * 16 + 15).filter((x) => x < last), last];
      return line(xs, xs.map((x) => x / last));
    };
    const lines = Array.from({ length: 1000 }, (_, r) => run(r));
    const logged = new Set(lines.flatMap((l) => [...l.xs]));
    const exact = alignLines(lines, { maxDistinct: 4000, slots: 600, maxCells: 2_000_000 });
    expect(exact.x.length, 'the union: 625 bucket ends and 1,000 last steps, a few shared').toBe(logged.size);
    const snapped = alignLines(lines, { maxDistinct: 4000, slots: 600 });
    expect(snapped.x).toHaveLength(600);
    expect([...snapped.x].every((x, i) => i === 0 || x > snapped.x[i - 1]!)).toBe(true);
    expect([...snapped.x].filter((x) => logged.has(x)).length, 'slots holding a point show its step').toBeGreaterThan(590);
    const longest = snapped.ys[999]!;
    expect(longest.at(-1), 'the longest run reaches the last slot with its last value').toBe(1);
    expect(longest.every((v) => v >= 0 && v <= 1), 'and runs unbroken across it').toBe(true);
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

describe('remapBuckets', () => {
  it('moves min, max and last of each step onto the x-series value there, sorted by it', () => {
    const f = (values: number[]) => Float64Array.from(values);
    const series = { exact: true, x: f([0, 1, 2]), min: f([1, 2, 3]), max: f([4, 5, 6]), last: f([7, 8, 9]) };
    const epochs = { exact: true, x: f([0, 2]), min: f([5, 3]), max: f([5, 3]), last: f([5, 3]) };
    const moved = remapBuckets(series, epochs);
    expect([moved.x, moved.min, moved.max, moved.last].map((a) => Array.from(a))).toEqual([[3, 5], [3, 1], [6, 4], [9, 7]]);
    expect(moved.exact).toBe(true);
  });
});
