import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/lib/seededRandom';
import { syntheticConfig, syntheticCurves, SYNTHETIC_METRICS } from './syntheticRuns';

describe('syntheticConfig / syntheticCurves', () => {
  const configs = Array.from({ length: 300 }, (_, i) => syntheticConfig(seededRandom(i)));

  it('syntheticConfig draws 8 keys in their ranges, lr log-uniform over 1e-5…1e-1', () => {
    for (const c of configs) {
      expect(Object.keys(c).sort()).toEqual(['batch_size', 'dropout', 'layers', 'lr', 'optimizer', 'seed', 'warmup', 'weight_decay']);
      expect(c.lr).toBeGreaterThanOrEqual(1e-5);
      expect(c.lr).toBeLessThanOrEqual(1e-1);
      expect(c.dropout).toBeGreaterThanOrEqual(0);
      expect(c.dropout).toBeLessThanOrEqual(0.5);
      expect(['adam', 'adamw', 'sgd', 'rmsprop']).toContain(c.optimizer);
    }
    // Log-uniform: about a quarter of the draws in each decade.
    const belowMilli = configs.filter((c) => c.lr < 1e-3).length / configs.length;
    expect(belowMilli).toBeGreaterThan(0.4);
    expect(belowMilli).toBeLessThan(0.6);
  });

  it('syntheticCurves gives 4 metrics per step: losses falling from about ln 10, accuracies in [0, 1]', () => {
    const config = { ...configs[0]!, lr: 3e-3, optimizer: 'adam' as const, warmup: 0 };
    const curves = syntheticCurves(config, 10_000, seededRandom(1));
    expect(curves).toHaveLength(SYNTHETIC_METRICS.length);
    const [trainLoss, trainAcc, valLoss, valAcc] = curves as [Float64Array, Float64Array, Float64Array, Float64Array];
    const mean = (a: Float64Array, from: number, to: number) => a.subarray(from, to).reduce((s, v) => s + v, 0) / (to - from);
    expect(mean(trainLoss, 0, 10)).toBeGreaterThan(1.8);
    expect(mean(trainLoss, 9900, 10_000)).toBeLessThan(0.5);
    expect(mean(valLoss, 9900, 10_000)).toBeGreaterThan(mean(trainLoss, 9900, 10_000) * 0.95);
    for (const acc of [trainAcc, valAcc]) for (const v of acc) expect(v >= 0 && v <= 1).toBe(true);
    expect(mean(trainAcc, 9900, 10_000)).toBeGreaterThan(mean(trainAcc, 0, 10));
  });

  it('syntheticCurves puts one-step spikes into some runs and lets some large-lr runs diverge to NaN', () => {
    let spiky = 0;
    let diverged = 0;
    configs.forEach((config, i) => {
      const [loss] = syntheticCurves(config, 2000, seededRandom(1000 + i));
      const finite = Array.from(loss!).filter((v) => !Number.isNaN(v));
      if (finite.length < loss!.length) diverged++;
      if (finite.some((v, s) => s > 0 && s < finite.length - 1 && v > 2.5 * Math.max(finite[s - 1]!, finite[s + 1]!))) spiky++;
    });
    expect(spiky).toBeGreaterThan(configs.length / 3);
    expect(diverged).toBeGreaterThan(0);
    expect(diverged).toBeLessThan(configs.length / 5);
  });

  it('syntheticCurves is reproducible from its seed', () => {
    const a = syntheticCurves(configs[3]!, 500, seededRandom(9));
    const b = syntheticCurves(configs[3]!, 500, seededRandom(9));
    expect(a).toEqual(b);
  });
});
