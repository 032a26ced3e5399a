import { describe, expect, it } from 'vitest';
import { testRun } from '../runs/testRuns';
import { emptyWorkspace, type WorkspaceState } from './workspaceState';
import { sameRecords, sameRunSettings, workspaceRuns } from './workspaceRuns';

const runs = [
  testRun('a', { name: 'brave-fox-1', config: { lr: 0.1, optimizer: 'adam' }, summary: { loss: 0.5 }, createdAt: 1 }),
  testRun('b', { name: 'calm-owl-2', config: { lr: 0.01, optimizer: 'sgd' }, summary: { loss: 0.2 }, createdAt: 2 }),
  testRun('c', { name: 'brave-elk-3', config: { lr: 0.001, optimizer: 'adam' }, summary: { loss: 0.3 }, createdAt: 3 }),
];
const state = (patch: Partial<WorkspaceState>): WorkspaceState => ({ ...emptyWorkspace(), ...patch });
const ids = (list: { id: string }[]) => list.map((r) => r.id);

describe('workspaceRuns', () => {
  it('lists every run newest first when nothing is set', () => {
    expect(ids(workspaceRuns(runs, emptyWorkspace()).listed)).toEqual(['c', 'b', 'a']);
  });

  it('hidden runs stay listed but are not visible', () => {
    const view = workspaceRuns(runs, state({ hiddenRuns: ['b'] }));
    expect(ids(view.listed)).toEqual(['c', 'b', 'a']);
    expect(ids(view.visible)).toEqual(['c', 'a']);
  });

  it('search by plain text or /regex/, filter expressions, brushes and top N all narrow the list', () => {
    expect(ids(workspaceRuns(runs, state({ search: 'BRAVE' })).listed)).toEqual(['c', 'a']);
    expect(ids(workspaceRuns(runs, state({ search: '/-\\d$/' })).listed)).toEqual(['c', 'b', 'a']);
    expect(ids(workspaceRuns(runs, state({ filter: 'lr < 0.05 and optimizer = "adam"' })).listed)).toEqual(['c']);
    expect(ids(workspaceRuns(runs, state({ brushes: [{ kind: 'range', column: { kind: 'config', key: 'lr' }, lo: 0.005, hi: 0.2 }] })).listed)).toEqual(['b', 'a']);
    expect(ids(workspaceRuns(runs, state({ topN: { metric: 'loss', n: 2, goal: 'auto' } })).listed)).toEqual(['b', 'c']);
  });

  it('a filter or search that does not parse filters nothing and says why', () => {
    const view = workspaceRuns(runs, state({ filter: 'lr <', search: '/(/' }));
    expect(view.listed).toHaveLength(3);
    expect(view.filterError?.message).toBeTruthy();
    expect(view.searchError).toBeTruthy();
  });

  it('sorts by a column and groups the visible runs by config values', () => {
    const view = workspaceRuns(runs, state({ sort: [{ column: { kind: 'summary', key: 'loss' }, direction: 'asc' }], groupBy: [{ kind: 'config', key: 'optimizer' }] }));
    expect(ids(view.listed)).toEqual(['b', 'c', 'a']);
    expect(view.groups?.map((g) => [g.label, ids(g.runs)])).toEqual([
      ['adam', ['c', 'a']],
      ['sgd', ['b']],
    ]);
  });
});

describe('workspaceRuns before brushes', () => {
  const lrBrush = { kind: 'range' as const, column: { kind: 'config' as const, key: 'lr' }, lo: 0.005, hi: 0.2 };

  it('unbrushed lists what the brushes leave out too, after search, filter and sort', () => {
    const view = workspaceRuns(runs, state({ brushes: [lrBrush], search: 'brave', sort: [{ column: { kind: 'summary', key: 'loss' }, direction: 'asc' }] }));
    expect(ids(view.listed)).toEqual(['a']);
    expect(ids(view.unbrushed)).toEqual(['c', 'a']);
  });

  it('top N picks among the runs inside the brushes for the list, among all of them for unbrushed', () => {
    const view = workspaceRuns(runs, state({ brushes: [lrBrush], topN: { metric: 'loss', n: 1, goal: 'auto' } }));
    expect(ids(view.listed)).toEqual(['b']);
    expect(ids(view.unbrushed)).toEqual(['b']);
    const onlyA = workspaceRuns(runs, state({ brushes: [{ ...lrBrush, lo: 0.05 }], topN: { metric: 'loss', n: 1, goal: 'auto' } }));
    expect([ids(onlyA.listed), ids(onlyA.unbrushed)]).toEqual([['a'], ['b']]);
  });

  it('without brushes the list is the unbrushed list itself', () => {
    const view = workspaceRuns(runs, emptyWorkspace());
    expect(view.unbrushed).toBe(view.listed);
  });

  it('listedUnder(other brushes) lists as the workspace would under them, and under none gives unbrushed', () => {
    const view = workspaceRuns(runs, state({ brushes: [lrBrush], filter: 'optimizer = "adam"' }));
    expect(ids(view.listed)).toEqual(['a']);
    expect(view.listedUnder([])).toBe(view.unbrushed);
    expect(ids(view.listedUnder([{ ...lrBrush, lo: 0, hi: 0.005 }]))).toEqual(['c']);
  });

  it('hidden holds the ids of the runs whose eye is closed', () => {
    expect([...workspaceRuns(runs, state({ hiddenRuns: ['b', 'x'] })).hidden]).toEqual(['b', 'x']);
  });
});

describe('sameRunSettings', () => {
  it('a panel or layout edit keeps the run settings, a brush or eye toggle does not', () => {
    const before = emptyWorkspace();
    const resized: WorkspaceState = { ...before, sections: [], view: 'table' };
    expect(sameRunSettings(before, resized)).toBe(true);
    expect(sameRunSettings(before, { ...before, brushes: [] })).toBe(false);
    expect(sameRunSettings(before, { ...before, hiddenRuns: ['a'] })).toBe(false);
  });
});

describe('sameRecords', () => {
  it('is true only for the very same records in the same order', () => {
    expect(sameRecords(runs, [...runs])).toBe(true);
    expect(sameRecords(runs, [runs[1]!, runs[0]!, runs[2]!])).toBe(false);
    expect(sameRecords(runs, runs.map((run) => ({ ...run })))).toBe(false);
  });
});
