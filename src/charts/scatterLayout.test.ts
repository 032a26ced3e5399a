import { describe, expect, it } from 'vitest';
import { testRun } from '../model/runs/testRuns';
import { placedTicks, scatterLayout } from './scatterLayout';

const lr = { kind: 'config', key: 'lr' } as const;
const loss = { kind: 'summary', key: 'loss' } as const;
const optimizer = { kind: 'config', key: 'optimizer' } as const;
const red = () => 'red';

describe('scatterLayout', () => {
  it('scatterLayout(numbers) places the smallest value left/bottom and the largest right/top, inside a margin', () => {
    const runs = [testRun('a', { config: { lr: 1 }, summary: { loss: 10 } }), testRun('b', { config: { lr: 3 }, summary: { loss: 20 } }), testRun('c', { config: { lr: 2 }, summary: { loss: 15 } })];
    const { points, notes } = scatterLayout({ runs, x: lr, y: loss, colorOf: red });
    expect(points.map((p) => p.run.id)).toEqual(['a', 'b', 'c']);
    const [a, b, c] = points;
    expect(a!.x).toBeGreaterThan(0);
    expect(a!.x).toBeLessThan(0.1);
    expect(b!.x).toBeGreaterThan(0.9);
    expect(b!.x).toBeLessThan(1);
    expect(c!.x).toBeCloseTo(0.5);
    expect(c!.y).toBeCloseTo(0.5);
    expect(a!.color).toBe('red');
    expect(notes).toEqual([]);
  });

  it('scatterLayout(missing, NaN, Infinity) leaves those runs out and says how many', () => {
    const runs = [
      testRun('a', { config: { lr: 1 }, summary: { loss: 1 } }),
      testRun('b', { config: { lr: 2 }, summary: { loss: 2 } }),
      testRun('nan', { config: { lr: 3 }, summary: { loss: NaN } }),
      testRun('inf', { config: { lr: 4 }, summary: { loss: Infinity } }),
      testRun('none', { config: {}, summary: { loss: 3 } }),
    ];
    const { points, notes } = scatterLayout({ runs, x: lr, y: loss, colorOf: red });
    expect(points.map((p) => p.run.id)).toEqual(['a', 'b']);
    expect(notes).toEqual(['3 runs have no value of lr or loss: left out']);
  });

  it('scatterLayout(text) gives each category its own band, jittered within it and the same on every call', () => {
    const runs = Array.from({ length: 40 }, (_, i) => testRun(`r${i}`, { config: { optimizer: i % 2 ? 'sgd' : 'adam' }, summary: { loss: i } }));
    const first = scatterLayout({ runs, x: optimizer, y: loss, colorOf: red });
    const adam = first.points.filter((p) => p.run.config.optimizer === 'adam').map((p) => p.x);
    const sgd = first.points.filter((p) => p.run.config.optimizer === 'sgd').map((p) => p.x);
    expect(Math.max(...adam)).toBeLessThan(0.5);
    expect(Math.min(...sgd)).toBeGreaterThan(0.5);
    expect(new Set(adam).size).toBeGreaterThan(10);
    expect(Math.max(...adam) - Math.min(...adam)).toBeGreaterThan(0.1);
    expect(scatterLayout({ runs, x: optimizer, y: loss, colorOf: red }).points.map((p) => p.x)).toEqual(first.points.map((p) => p.x));
    expect(placedTicks(first.x, { count: 5, minGap: 0.05 }).map((t) => [t.label, t.position])).toEqual([
      ['adam', 0.25],
      ['sgd', 0.75],
    ]);
  });

  it('scatterLayout(numbers mixed with text) draws the column as categories and notes it', () => {
    const runs = [testRun('a', { config: { lr: 0.1 }, summary: { loss: 1 } }), testRun('b', { config: { lr: 'auto' }, summary: { loss: 2 } })];
    const { points, x, notes } = scatterLayout({ runs, x: lr, y: loss, colorOf: red });
    expect(points).toHaveLength(2);
    expect(x.axis.kind).toBe('categorical');
    expect(notes).toEqual(['lr mixes numbers and text: shown as categories']);
  });

  it('scatterLayout(mostly numbers, a little text) keeps the axis numeric and leaves the text out with a note', () => {
    const runs = [1, 2, 3, 'auto', true].map((v, i) => testRun(`r${i}`, { config: { lr: v }, summary: { loss: i } }));
    const { points, x, notes } = scatterLayout({ runs, x: lr, y: loss, colorOf: red });
    expect(x.axis.kind).toBe('numeric');
    expect(points.map((p) => p.run.config.lr)).toEqual([1, 2, 3]);
    expect(notes).toEqual(['2 runs have a non-numeric lr: left out']);
  });

  it('placedTicks(log axis) puts powers of ten where the points of those values are', () => {
    const runs = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1].map((v, i) => testRun(`r${i}`, { config: { lr: v }, summary: { loss: i } }));
    const layout = scatterLayout({ runs, x: lr, y: loss, colorOf: red });
    const ticks = placedTicks(layout.x, { count: 5, minGap: 0.05 });
    expect(ticks.map((t) => t.label)).toEqual(['1e-5', '1e-4', '0.001', '0.01', '0.1']);
    expect(ticks.map((t) => t.position)).toEqual(layout.points.map((p) => p.x));
  });
});
