import { describe, expect, it } from 'vitest';
import { sortRunsBy, topRuns, type RunSort } from './runSorting';
import { runIds, testRun } from '../runs/testRuns';

const lr = (id: string, value: number | string | undefined) => testRun(id, { config: value === undefined ? {} : { opt: { lr: value } } });
const byLr = (direction: 'asc' | 'desc'): RunSort => ({ column: { kind: 'config', key: 'opt.lr' }, direction });

describe('sortRunsBy', () => {
  const runs = [lr('a', 0.1), lr('nan', NaN), lr('b', 0.001), lr('none', undefined), lr('c', 0.01)];

  it('sortRunsBy(runs, [config asc]) orders numbers numerically with NaN then missing last', () => {
    expect(runIds(sortRunsBy(runs, [byLr('asc')]))).toEqual(['b', 'c', 'a', 'nan', 'none']);
  });

  it('sortRunsBy(runs, [config desc]) reverses the numbers but still puts NaN then missing last', () => {
    expect(runIds(sortRunsBy(runs, [byLr('desc')]))).toEqual(['a', 'c', 'b', 'nan', 'none']);
  });

  it('sortRunsBy(runs, [summary]) sorts by a summary metric', () => {
    const scored = [testRun('x', { summary: { loss: 3 } }), testRun('y', { summary: { loss: -1 } }), testRun('z', { summary: {} })];
    expect(runIds(sortRunsBy(scored, [{ column: { kind: 'summary', key: 'loss' }, direction: 'asc' }]))).toEqual(['y', 'x', 'z']);
  });

  it('sortRunsBy(runs, [name]) compares text with numeric collation', () => {
    const named = ['run-10', 'run-2', 'Run-1', 'run-1b'].map((name) => testRun(name, { name }));
    expect(runIds(sortRunsBy(named, [{ column: { kind: 'field', key: 'name' }, direction: 'asc' }]))).toEqual(['Run-1', 'run-1b', 'run-2', 'run-10']);
  });

  it('sortRunsBy(runs, [group]) sorts by the run group, runs without one last', () => {
    const grouped = [testRun('a', { group: 'b' }), testRun('b', { group: null }), testRun('c', { group: 'a' })];
    expect(runIds(sortRunsBy(grouped, [{ column: { kind: 'field', key: 'group' }, direction: 'desc' }]))).toEqual(['a', 'c', 'b']);
  });

  it('sortRunsBy(runs, [a, b]) breaks ties of the first key with the second and keeps input order after that', () => {
    const mixed = [
      testRun('1', { config: { opt: 'sgd', lr: 0.1 } }),
      testRun('2', { config: { opt: 'adam', lr: 0.1 } }),
      testRun('3', { config: { opt: 'sgd', lr: 0.01 } }),
      testRun('4', { config: { opt: 'adam', lr: 0.1 } }),
    ];
    const sorts: RunSort[] = [
      { column: { kind: 'config', key: 'opt' }, direction: 'asc' },
      { column: { kind: 'config', key: 'lr' }, direction: 'desc' },
    ];
    expect(runIds(sortRunsBy(mixed, sorts))).toEqual(['2', '4', '1', '3']);
  });

  it('sortRunsBy(runs, []) keeps the order and returns a new array', () => {
    const out = sortRunsBy(runs, []);
    expect(runIds(out)).toEqual(runIds(runs));
    expect(out).not.toBe(runs);
  });

  it('sortRunsBy(runs of mixed types) puts numbers, then booleans, then text, then missing', () => {
    const mixed = [lr('s', 'high'), lr('n', 2), lr('m', undefined), testRun('b', { config: { opt: { lr: true } } })];
    expect(runIds(sortRunsBy(mixed, [byLr('asc')]))).toEqual(['n', 'b', 's', 'm']);
  });

  it('sortRunsBy(runs, [config]) treats a null config value as missing, last in both directions', () => {
    const rs = [testRun('n', { config: { opt: null } }), testRun('s', { config: { opt: 'sgd' } }), testRun('a', { config: { opt: 'adam' } })];
    const byOpt = (direction: 'asc' | 'desc'): RunSort[] => [{ column: { kind: 'config', key: 'opt' }, direction }];
    expect(runIds(sortRunsBy(rs, byOpt('asc')))).toEqual(['a', 's', 'n']);
    expect(runIds(sortRunsBy(rs, byOpt('desc')))).toEqual(['s', 'a', 'n']);
  });
});

describe('topRuns', () => {
  const runs = [
    testRun('a', { summary: { 'val/loss': 0.5, acc: 0.7 } }),
    testRun('b', { summary: { 'val/loss': 0.2, acc: 0.9 } }),
    testRun('c', { summary: { 'val/loss': NaN, acc: 0.95 } }),
    testRun('d', { summary: { acc: 0.1 } }),
    testRun('e', { summary: { 'val/loss': 0.3, acc: 0.8 } }),
  ];

  it('topRuns(runs, {metric: val/loss}) picks the lowest losses first, skipping runs without a finite value', () => {
    expect(runIds(topRuns(runs, { metric: 'val/loss', count: 2 }))).toEqual(['b', 'e']);
    expect(runIds(topRuns(runs, { metric: 'val/loss', count: 10 }))).toEqual(['b', 'e', 'a']);
  });

  it('topRuns(runs, {metric: acc}) picks the highest first', () => {
    expect(runIds(topRuns(runs, { metric: 'acc', count: 3 }))).toEqual(['c', 'b', 'e']);
  });

  it('topRuns(runs, {goal}) uses the goal given instead of the name', () => {
    expect(runIds(topRuns(runs, { metric: 'acc', count: 1, goal: 'min' }))).toEqual(['d']);
  });

  it('topRuns(runs, {count: 0}) is empty', () => {
    expect(topRuns(runs, { metric: 'acc', count: 0 })).toEqual([]);
  });
});
