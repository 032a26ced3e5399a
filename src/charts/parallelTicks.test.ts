import { describe, expect, it } from 'vitest';
import type { ParallelAxis } from '../model/workspace/brush';
import { axisTicks, formatTick, linearTicks } from './parallelTicks';

const column = { kind: 'config', key: 'x' } as const;
const numeric = (domain: [number, number], scale: 'linear' | 'log' = 'linear'): ParallelAxis => ({ kind: 'numeric', column, scale, domain, hasMissing: false });
const options = { count: 5, minGap: 0.05 };

describe('linearTicks', () => {
  it('linearTicks(lo, hi, count) steps by 1, 2 or 5 × 10^k inside the domain without float noise', () => {
    expect(linearTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(0.1, 0.5, 4)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(linearTicks(3, 97, 5)).toEqual([20, 40, 60, 80]);
    expect(linearTicks(-7, 7, 4)).toEqual([-5, 0, 5]);
  });
});

describe('axisTicks', () => {
  it('axisTicks(linear axis) places each tick at its height on the axis', () => {
    const ticks = axisTicks(numeric([0, 1]), options);
    expect(ticks.map((t) => t.label)).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1']);
    expect(ticks.map((t) => t.position)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1].map((p) => expect.closeTo(p, 12)));
  });

  it('axisTicks(log axis over 3 decades) puts a tick on each power of ten', () => {
    const ticks = axisTicks(numeric([0.0001, 0.1], 'log'), options);
    expect(ticks.map((t) => t.label)).toEqual(['1e-4', '0.001', '0.01', '0.1']);
    expect(ticks.map((t) => t.position)).toEqual([0, 1 / 3, 2 / 3, 1].map((p) => expect.closeTo(p, 9)));
  });

  it('axisTicks(log axis over 12 decades) thins the decades to about the asked count', () => {
    const ticks = axisTicks(numeric([1e-6, 1e6], 'log'), options);
    expect(ticks.length).toBeLessThanOrEqual(7);
    expect(ticks[0]!.label).toBe('1e-6');
  });

  it('axisTicks(log axis over 2.5 decades) adds 2× and 5× between the powers of ten', () => {
    expect(axisTicks(numeric([0.00012, 0.098], 'log'), options).map((t) => t.label)).toEqual(['2e-4', '5e-4', '0.001', '0.002', '0.005', '0.01', '0.02', '0.05']);
  });

  it('axisTicks(log axis within one decade) adds 2× and 5× ticks, or falls back to linear ones', () => {
    expect(axisTicks(numeric([0.15, 0.6], 'log'), options).map((t) => t.label)).toEqual(['0.2', '0.5']);
    expect(axisTicks(numeric([3, 4], 'log'), options).length).toBeGreaterThanOrEqual(2);
  });

  it('axisTicks(categorical axis of numbers and text) shortens the numbers and keeps them in full as the value', () => {
    const axis: ParallelAxis = { kind: 'categorical', column, categories: ['0.000123456', '0.0464158883', 'auto'], hasMissing: false };
    expect(axisTicks(axis, options).map((t) => [t.label, t.value])).toEqual([
      ['1.23e-4', '0.000123456'],
      ['0.04642', '0.0464158883'],
      ['auto', 'auto'],
    ]);
  });

  it('axisTicks(single-value axis) is that one value in the middle', () => {
    expect(axisTicks(numeric([0.3, 0.3]), options)).toEqual([{ label: '0.3', value: '0.3', position: 0.5 }]);
  });

  it('axisTicks(categorical axis) is a tick per category, thinned to every k-th when they would overlap', () => {
    const axis: ParallelAxis = { kind: 'categorical', column, categories: ['adam', 'sgd'], hasMissing: true };
    expect(axisTicks(axis, options)).toEqual([
      { label: 'adam', value: 'adam', position: 0 },
      { label: 'sgd', value: 'sgd', position: 1 },
    ]);
    const many: ParallelAxis = { kind: 'categorical', column, categories: Array.from({ length: 101 }, (_, i) => `c${i}`), hasMissing: false };
    const thinned = axisTicks(many, { count: 5, minGap: 0.05 });
    expect(thinned.map((t) => t.label).slice(0, 3)).toEqual(['c0', 'c5', 'c10']);
    expect(thinned).toHaveLength(21);
  });
});

describe('formatTick', () => {
  it('formatTick(value) is short: exponent form below 1e-3 and from 1e5, else 4 significant digits', () => {
    expect([0, 0.0001, 0.00025, 0.001, 0.5, 123.456, 99999, 250000, -2e-5].map(formatTick)).toEqual(['0', '1e-4', '2.5e-4', '0.001', '0.5', '123.5', '1e5', '2.5e5', '-2e-5']);
  });
});
