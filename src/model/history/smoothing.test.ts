import { describe, expect, it } from 'vitest';
import { smooth, type Smoothing, type XYSeries } from './smoothing';

const series = (ys: number[], xs: number[] = ys.map((_, i) => i)): XYSeries => ({ xs: Float64Array.from(xs), ys: Float64Array.from(ys) });
const steps = (n: number) => Array.from({ length: n }, (_, i) => i);

/** One setting of every kind, strong enough that smoothing visibly changes a noisy line. */
const EVERY_KIND: Smoothing[] = [
  { kind: 'timeWeightedEma', weight: 0.6 },
  { kind: 'ema', weight: 0.6 },
  { kind: 'gaussian', sigma: 3, unit: 'x' },
  { kind: 'gaussian', sigma: 3, unit: 'points' },
  { kind: 'runningAverage', window: 7 },
];
const label = (s: Smoothing) => JSON.stringify(s);

describe('smooth', () => {
  it.each(EVERY_KIND.map((s) => [label(s), s] as const))('smooth(%s) keeps a constant series constant', (_l, smoothing) => {
    const out = smooth(smoothing, series(steps(40).map(() => 2.5)));
    expect(out).toHaveLength(40);
    for (const y of out) expect(y).toBeCloseTo(2.5, 12);
  });

  it.each(EVERY_KIND.map((s) => [label(s), s] as const))('smooth(%s) turns a step into a monotone ramp between its levels', (_l, smoothing) => {
    const ys = steps(60).map((i) => (i < 30 ? 0 : 1));
    const out = smooth(smoothing, series(ys));
    for (let i = 1; i < out.length; i++) expect(out[i]!).toBeGreaterThanOrEqual(out[i - 1]! - 1e-12);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(-1e-12);
    expect(Math.max(...out)).toBeLessThanOrEqual(1 + 1e-12);
    // Smoothed, not copied: the points right after the step lag behind it.
    expect(out[30]!).toBeLessThan(1);
  });

  it.each(EVERY_KIND.map((s) => [label(s), s] as const))('smooth(%s) keeps NaN and ±Infinity as gaps without spreading them', (_l, smoothing) => {
    const ys = steps(40).map((i) => Math.sin(i / 4));
    ys[10] = NaN;
    ys[20] = Infinity;
    ys[21] = -Infinity;
    const out = smooth(smoothing, series(ys));
    expect(out[10]).toBeNaN();
    expect(out[20]).toBe(Infinity);
    expect(out[21]).toBe(-Infinity);
    out.forEach((y, i) => {
      if (![10, 20, 21].includes(i)) expect(Number.isFinite(y), `point ${i}`).toBe(true);
    });
  });

  it('smooth(gaussian in x) skips a point whose x is NaN but smooths its neighbours', () => {
    const out = smooth({ kind: 'gaussian', sigma: 2, unit: 'x' }, series([1, 2, 3, 4], [0, NaN, 2, 3]));
    expect(out[1]).toBe(2);
    expect(out.every(Number.isFinite)).toBe(true);
  });

  it.each([
    { kind: 'none' },
    { kind: 'timeWeightedEma', weight: 0 },
    { kind: 'ema', weight: 0 },
    { kind: 'gaussian', sigma: 0, unit: 'x' },
    { kind: 'runningAverage', window: 1 },
  ] satisfies Smoothing[])('smooth($kind with no smoothing) returns the values unchanged, as a new array', (smoothing) => {
    const ys = [3, -1, NaN, 8, 2.5, 7];
    const input = series(ys, [0, 1, 5, 6, 20, 21]);
    const out = smooth(smoothing, input);
    expect(Array.from(out)).toEqual(ys);
    expect(out).not.toBe(input.ys);
  });

  it('smooth(ema) matches TensorBoard by hand: weight 0.5 on [1, 2, 4] gives [1, 5/3, 3]', () => {
    // last = 0.5·last + 0.5·y, divided by the debias 1 - 0.5^n: 0.5/0.5, 1.25/0.75, 2.625/0.875.
    const out = smooth({ kind: 'ema', weight: 0.5 }, series([1, 2, 4]));
    expect(out[0]).toBeCloseTo(1, 12);
    expect(out[1]).toBeCloseTo(5 / 3, 12);
    expect(out[2]).toBeCloseTo(3, 12);
  });

  it('smooth(ema) counts only finite points in its debias, as TensorBoard does', () => {
    const out = smooth({ kind: 'ema', weight: 0.5 }, series([1, NaN, 2, 4]));
    expect(Array.from(out).filter(Number.isFinite).map((y) => +y.toFixed(9))).toEqual([1, +(5 / 3).toFixed(9), 3]);
  });

  it('smooth(ema) ignores x spacing; smooth(timeWeightedEma) does not', () => {
    const ys = [0, 0, 0, 1, 1, 1];
    const even = series(ys, [0, 1, 2, 3, 4, 5]);
    const uneven = series(ys, [0, 1, 2, 30, 31, 32]);
    expect(smooth({ kind: 'ema', weight: 0.9 }, even)).toEqual(smooth({ kind: 'ema', weight: 0.9 }, uneven));
    // A long x gap lets the old level decay further, so the first point after it is closer to the new level.
    const evenOut = smooth({ kind: 'timeWeightedEma', weight: 0.9 }, even);
    const unevenOut = smooth({ kind: 'timeWeightedEma', weight: 0.9 }, uneven);
    expect(unevenOut[3]! - evenOut[3]!).toBeGreaterThan(0);
  });

  it('smooth(timeWeightedEma) matches W&B by hand: decay min(√weight, 0.999)^(Δx/range·1000), debiased', () => {
    // xs span 4, so a Δx of 0.002 is 0.5 viewport units and one of 3.998 is 999.5: decay^0.5 then decay^999.5.
    const decay = Math.sqrt(0.81);
    const d1 = Math.pow(decay, 0.5);
    const d2 = Math.pow(decay, 999.5);
    const out = smooth({ kind: 'timeWeightedEma', weight: 0.81 }, series([2, 4, 8], [0, 0.002, 4]));
    expect(out[0]).toBeCloseTo(2, 12);
    expect(out[1]).toBeCloseTo((2 * d1 + 4) / (d1 + 1), 12);
    expect(out[2]).toBeCloseTo(((2 * d1 + 4) * d2 + 8) / ((d1 + 1) * d2 + 1), 12);
    // √0.9999 would decay slower than 0.999: W&B caps it there.
    const capped = smooth({ kind: 'timeWeightedEma', weight: 0.9999 }, series([0, 1], [0, 1]));
    expect(capped[1]).toBeCloseTo(1 / (Math.pow(0.999, 1000) + 1), 12);
  });


  it('smooth(timeWeightedEma) gives the same curve for a run logged every step and one logged every 4th step', () => {
    const f = (x: number) => Math.sin(x / 40) + x / 100;
    const dense = steps(401);
    const sparse = dense.filter((x) => x % 4 === 0);
    const denseOut = smooth({ kind: 'timeWeightedEma', weight: 0.9 }, series(dense.map(f), dense));
    const sparseOut = smooth({ kind: 'timeWeightedEma', weight: 0.9 }, series(sparse.map(f), sparse));
    // Compared after the warm-up, where the debias of four times fewer points still differs.
    for (let i = 25; i < sparse.length; i++) expect(sparseOut[i]!).toBeCloseTo(denseOut[sparse[i]!]!, 1);
  });

  it('smooth(gaussian) normalises near the edges, so an end point is not pulled toward zero', () => {
    const out = smooth({ kind: 'gaussian', sigma: 5, unit: 'points' }, series(steps(20).map(() => 10)));
    expect(out[0]).toBeCloseTo(10, 12);
    expect(out[19]).toBeCloseTo(10, 12);
  });

  it('smooth(gaussian in x) measures its window in x units: far-apart points do not mix', () => {
    const out = smooth({ kind: 'gaussian', sigma: 1, unit: 'x' }, series([0, 0, 100, 100], [0, 1, 50, 51]));
    expect(out[1]).toBeCloseTo(0, 12);
    expect(out[2]).toBeCloseTo(100, 12);
    const inPoints = smooth({ kind: 'gaussian', sigma: 1, unit: 'points' }, series([0, 0, 100, 100], [0, 1, 50, 51]));
    expect(inPoints[1]!).toBeGreaterThan(10);
  });

  it('smooth(runningAverage) is the mean of the centred window of n points', () => {
    const out = smooth({ kind: 'runningAverage', window: 3 }, series([1, 2, 6, 1, 5]));
    expect(Array.from(out)).toEqual([1.5, 3, 3, 4, 3]);
  });

  it('smooth(runningAverage) averages only the finite values inside the window', () => {
    const out = smooth({ kind: 'runningAverage', window: 3 }, series([1, NaN, 3, 5]));
    expect(out[0]).toBe(1);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBe(4);
  });

  it('smooth(kind) of an empty series is empty', () => {
    for (const s of EVERY_KIND) expect(smooth(s, series([])).length).toBe(0);
  });
});
