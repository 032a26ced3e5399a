import { describe, expect, it } from 'vitest';
import { appendToCoarse } from './coarseLevel';
import { unpackOverviewBlock } from './overviewBlock';
import { coarseOfPoints } from './pointsCoarse';

const steps = (count: number, every = 1, from = 0) => Float64Array.from({ length: count }, (_, i) => from + i * every);

describe('coarseOfPoints', () => {
  it('gives runs logged every step their coarse level, bucket for bucket what appendToCoarse makes of their points', () => {
    const runs = [
      { runId: 'a', steps: steps(1500, 1, 5), values: steps(1500, 1, 5).map((s) => Math.sin(s / 40)) },
      { runId: 'b', steps: steps(1), values: Float64Array.of(NaN) },
      { runId: 'c', steps: steps(800, 2), values: steps(800, 2).map((s) => s / 3) },
    ];
    const packed = coarseOfPoints(runs);
    expect(packed?.layout.runIds).toEqual(['a', 'b', 'c']);
    const parts = unpackOverviewBlock(packed!.layout, packed!.data);
    runs.forEach((run, i) => {
      const [level] = appendToCoarse(null, { runId: run.runId, metric: '' }, run.steps, run.values);
      const part = parts[i]!;
      expect({ x: [...part.x], min: [...part.min], max: [...part.max], last: [...part.last], counts: [...part.counts] }, run.runId).toEqual({
        x: [...level!.x],
        min: [...level!.min],
        max: [...level!.max],
        last: [...level!.last],
        counts: [...level!.counts],
      });
    });
  });

  it('gives none where a bucket holds about a point (an eval metric every 100 steps), as it would be no smaller than the points', () => {
    expect(coarseOfPoints([{ runId: 'e', steps: steps(100, 100), values: steps(100, 100) }])).toBeNull();
    expect(coarseOfPoints([])).toBeNull();
  });
});
