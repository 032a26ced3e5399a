import { describe, expect, it } from 'vitest';
import { cellValue, compareCells, discoverColumns, type CellValue, type RunColumn } from './runColumns';
import { testRun } from '../runs/testRuns';

const run = testRun;

describe('cellValue', () => {
  it('cellValue(run, config column) reads the flattened config by dotted key', () => {
    const r = run('a', { config: { optimizer: { lr: 0.01, name: 'adam' }, layers: [64, 32] } });
    expect(cellValue(r, { kind: 'config', key: 'optimizer.lr' })).toBe(0.01);
    expect(cellValue(r, { kind: 'config', key: 'optimizer.name' })).toBe('adam');
    expect(cellValue(r, { kind: 'config', key: 'layers' })).toBe('[64,32]');
    expect(cellValue(r, { kind: 'config', key: 'optimizer' })).toBeUndefined();
  });

  it('cellValue(run, summary column) reads the summary, undefined when the metric was never logged', () => {
    const r = run('a', { summary: { loss: 0.25, _step: 9 } });
    expect(cellValue(r, { kind: 'summary', key: 'loss' })).toBe(0.25);
    expect(cellValue(r, { kind: 'summary', key: 'acc' })).toBeUndefined();
  });

  it('cellValue(run, field column) reads name, state and createdAt from the record', () => {
    const r = run('a', { name: 'brisk-owl-3', state: 'failed', createdAt: 1234 });
    expect(cellValue(r, { kind: 'field', key: 'name' })).toBe('brisk-owl-3');
    expect(cellValue(r, { kind: 'field', key: 'state' })).toBe('failed');
    expect(cellValue(r, { kind: 'field', key: 'createdAt' })).toBe(1234);
  });

  it('cellValue(run, runtime column) is finishedAt - createdAt for an ended run', () => {
    const r = run('a', { state: 'finished', createdAt: 1_000, finishedAt: 61_000, heartbeatAt: 61_000 });
    expect(cellValue(r, { kind: 'field', key: 'runtime' })).toBe(60_000);
  });
});

describe('discoverColumns', () => {
  it('discoverColumns([]) is empty', () => {
    expect(discoverColumns([])).toEqual([]);
  });

  it('discoverColumns(runs) lists flattened config keys then summary keys, each sorted, each once, without _ metrics', () => {
    const runs = [
      run('a', { config: { seed: 1, optimizer: { lr: 0.1 } }, summary: { loss: 1, _step: 3, _runtime: 2 } }),
      run('b', { config: { optimizer: { lr: 0.2, beta: 0.9 }, batch: 32 }, summary: { acc: 0.5, loss: 2 } }),
    ];
    expect(discoverColumns(runs)).toEqual<RunColumn[]>([
      { kind: 'config', key: 'batch' },
      { kind: 'config', key: 'optimizer.beta' },
      { kind: 'config', key: 'optimizer.lr' },
      { kind: 'config', key: 'seed' },
      { kind: 'summary', key: 'acc' },
      { kind: 'summary', key: 'loss' },
    ]);
  });

  it('discoverColumns(runs) keeps a config key named like a metric in both sections', () => {
    const columns = discoverColumns([run('a', { config: { loss: 'mse' }, summary: { loss: 0.1 } })]);
    expect(columns).toEqual<RunColumn[]>([
      { kind: 'config', key: 'loss' },
      { kind: 'summary', key: 'loss' },
    ]);
  });
});

describe('compareCells', () => {
  const sorted = (values: CellValue[]) => [...values].sort(compareCells);

  it('compareCells(a, b) orders numbers numerically, not as text', () => {
    expect(sorted([10, 9, -1, 100, 0.5])).toEqual([-1, 0.5, 9, 10, 100]);
    expect(compareCells(2, 10)).toBeLessThan(0);
    expect(compareCells(10, 2)).toBeGreaterThan(0);
    expect(compareCells(3, 3)).toBe(0);
  });

  it('compareCells(a, b) puts NaN after every number, including Infinity', () => {
    expect(sorted([NaN, Infinity, 1, -Infinity])).toEqual([-Infinity, 1, Infinity, NaN]);
    expect(compareCells(NaN, Infinity)).toBeGreaterThan(0);
    expect(compareCells(Infinity, NaN)).toBeLessThan(0);
    expect(compareCells(NaN, NaN)).toBe(0);
  });

  it('compareCells(a, b) puts booleans after numbers, false before true', () => {
    expect(sorted([true, 1, false, NaN])).toEqual([1, NaN, false, true]);
    expect(compareCells(false, true)).toBeLessThan(0);
    expect(compareCells(true, true)).toBe(0);
  });

  it('compareCells(a, b) puts strings after booleans and orders them with numeric collation', () => {
    expect(sorted(['run-10', 'run-9', true, 'run-1', 2])).toEqual([2, true, 'run-1', 'run-9', 'run-10']);
    expect(compareCells('layer2', 'layer10')).toBeLessThan(0);
  });

  it('compareCells(a, b) puts null and undefined after everything and treats them as equal', () => {
    // Array.prototype.sort moves undefined to the end without calling the comparator, so it is checked pairwise.
    expect(sorted([null, 'z', false, 1])).toEqual([1, false, 'z', null]);
    expect(compareCells(null, undefined)).toBe(0);
    expect(compareCells(undefined, 'a')).toBeGreaterThan(0);
    expect(compareCells(NaN, undefined)).toBeLessThan(0);
    expect(compareCells(true, null)).toBeLessThan(0);
  });
});
