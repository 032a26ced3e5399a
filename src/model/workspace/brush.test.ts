import { describe, expect, it } from 'vitest';
import { axisPosition, brushFromDrag, brushLabel, buildAxis, insideBrush, moveAxis, runsInsideBrushes, withBrush, withoutBrush, type Brush, type ParallelAxis } from './brush';
import type { RunColumn } from '../runTable/runColumns';
import { testRun } from '../runs/testRuns';

const lr: RunColumn = { kind: 'config', key: 'lr' };
const opt: RunColumn = { kind: 'config', key: 'opt' };
const loss: RunColumn = { kind: 'summary', key: 'loss' };

const runs = [
  testRun('a', { config: { lr: 0.001, opt: 'adam', layers: 2 }, summary: { loss: 0.3 } }),
  testRun('b', { config: { lr: 0.01, opt: 'sgd', layers: 4 }, summary: { loss: 0.5 } }),
  testRun('c', { config: { lr: 0.1, opt: 'adam', layers: 8 }, summary: { loss: NaN } }),
  testRun('d', { config: { lr: 0.0001, opt: 'rmsprop' }, summary: { loss: 0.9 } }),
  testRun('e', { config: { opt: true }, summary: {} }),
];
const sorted = (set: Set<string>) => [...set].sort();
const numeric = (axis: ParallelAxis) => {
  if (axis.kind !== 'numeric') throw new Error('expected a numeric axis');
  return axis;
};

describe('buildAxis', () => {
  it('buildAxis(runs, {column}) of numbers spanning 3 decades is a log axis over the data; missing runs are flagged', () => {
    expect(buildAxis(runs, { column: lr })).toEqual({ kind: 'numeric', column: lr, scale: 'log', domain: [0.0001, 0.1], hasMissing: true });
  });

  it('buildAxis(runs, {column, scale: linear}) honours the scale; narrow spans are linear under auto', () => {
    expect(buildAxis(runs, { column: lr, scale: 'linear' })).toMatchObject({ scale: 'linear', domain: [0.0001, 0.1] });
    expect(buildAxis(runs, { column: { kind: 'config', key: 'layers' } })).toMatchObject({ kind: 'numeric', scale: 'linear', domain: [2, 8] });
  });

  it('buildAxis(runs, {column}) of a learning rate sampled over 3 decades whose samples span only 2.5 is a log axis', () => {
    const sampled = [0.00031, 0.002, 0.02, 0.098].map((lr, i) => testRun(`s${i}`, { config: { lr } }));
    expect(buildAxis(sampled, { column: lr })).toMatchObject({ scale: 'log', domain: [0.00031, 0.098] });
    const narrow = [1, 50, 99].map((v, i) => testRun(`n${i}`, { config: { lr: v } }));
    expect(buildAxis(narrow, { column: lr })).toMatchObject({ scale: 'linear' });
  });

  it('buildAxis(runs, {metric with NaN}) keeps NaN out of the domain and on the missing slot', () => {
    const axis = numeric(buildAxis(runs, { column: loss }));
    expect(axis.domain).toEqual([0.3, 0.9]);
    expect(axis.hasMissing).toBe(true);
    expect(axisPosition(axis, NaN)).toBeNull();
    expect(axisPosition(axis, undefined)).toBeNull();
  });

  it('buildAxis(runs, {column of text and booleans}) is categorical with categories in sort order', () => {
    expect(buildAxis(runs, { column: opt })).toEqual({ kind: 'categorical', column: opt, categories: ['true', 'adam', 'rmsprop', 'sgd'], hasMissing: false });
  });

  it('buildAxis(runs, {scale: log}) on values ≤ 0 puts those on the missing slot', () => {
    const signed = [testRun('p', { config: { x: 10 } }), testRun('z', { config: { x: 0 } }), testRun('n', { config: { x: -5 } }), testRun('q', { config: { x: 1000 } })];
    const axis = buildAxis(signed, { column: { kind: 'config', key: 'x' }, scale: 'log' });
    expect(axis).toMatchObject({ scale: 'log', domain: [10, 1000], hasMissing: true });
    expect(axisPosition(axis, 0)).toBeNull();
    expect(buildAxis(signed, { column: { kind: 'config', key: 'x' } })).toMatchObject({ scale: 'linear', domain: [-5, 1000] });
  });
});

/** The value a zero-height drag at a height selects on a numeric axis. */
const valueAt = (axis: ParallelAxis, position: number) => {
  const brush = brushFromDrag(axis, [position, position]);
  return brush?.kind === 'range' ? brush.lo : NaN;
};

describe('axisPosition and the values a drag selects', () => {
  it('axisPosition(log axis) puts each decade at an equal step; a drag at a height selects the value there', () => {
    const axis = numeric(buildAxis(runs, { column: lr }));
    expect([0.0001, 0.001, 0.01, 0.1].map((v) => axisPosition(axis, v))).toEqual([0, 1 / 3, 2 / 3, 1].map((p) => expect.closeTo(p, 12)));
    expect(valueAt(axis, 0.5)).toBeCloseTo(Math.sqrt(0.0001 * 0.1), 12);
  });

  it('axisPosition(linear axis) is proportional; a one-value domain sits in the middle', () => {
    const axis: ParallelAxis = { kind: 'numeric', column: lr, scale: 'linear', domain: [0, 10], hasMissing: false };
    expect(axisPosition(axis, 2.5)).toBe(0.25);
    expect(valueAt(axis, 0.25)).toBe(2.5);
    expect(axisPosition({ ...axis, domain: [3, 3] }, 3)).toBe(0.5);
    expect(axisPosition(axis, Infinity)).toBeNull();
  });

  it('axisPosition(categorical axis) spreads categories evenly; an unknown one is on the missing slot', () => {
    const axis = buildAxis(runs, { column: opt });
    expect(['true', 'adam', 'rmsprop', 'sgd'].map((v) => axisPosition(axis, v))).toEqual([0, 1 / 3, 2 / 3, 1]);
    expect(axisPosition(axis, true)).toBe(0);
    expect(axisPosition(axis, 'lion')).toBeNull();
  });
});

describe('runsInsideBrushes', () => {
  const lrBrush: Brush = { kind: 'range', column: lr, lo: 0.001, hi: 0.01 };
  const adam: Brush = { kind: 'categories', column: opt, values: ['adam'] };

  it('runsInsideBrushes(runs, [range]) selects exactly the runs inside it, both ends included', () => {
    expect(sorted(runsInsideBrushes(runs, [lrBrush]))).toEqual(['a', 'b']);
    expect(sorted(runsInsideBrushes(runs, [{ ...lrBrush, lo: 0.0011 }]))).toEqual(['b']);
  });

  it('runsInsideBrushes(runs, [categories]) selects the runs whose value is among them', () => {
    expect(sorted(runsInsideBrushes(runs, [adam]))).toEqual(['a', 'c']);
    expect(sorted(runsInsideBrushes(runs, [{ ...adam, values: ['sgd', 'true'] }]))).toEqual(['b', 'e']);
  });

  it('runsInsideBrushes(runs, [a, b]) is the intersection of the brushes', () => {
    expect(sorted(runsInsideBrushes(runs, [lrBrush, adam]))).toEqual(['a']);
    expect(sorted(runsInsideBrushes(runs, [lrBrush, { kind: 'range', column: loss, lo: 0.4, hi: 1 }]))).toEqual(['b']);
  });

  it('runsInsideBrushes after withoutBrush restores what the remaining brushes select; none selects all', () => {
    const both = withBrush([lrBrush], adam);
    expect(sorted(runsInsideBrushes(runs, withoutBrush(both, opt)))).toEqual(['a', 'b']);
    expect(sorted(runsInsideBrushes(runs, withoutBrush(withoutBrush(both, opt), lr)))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('runsInsideBrushes(runs, [brush with includeMissing]) also selects missing and NaN values', () => {
    expect(sorted(runsInsideBrushes(runs, [{ kind: 'range', column: loss, lo: 0, hi: 0.4 }]))).toEqual(['a']);
    expect(sorted(runsInsideBrushes(runs, [{ kind: 'range', column: loss, lo: 0, hi: 0.4, includeMissing: true }]))).toEqual(['a', 'c', 'e']);
  });

  it('withBrush(brushes, brush) replaces the brush already on that axis', () => {
    const next = withBrush([lrBrush, adam], { ...lrBrush, hi: 1 });
    expect(next).toHaveLength(2);
    expect(sorted(runsInsideBrushes(runs, next))).toEqual(['a', 'c']);
  });

  it('insideBrush(range, text) is false rather than a type error', () => {
    expect(insideBrush(lrBrush, 'auto')).toBe(false);
  });
});

describe('brushFromDrag', () => {
  it('brushFromDrag(numeric axis, span) turns heights into values in either drag direction', () => {
    const axis = numeric(buildAxis(runs, { column: lr }));
    const brush = brushFromDrag(axis, [2 / 3, 1 / 3]);
    expect(brush).toMatchObject({ kind: 'range', column: lr });
    if (brush?.kind !== 'range') throw new Error('expected a range');
    expect(brush.lo).toBeCloseTo(0.001, 12);
    expect(brush.hi).toBeCloseTo(0.01, 12);
  });

  it('brushFromDrag(categorical axis, span) selects the categories it covers, or null', () => {
    const axis = buildAxis(runs, { column: opt });
    expect(brushFromDrag(axis, [0.3, 0.7])).toEqual({ kind: 'categories', column: opt, values: ['adam', 'rmsprop'] });
    expect(brushFromDrag(axis, [0.4, 0.5])).toBeNull();
  });
});

describe('brushLabel', () => {
  it('brushLabel(range) reads as lo ≤ key ≤ hi with short numbers', () => {
    expect(brushLabel({ kind: 'range', column: lr, lo: 0.001, hi: 0.01 })).toBe('0.001 ≤ lr ≤ 0.01');
    expect(brushLabel({ kind: 'range', column: loss, lo: 0.123456, hi: 12345.6, includeMissing: true })).toBe('0.123 ≤ loss ≤ 12300 or missing');
  });

  it('brushLabel(categories) reads as key = value or key ∈ {values}', () => {
    expect(brushLabel({ kind: 'categories', column: opt, values: ['adam'] })).toBe('opt = adam');
    expect(brushLabel({ kind: 'categories', column: opt, values: ['adam', 'sgd'] })).toBe('opt ∈ {adam, sgd}');
  });
});

describe('moveAxis', () => {
  it('moveAxis(axes, {from, to}) moves one axis and keeps the others in order, in a new array', () => {
    const axes = ['lr', 'opt', 'layers', 'loss'];
    expect(moveAxis(axes, { from: 0, to: 2 })).toEqual(['opt', 'layers', 'lr', 'loss']);
    expect(moveAxis(axes, { from: 3, to: 0 })).toEqual(['loss', 'lr', 'opt', 'layers']);
    expect(moveAxis(axes, { from: 1, to: 1 })).toEqual(axes);
    expect(moveAxis(axes, { from: 9, to: 0 })).toEqual(axes);
    expect(moveAxis(axes, { from: 0, to: 1 })).not.toBe(axes);
    expect(axes).toEqual(['lr', 'opt', 'layers', 'loss']);
  });
});
