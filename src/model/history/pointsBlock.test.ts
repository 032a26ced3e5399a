import { describe, expect, it } from 'vitest';
import { packPointsBlock, pointsRunBytes, unpackPointsBlock, type PointsRun } from './pointsBlock';

const steps = (...values: number[]) => Float64Array.from(values);
const run = (runId: string, s: Float64Array, f: (step: number) => number): PointsRun => ({ runId, steps: s, values: s.map(f) });

describe('packPointsBlock / unpackPointsBlock', () => {
  const runs = [
    run('consecutive', steps(0, 1, 2, 3, 4), (s) => s / 3),
    run('gaps', steps(100, 200, 300), (s) => (s === 200 ? NaN : -s)),
    run('late', steps(5, 6, 7), (s) => (s === 6 ? Infinity : 1e-300 * s)),
    run('same-steps', steps(0, 1, 2, 3, 4), (s) => s * 2),
  ];

  it('gives back every run\'s steps and values bit for bit, in order, NaN and ±Infinity included', () => {
    const { layout, data } = packPointsBlock(runs);
    const unpacked = unpackPointsBlock(layout, data, 'eval/acc');
    expect(unpacked.map((r) => [r.runId, r.metric, [...r.steps], [...r.values]])).toEqual(runs.map((r) => [r.runId, 'eval/acc', [...r.steps], [...r.values]]));
  });

  it('stores steps only for runs with gaps; runs over the same implied steps share one array', () => {
    const { layout, data } = packPointsBlock(runs);
    expect([...layout.stepsStart]).toEqual([-1, 0, -1, -1]);
    expect(data.byteLength).toBe(8 * (16 + 3));
    expect(runs.map(pointsRunBytes)).toEqual([40, 48, 24, 40]);
    const unpacked = unpackPointsBlock(layout, data, 'm');
    expect(unpacked[3]!.steps).toBe(unpacked[0]!.steps);
  });

  it('refuses data whose size does not fit its layout', () => {
    const { layout, data } = packPointsBlock(runs);
    expect(() => unpackPointsBlock(layout, data.slice(8), 'm')).toThrow(/points block holds 144 bytes where its layout needs 152/);
  });
});
