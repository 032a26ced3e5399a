import { describe, expect, it } from 'vitest';
import { SummaryAccumulator } from './summary';

function fed(metric: string, values: number[]): SummaryAccumulator {
  const acc = new SummaryAccumulator();
  for (const v of values) acc.metric(metric).add(v);
  return acc;
}

describe('SummaryAccumulator', () => {
  it('snapshot() is empty before anything is logged', () => {
    expect(new SummaryAccumulator().snapshot()).toEqual({});
  });

  it('add() keeps the last value by default', () => {
    expect(fed('loss', [3, 1, 2]).snapshot()).toEqual({ loss: 2 });
  });

  it('setMode(metric, "min") keeps the minimum', () => {
    const acc = new SummaryAccumulator();
    acc.setMode('loss', 'min');
    for (const v of [3, 1, 2, -0.5, 4]) acc.metric('loss').add(v);
    expect(acc.snapshot()).toEqual({ loss: -0.5 });
  });

  it('setMode(metric, "max") keeps the maximum', () => {
    const acc = new SummaryAccumulator();
    acc.setMode('acc', 'max');
    for (const v of [0.1, 0.9, 0.3]) acc.metric('acc').add(v);
    expect(acc.snapshot()).toEqual({ acc: 0.9 });
  });

  it('setMode(metric, "mean") keeps the mean', () => {
    const acc = new SummaryAccumulator();
    acc.setMode('x', 'mean');
    for (const v of [1, 2, 3, 6]) acc.metric('x').add(v);
    expect(acc.snapshot()).toEqual({ x: 3 });
  });

  it('setMode() applies to values logged before it was called', () => {
    const acc = fed('x', [5, 1, 3]);
    acc.setMode('x', 'min');
    expect(acc.snapshot()).toEqual({ x: 1 });
    acc.setMode('x', 'max');
    expect(acc.snapshot()).toEqual({ x: 5 });
  });

  it('modes are per metric', () => {
    const acc = new SummaryAccumulator();
    acc.setMode('loss', 'min');
    for (const v of [3, 1, 2]) {
      acc.metric('loss').add(v);
      acc.metric('acc').add(v);
    }
    expect(acc.snapshot()).toEqual({ loss: 1, acc: 2 });
  });

  it('add(NaN) is kept as the last value', () => {
    expect(fed('loss', [1, NaN]).snapshot().loss).toBeNaN();
  });

  it('add(NaN) is ignored by min, max and mean', () => {
    const acc = new SummaryAccumulator();
    acc.setMode('lo', 'min');
    acc.setMode('hi', 'max');
    acc.setMode('avg', 'mean');
    for (const v of [NaN, 2, NaN, 4, NaN]) {
      acc.metric('lo').add(v);
      acc.metric('hi').add(v);
      acc.metric('avg').add(v);
    }
    expect(acc.snapshot()).toEqual({ lo: 2, hi: 4, avg: 3 });
  });

  it('min/max/mean of only NaN values is NaN', () => {
    for (const mode of ['min', 'max', 'mean'] as const) {
      const acc = new SummaryAccumulator();
      acc.setMode('x', mode);
      acc.metric('x').add(NaN);
      expect(acc.snapshot().x, mode).toBeNaN();
    }
  });

  it('min and max handle ±Infinity', () => {
    const acc = new SummaryAccumulator();
    acc.setMode('lo', 'min');
    acc.setMode('hi', 'max');
    acc.metric('lo').add(Infinity);
    acc.metric('hi').add(-Infinity);
    expect(acc.snapshot()).toEqual({ lo: Infinity, hi: -Infinity });
    acc.metric('lo').add(-Infinity);
    acc.metric('hi').add(Infinity);
    expect(acc.snapshot()).toEqual({ lo: -Infinity, hi: Infinity });
  });

  it('override(metric, value) wins over the computed value until the metric is logged again (as in W&B)', () => {
    const acc = new SummaryAccumulator();
    acc.setMode('loss', 'min');
    acc.metric('loss').add(1);
    acc.override('loss', 42);
    expect(acc.snapshot()).toEqual({ loss: 42 });
    acc.metric('loss').add(0.5);
    expect(acc.snapshot()).toEqual({ loss: 0.5 });
  });

  it('override() of a metric never logged adds it to the snapshot', () => {
    const acc = fed('loss', [1]);
    acc.override('best_epoch', 7);
    expect(acc.snapshot()).toEqual({ loss: 1, best_epoch: 7 });
  });

  it('override() set again replaces the earlier override', () => {
    const acc = new SummaryAccumulator();
    acc.override('x', 1);
    acc.override('x', 2);
    expect(acc.snapshot()).toEqual({ x: 2 });
  });
});
