import { describe, expect, it } from 'vitest';
import { configDiff, type DiffRow } from './configDiff';
import type { ConfigTree, ConfigValue } from '../runs/runTypes';
import { testRun } from '../runs/testRuns';

const runs = [
  testRun('a', { config: { lr: 0.01, opt: { name: 'adam', beta: 0.9 }, layers: [64, 32], seed: 1 }, summary: { 'val/loss': 0.3, acc: 0.9, _step: 99 } }),
  testRun('b', { config: { lr: 0.1, opt: { name: 'adam', beta: 0.9 }, layers: [64, 32], seed: 1 }, summary: { 'val/loss': 0.2, acc: 0.8, _step: 50 } }),
  testRun('c', { config: { lr: 0.01, opt: { name: 'adam' }, layers: [64, 32], seed: 1, extra: true }, summary: { 'val/loss': 0.2, acc: NaN, _step: 99 } }),
];
const keys = (rows: DiffRow[]) => rows.map((r) => `${r.column.kind}:${r.column.key}`);
const row = (rows: DiffRow[], key: string) => rows.find((r) => r.column.key === key)!;

describe('configDiff', () => {
  it('configDiff(runs) lists config keys then summary metrics, sorted, without _ metrics, with one value per run', () => {
    const rows = configDiff(runs);
    expect(keys(rows)).toEqual(['config:extra', 'config:layers', 'config:lr', 'config:opt.beta', 'config:opt.name', 'config:seed', 'summary:acc', 'summary:val/loss']);
    expect(row(rows, 'lr').values).toEqual([0.01, 0.1, 0.01]);
    expect(row(rows, 'extra').values).toEqual([undefined, undefined, true]);
  });

  it('configDiff(runs, {diffOnly}) keeps only keys whose values differ, a missing value counting as different', () => {
    const rows = configDiff(runs, { diffOnly: true });
    expect(keys(rows)).toEqual(['config:extra', 'config:lr', 'config:opt.beta', 'summary:acc', 'summary:val/loss']);
    expect(rows.every((r) => r.differs)).toBe(true);
    expect(row(configDiff(runs), 'seed').differs).toBe(false);
  });

  it('configDiff(runs with equal NaN metrics, {diffOnly}) treats NaN as equal to NaN', () => {
    const nan = [testRun('x', { summary: { loss: NaN } }), testRun('y', { summary: { loss: NaN } })];
    expect(configDiff(nan, { diffOnly: true })).toEqual([]);
  });

  it('configDiff(runs with arrays and nested objects) compares them by value', () => {
    const same = [
      testRun('x', { config: { layers: [1.0, 2], stages: [{ lr: 1, wd: 0 }], opt: { a: 1, b: { c: 2 } } } }),
      testRun('y', { config: { stages: [{ wd: 0, lr: 1 }], opt: { b: { c: 2 }, a: 1 }, layers: [1, 2.0] } }),
    ];
    expect(configDiff(same, { diffOnly: true })).toEqual([]);
    const changed = [same[0]!, testRun('z', { config: { layers: [1, 2], stages: [{ lr: 2, wd: 0 }], opt: { a: 1, b: { c: 2 } } } })];
    expect(keys(configDiff(changed, { diffOnly: true }))).toEqual(['config:stages']);
  });

  it('configDiff(runs) marks the best run per summary metric: min for losses, max otherwise, ties all marked', () => {
    const rows = configDiff(runs);
    expect(row(rows, 'val/loss').bestRunIds).toEqual(['b', 'c']);
    expect(row(rows, 'acc').bestRunIds).toEqual(['a']);
    expect(row(rows, 'lr').bestRunIds).toEqual([]);
  });

  it('configDiff(runs, {goals}) uses the goal given for a metric', () => {
    const rows = configDiff(runs, { goals: { acc: 'min', 'val/loss': 'max' } });
    expect(row(rows, 'acc').bestRunIds).toEqual(['b']);
    expect(row(rows, 'val/loss').bestRunIds).toEqual(['a']);
  });

  it('configDiff([one run], {diffOnly}) has nothing that differs; configDiff([]) is empty', () => {
    expect(configDiff(runs.slice(0, 1), { diffOnly: true })).toEqual([]);
    expect(configDiff([])).toEqual([]);
  });
});

describe('configDiff best values', () => {
  it('configDiff(runs, {goals}) marks the best finite value, ignoring NaN, infinities and runs without the metric', () => {
    const scored = [testRun('a', { summary: { m: Infinity } }), testRun('b', { summary: { m: 2 } }), testRun('c', { summary: {} }), testRun('d', { summary: { m: NaN } })];
    expect(row(configDiff(scored, { goals: { m: 'max' } }), 'm').bestRunIds).toEqual(['b']);
    expect(row(configDiff(scored.slice(2), { goals: { m: 'max' } }), 'm').bestRunIds).toEqual([]);
  });
});

describe('configDiff differs', () => {
  const differs = (a: ConfigValue | undefined, b: ConfigValue | undefined) => {
    const config = (value: ConfigValue | undefined): ConfigTree => (value === undefined ? {} : { k: value });
    return row(configDiff([testRun('x', { config: config(a) }), testRun('y', { config: config(b) })]), 'k').differs;
  };

  it('compares values by type and value, NaN equal to NaN, a missing key unlike null', () => {
    expect(differs(1, 1.0)).toBe(false);
    expect(differs(NaN, NaN)).toBe(false);
    expect(differs(1, '1')).toBe(true);
    expect(differs(undefined, null)).toBe(true);
  });

  it('compares arrays by value, with keys of the objects inside in any order', () => {
    expect(differs([1, 2], [1, 2])).toBe(false);
    expect(differs([1, 2], [2, 1])).toBe(true);
    expect(differs([{ a: 1, b: 2 }], [{ b: 2, a: 1 }])).toBe(false);
    expect(differs([{ a: 1 }], [{ a: 1, b: 2 }])).toBe(true);
    expect(differs('[not json', '[not json ')).toBe(true);
    expect(differs('{}', '[]')).toBe(true);
  });
});
