import { describe, expect, it } from 'vitest';
import type { Brush, ParallelAxis } from '../model/workspace/brush';
import { viridis } from './colorScale';
import { brushSpan, heightAt, insideMask, lineColor, MISSING_COLOR, nearestAxis, nearestLine, parallelLayout, positionY, runPositions, shiftSpan, spanBrush, type ParallelRun } from './parallelGeometry';
import { paletteColor } from '../model/runs/runColors';

const lr = { kind: 'config', key: 'lr' } as const;
const opt = { kind: 'config', key: 'opt' } as const;
const loss = { kind: 'summary', key: 'loss' } as const;
const lrAxis: ParallelAxis = { kind: 'numeric', column: lr, scale: 'log', domain: [0.0001, 0.1], hasMissing: false };
const optAxis: ParallelAxis = { kind: 'categorical', column: opt, categories: ['adam', 'rmsprop', 'sgd'], hasMissing: true };
const lossAxis: ParallelAxis = { kind: 'numeric', column: loss, scale: 'linear', domain: [0, 1], hasMissing: true };
const axes = [lrAxis, optAxis, lossAxis];
const runs: ParallelRun[] = [
  { id: 'a', name: 'a', values: [0.0001, 'adam', 0] },
  { id: 'b', name: 'b', values: [0.01, 'sgd', 1] },
  { id: 'c', name: 'c', values: [0.1, undefined, NaN] },
];
const margin = { left: 50, right: 50, top: 40, bottom: 10 };
const layout = parallelLayout({ width: 500, height: 300, axisCount: 3, hasMissing: true, margin });

describe('parallelLayout', () => {
  it('parallelLayout spreads the axes across the width and puts the missing slot under them', () => {
    expect(layout).toEqual({ axisX: [50, 250, 450], top: 40, bottom: 268, missingY: 290 });
    expect(parallelLayout({ width: 500, height: 300, axisCount: 1, hasMissing: false, margin }).axisX).toEqual([250]);
    expect(parallelLayout({ width: 500, height: 300, axisCount: 2, hasMissing: false, margin }).missingY).toBeNull();
  });

  it('positionY and heightAt map heights to pixels and back; null goes to the missing slot', () => {
    expect([positionY(layout, 0), positionY(layout, 1), positionY(layout, 0.5), positionY(layout, null)]).toEqual([268, 40, 154, 290]);
    expect(heightAt(layout, 154)).toEqual({ position: 0.5, inMissing: false });
    expect(heightAt(layout, 285).inMissing).toBe(true);
    expect(heightAt(layout, 270).inMissing).toBe(false);
  });
});

describe('runPositions and lineColor', () => {
  it('runPositions(axes, runs) is each run\'s height per axis, NaN for missing values', () => {
    const p = Array.from(runPositions(axes, runs));
    expect(p.slice(0, 3)).toEqual([0, 0, 0]);
    expect(p.slice(3, 6)).toEqual([expect.closeTo(2 / 3, 6), 1, 1]);
    expect(p.slice(6, 9)).toEqual([1, NaN, NaN]);
  });

  it('lineColor(numeric axis) follows viridis by height, lineColor(categorical axis) the palette, missing is grey', () => {
    expect(lineColor(lossAxis, 0)).toBe(viridis(0));
    expect(lineColor(lossAxis, 1)).toBe(viridis(1));
    expect(lineColor(lossAxis, NaN)).toBe(MISSING_COLOR);
    expect(lineColor(optAxis, 'sgd')).toBe(paletteColor(2));
    expect(lineColor(optAxis, undefined)).toBe(MISSING_COLOR);
  });
});

describe('insideMask', () => {
  it('insideMask(axes, runs, brushes) ANDs the brushes on these axes and ignores brushes on other columns', () => {
    const onLr: Brush = { kind: 'range', column: lr, lo: 0.001, hi: 0.1 };
    const onOpt: Brush = { kind: 'categories', column: opt, values: ['sgd'], includeMissing: true };
    const elsewhere: Brush = { kind: 'range', column: { kind: 'config', key: 'dropout' }, lo: 5, hi: 6 };
    expect(Array.from(insideMask(axes, runs, []))).toEqual([1, 1, 1]);
    expect(Array.from(insideMask(axes, runs, [onLr]))).toEqual([0, 1, 1]);
    expect(Array.from(insideMask(axes, runs, [onLr, onOpt, elsewhere]))).toEqual([0, 1, 1]);
    expect(Array.from(insideMask(axes, runs, [{ ...onOpt, includeMissing: false }]))).toEqual([0, 1, 0]);
  });
});

describe('brushSpan and spanBrush', () => {
  it('brushSpan(numeric axis, range) is the range\'s heights, clamped to the axis', () => {
    expect(brushSpan(lrAxis, { kind: 'range', column: lr, lo: 0.001, hi: 0.01 })).toEqual({ span: [expect.closeTo(1 / 3, 9), expect.closeTo(2 / 3, 9)], includeMissing: false });
    expect(brushSpan(lrAxis, { kind: 'range', column: lr, lo: 0, hi: 5 })).toEqual({ span: [0, 1], includeMissing: false });
  });

  it('brushSpan(categorical axis, categories) covers them with half a step either side; a misfit brush has none', () => {
    expect(brushSpan(optAxis, { kind: 'categories', column: opt, values: ['rmsprop'], includeMissing: true })).toEqual({ span: [0.25, 0.75], includeMissing: true });
    expect(brushSpan(optAxis, { kind: 'categories', column: opt, values: ['nadam'] })).toBeNull();
    expect(brushSpan(optAxis, { kind: 'range', column: opt, lo: 0, hi: 1 })).toBeNull();
    expect(brushSpan(lrAxis, { kind: 'categories', column: lr, values: ['0.1'] })).toBeNull();
  });

  it('spanBrush(axis, brushSpan(axis, brush)) gives the brush back', () => {
    const categories: Brush = { kind: 'categories', column: opt, values: ['adam', 'rmsprop'], includeMissing: true };
    expect(spanBrush(optAxis, brushSpan(optAxis, categories)!)).toEqual(categories);
    const range = spanBrush(lrAxis, brushSpan(lrAxis, { kind: 'range', column: lr, lo: 0.001, hi: 0.01 })!);
    expect(range).toEqual({ kind: 'range', column: lr, lo: expect.closeTo(0.001, 12), hi: expect.closeTo(0.01, 12) });
  });

  it('shiftSpan(span, delta) moves the span whole and stops it at either end', () => {
    expect(shiftSpan([0.2, 0.4], 0.1)).toEqual([expect.closeTo(0.3, 12), expect.closeTo(0.5, 12)]);
    expect(shiftSpan([0.2, 0.4], 0.9)).toEqual([expect.closeTo(0.8, 12), 1]);
    expect(shiftSpan([0.4, 0.2], -0.5)).toEqual([0, expect.closeTo(0.2, 12)]);
  });
});

describe('nearestLine and nearestAxis', () => {
  const positions = runPositions(axes, runs);
  const common = { positions, axisCount: 3, layout, tolerance: 6 };

  it('nearestLine(point) finds the line passing under the pointer between two axes', () => {
    // Between axis 0 and 1, run a goes along the bottom (y 268), run b rises from 2/3 to the top.
    expect(nearestLine({ ...common, candidates: [0, 1, 2], point: { x: 150, y: 266 } })).toBe(0);
    const yB = (positionY(layout, 2 / 3) + positionY(layout, 1)) / 2;
    expect(nearestLine({ ...common, candidates: [0, 1, 2], point: { x: 150, y: yB + 2 } })).toBe(1);
    expect(nearestLine({ ...common, candidates: [0, 1, 2], point: { x: 150, y: 200 } })).toBeNull();
  });

  it('nearestLine only considers the candidates, and follows lines into the missing slot', () => {
    expect(nearestLine({ ...common, candidates: [1, 2], point: { x: 150, y: 266 } })).toBeNull();
    expect(nearestLine({ ...common, candidates: [2], point: { x: 350, y: 290 } })).toBe(2);
  });

  it('nearestAxis(x) is the index of the axis closest to x', () => {
    expect([0, 149, 151, 360, 999].map((x) => nearestAxis(layout, x))).toEqual([0, 0, 1, 2, 2]);
  });
});
