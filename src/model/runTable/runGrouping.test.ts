import { describe, expect, it } from 'vitest';
import { MISSING_TEXT } from './cellText';
import { paletteColor } from '../runs/runColors';
import type { RunColumn } from './runColumns';
import { groupRuns } from './runGrouping';
import type { ConfigTree } from '../runs/runTypes';
import { runIds, testRun } from '../runs/testRuns';

const config = (key: string): RunColumn => ({ kind: 'config', key });
const run = (id: string, cfg: ConfigTree) => testRun(id, { config: cfg });

const runs = [
  run('1', { opt: { name: 'sgd' }, lr: 0.1 }),
  run('2', { opt: { name: 'adam' }, lr: 0.01 }),
  run('3', { opt: { name: 'sgd' }, lr: 0.01 }),
  run('4', { lr: 0.1 }),
  run('5', { opt: { name: 'adam' }, lr: 0.01 }),
  run('6', { opt: { name: null }, lr: 0.1 }),
];

describe('groupRuns', () => {
  it('groupRuns(runs, [one config key]) puts runs with equal values together, sorted by value, missing last', () => {
    const groups = groupRuns(runs, [config('opt.name')]);
    expect(groups.map((g) => g.label)).toEqual(['adam', 'sgd', MISSING_TEXT]);
    expect(groups.map((g) => runIds(g.runs))).toEqual([['2', '5'], ['1', '3'], ['4', '6']]);
    expect(groups.map((g) => g.values)).toEqual([['adam'], ['sgd'], [undefined]]);
  });

  it('groupRuns(runs, [two keys]) groups by the combination and labels it with both values', () => {
    const groups = groupRuns(runs, [config('opt.name'), config('lr')]);
    expect(groups.map((g) => g.label)).toEqual(['adam · 0.01', 'sgd · 0.01', 'sgd · 0.1', `${MISSING_TEXT} · 0.1`]);
    expect(groups.map((g) => runIds(g.runs))).toEqual([['2', '5'], ['3'], ['1'], ['4', '6']]);
  });

  it('groupRuns(runs, columns) gives the same keys, labels and colours whatever the order of the runs', () => {
    const summary = (rs: typeof runs) => groupRuns(rs, [config('opt.name'), config('lr')]).map((g) => [g.key, g.label, g.color, runIds(g.runs).sort()]);
    expect(summary([...runs].reverse())).toEqual(summary(runs));
  });

  it('groupRuns(runs, columns) keys depend only on the values: a reload with more runs keeps existing keys', () => {
    const before = groupRuns(runs.slice(0, 3), [config('opt.name')]).map((g) => g.key);
    const after = groupRuns(runs, [config('opt.name')]).map((g) => g.key);
    expect([before.length, after.length]).toEqual([2, 3]);
    for (const key of before) expect(after).toContain(key);
  });

  it('groupRuns(runs, columns) colours groups in order from the palette, so few groups never share a colour', () => {
    const groups = groupRuns(runs, [config('opt.name'), config('lr')]);
    expect(groups.map((g) => g.color)).toEqual([0, 1, 2, 3].map(paletteColor));
  });

  it('groupRuns(runs with the number 1 and the text "1") keeps them in separate groups', () => {
    const groups = groupRuns([run('a', { k: 1 }), run('b', { k: '1' }), run('c', { k: 1 })], [config('k')]);
    expect(groups.map((g) => runIds(g.runs))).toEqual([['a', 'c'], ['b']]);
  });

  it('groupRuns(runs, [summary metric]) and ([group field]) group by those too', () => {
    const scored = [testRun('a', { summary: { epochs: 3 }, group: 'g1' }), testRun('b', { summary: { epochs: 3 }, group: null }), testRun('c', { summary: {}, group: 'g1' })];
    expect(groupRuns(scored, [{ kind: 'summary', key: 'epochs' }]).map((g) => runIds(g.runs))).toEqual([['a', 'b'], ['c']]);
    expect(groupRuns(scored, [{ kind: 'field', key: 'group' }]).map((g) => [g.label, runIds(g.runs)])).toEqual([
      ['g1', ['a', 'c']],
      [MISSING_TEXT, ['b']],
    ]);
  });

  it('groupRuns(runs, []) is one group of every run', () => {
    const groups = groupRuns(runs, []);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.label).toBe('all runs');
    expect(runIds(groups[0]!.runs)).toEqual(runIds(runs));
  });

  it('groupRuns([], columns) is no groups', () => {
    expect(groupRuns([], [config('lr')])).toEqual([]);
  });
});
