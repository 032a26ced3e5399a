import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../lib/seededRandom';
import { paramImportance, pearson } from './paramImportance';
import type { ConfigTree, RunRecord } from '../runs/runTypes';
import { testRun } from '../runs/testRuns';

/** n runs with random configs and a metric computed from them. */
function runsWith(n: number, metric: (config: Record<string, number | string | boolean>, random: () => number) => number): RunRecord[] {
  const random = seededRandom(11);
  return Array.from({ length: n }, (_, i) => {
    const config = {
      lr: random() * 0.1,
      dropout: random() * 0.5,
      batch: [16, 32, 64, 128][Math.floor(random() * 4)]!,
      optimizer: ['adam', 'sgd', 'rmsprop'][Math.floor(random() * 3)]!,
      amsgrad: random() < 0.5,
      seed: Math.floor(random() * 1e6),
      warmup: random(),
    };
    // Eight keys, one of them nested, as the workspace sees them after flattening.
    const tree: ConfigTree = { ...config, model: { width: Math.floor(random() * 512) } };
    return testRun(`r${i}`, { config: tree, summary: { loss: metric(config, random) } });
  });
}

const row = (result: ReturnType<typeof paramImportance>, label: string) => result.rows.find((r) => r.label === label)!;

describe('paramImportance', () => {
  it('paramImportance(1,000 runs × 8 keys, metric of lr only) ranks lr first with |corr| ≈ 1 and noise keys low', () => {
    const runs = runsWith(1000, (c, r) => 5 * (c.lr as number) + 0.001 * r());
    const started = performance.now();
    const result = paramImportance(runs, { metric: 'loss', forest: { seed: 1 } });
    const ms = performance.now() - started;
    // Logged, not asserted: on a shared machine the time mostly measures what else is running.
    console.log(`paramImportance: 1,000 runs × 8 keys (${result.rows.length} features) in ${ms.toFixed(1)} ms`);
    expect(result.runCount).toBe(1000);
    expect(result.rows[0]!.key).toBe('lr');
    expect(Math.abs(row(result, 'lr').correlation)).toBeGreaterThan(0.99);
    expect(row(result, 'lr').importance).toBeGreaterThan(0.9);
    expect(new Set(result.rows.map((r) => r.key)).size).toBe(8);
    for (const noise of result.rows.filter((r) => r.key !== 'lr')) {
      expect(noise.importance, noise.label).toBeLessThan(0.03);
      expect(Math.abs(noise.correlation), noise.label).toBeLessThan(0.15);
    }
    expect(result.rows.reduce((s, r) => s + r.importance, 0)).toBeCloseTo(1, 12);
  });

  it('paramImportance(metric of a text key) one-hot encodes it, one row per value', () => {
    const runs = runsWith(300, (c, r) => (c.optimizer === 'adam' ? 1 : 0) + 0.01 * r());
    const result = paramImportance(runs, { metric: 'loss' });
    const optimizerRows = result.rows.filter((r) => r.key === 'optimizer');
    expect(optimizerRows.map((r) => r.category).sort()).toEqual(['adam', 'rmsprop', 'sgd']);
    expect(row(result, 'optimizer = adam').correlation).toBeGreaterThan(0.99);
    expect(optimizerRows.reduce((s, r) => s + r.importance, 0)).toBeGreaterThan(0.9);
    expect(result.rows[0]!.key).toBe('optimizer');
  });

  it('paramImportance(booleans) treats them as one numeric 0/1 feature', () => {
    const runs = runsWith(200, (c) => (c.amsgrad ? -1 : 1));
    const result = paramImportance(runs, { metric: 'loss' });
    expect(row(result, 'amsgrad')).toMatchObject({ category: null, correlation: expect.closeTo(-1, 9) });
    expect(result.rows[0]!.key).toBe('amsgrad');
  });

  it('paramImportance(runs, {forest: {seed}}) gives the same result for the same seed', () => {
    const runs = runsWith(200, (c, r) => (c.lr as number) + (c.dropout as number) + r());
    expect(paramImportance(runs, { metric: 'loss', forest: { seed: 3 } })).toEqual(paramImportance(runs, { metric: 'loss', forest: { seed: 3 } }));
  });

  it('paramImportance skips constant keys, keys with too many text values and unset keys, with reasons', () => {
    const runs = Array.from({ length: 30 }, (_, i) =>
      testRun(`r${i}`, { config: { lr: i / 30, fixed: 3, name: `model-${i}`, partly: i % 2 ? 'a' : null }, summary: { loss: i } }),
    );
    const result = paramImportance(runs, { metric: 'loss', keys: ['lr', 'fixed', 'name', 'partly', 'absent'] });
    expect(result.skipped).toEqual([
      { key: 'fixed', reason: 'the same value in every run' },
      { key: 'name', reason: '30 distinct values: too many to compare one by one' },
      { key: 'absent', reason: 'not set in any run with the metric' },
    ]);
    expect(result.rows.map((r) => r.label).sort()).toEqual(['lr', 'partly = a', 'partly = —']);
  });

  it('paramImportance(runs) counts only runs with a finite value of the metric; fewer than 3 skips everything', () => {
    const runs = [
      testRun('a', { config: { lr: 1 }, summary: { loss: 1 } }),
      testRun('b', { config: { lr: 2 }, summary: { loss: NaN } }),
      testRun('c', { config: { lr: 3 }, summary: {} }),
      testRun('d', { config: { lr: 4 }, summary: { loss: 2 } }),
    ];
    const result = paramImportance(runs, { metric: 'loss' });
    expect(result.runCount).toBe(2);
    expect(result.rows).toEqual([]);
    expect(result.skipped).toEqual([{ key: 'lr', reason: 'needs at least 3 runs with a value of loss; 2 have one' }]);
  });

  it('paramImportance(a numeric key missing in some runs) keeps it, correlating over the runs that have it', () => {
    const runs = Array.from({ length: 40 }, (_, i) => testRun(`r${i}`, { config: i % 4 ? { lr: i } : {}, summary: { loss: 2 * i } }));
    const result = paramImportance(runs, { metric: 'loss' });
    expect(row(result, 'lr').correlation).toBeCloseTo(1, 12);
  });
});

describe('pearson', () => {
  it('pearson(x, y) is 1 for an increasing line, -1 for a decreasing one, NaN when a side is constant', () => {
    const x = Float64Array.of(1, 2, 3, 4);
    expect(pearson(x, Float64Array.of(3, 5, 7, 9))).toBeCloseTo(1, 12);
    expect(pearson(x, Float64Array.of(4, 3, 2, 1))).toBeCloseTo(-1, 12);
    expect(pearson(x, Float64Array.of(2, 2, 2, 2))).toBeNaN();
    expect(pearson(Float64Array.of(1), Float64Array.of(1))).toBeNaN();
  });

  it('pearson(x with NaN, y) leaves those samples out; matches a hand computation', () => {
    // x = 1,2,3 and y = 1,3,2: r = 1 / (√2 · √2) = 0.5.
    expect(pearson(Float64Array.of(1, NaN, 2, 3), Float64Array.of(1, 100, 3, 2))).toBeCloseTo(0.5, 12);
  });
});
