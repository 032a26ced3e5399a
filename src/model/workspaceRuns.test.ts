import { describe, expect, it } from 'vitest';
import { testRun } from './testRuns';
import { emptyWorkspace, type WorkspaceState } from './workspaceState';
import { nameMatcher, workspaceRuns } from './workspaceRuns';

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

describe('nameMatcher', () => {
  it('reports an invalid regex instead of throwing', () => {
    expect(nameMatcher('/[/')).toHaveProperty('error');
  });
});
