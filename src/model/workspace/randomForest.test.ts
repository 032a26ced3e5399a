import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../lib/seededRandom';
import { forestImportance, type ForestData } from './randomForest';

/** n samples of `f` uniform features and a target computed from them. */
function dataset(options: { n: number; f: number; seed: number; target: (x: number[], random: () => number) => number }): ForestData {
  const random = seededRandom(options.seed);
  const features = Array.from({ length: options.f }, () => new Float64Array(options.n));
  const target = new Float64Array(options.n);
  for (let i = 0; i < options.n; i++) {
    const x = features.map((column) => (column[i] = random()));
    target[i] = options.target(x, random);
  }
  return { features, target };
}

const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

describe('forestImportance', () => {
  it('forestImportance(target of feature 0 only) puts nearly all importance on feature 0, summing to 1', () => {
    const data = dataset({ n: 500, f: 5, seed: 1, target: ([a], r) => 3 * a! + 0.01 * r() });
    const importance = forestImportance(data);
    expect(sum(importance)).toBeCloseTo(1, 12);
    expect(importance[0]!).toBeGreaterThan(0.9);
    for (let f = 1; f < 5; f++) expect(importance[f]!).toBeLessThan(0.05);
  });

  it('forestImportance(an interaction that correlation misses) finds both interacting features', () => {
    const data = dataset({ n: 800, f: 4, seed: 2, target: ([a, b]) => Number(a! > 0.5 !== b! > 0.5) });
    const importance = forestImportance(data);
    expect(importance[0]! + importance[1]!).toBeGreaterThan(0.8);
    expect(Math.min(importance[0]!, importance[1]!)).toBeGreaterThan(0.25);
  });

  it('forestImportance(data, {seed}) is the same for the same seed', () => {
    const data = dataset({ n: 200, f: 4, seed: 3, target: ([a, b], r) => a! + b! + r() });
    expect(forestImportance(data, { seed: 7 })).toEqual(forestImportance(data, { seed: 7 }));
    expect(forestImportance(data, { seed: 7 })).not.toEqual(forestImportance(data, { seed: 8 }));
  });

  it('forestImportance(a feature whose missing values carry the signal) splits the missing ones off', () => {
    const data = dataset({ n: 400, f: 3, seed: 4, target: () => 0 });
    data.features[2]!.forEach((_, i) => {
      if (i % 2 === 0) data.features[2]![i] = NaN;
      data.target[i] = i % 2 === 0 ? 5 : 0;
    });
    expect(forestImportance(data)[2]!).toBeGreaterThan(0.9);
  });

  it('forestImportance(a constant target) is all zeros, as is too little data', () => {
    const flat = dataset({ n: 100, f: 3, seed: 5, target: () => 1e6 });
    expect(Array.from(forestImportance(flat))).toEqual([0, 0, 0]);
    const tiny = dataset({ n: 4, f: 2, seed: 5, target: ([a]) => a! });
    expect(Array.from(forestImportance(tiny))).toEqual([0, 0]);
  });

  it('forestImportance(a target around 1e6) finds the same feature as around 0 (no precision loss)', () => {
    const data = dataset({ n: 300, f: 3, seed: 6, target: ([, b]) => 1e6 + b! });
    expect(forestImportance(data)[1]!).toBeGreaterThan(0.9);
  });

  it('forestImportance(more distinct values than bins) still ranks the informative feature first', () => {
    const data = dataset({ n: 1000, f: 3, seed: 9, target: ([, , c], r) => Math.sin(6 * c!) + 0.05 * r() });
    const importance = forestImportance(data, { bins: 8 });
    expect(importance[2]!).toBeGreaterThan(0.85);
  });
});
