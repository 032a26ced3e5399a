import { describe, expect, it } from 'vitest';
import { defaultLinePanel, emptyWorkspace, MAX_DEFAULT_PANELS, reviveWorkspace, toggledSort, workspaceReducer, type WorkspaceState } from './workspaceState';

let lastId = 0;
const newId = () => `id${++lastId}`;
const withDefaults = (metrics: string[], state: WorkspaceState = emptyWorkspace(), stepMetrics = new Map<string, string>()) =>
  workspaceReducer(state, { type: 'addDefaultPanels', metrics, stepMetrics, newId });
const xOf = (state: WorkspaceState, metric: string) =>
  state.sections.flatMap((s) => s.panels).flatMap(({ panel }) => (panel.type === 'line' && panel.metrics[0] === metric ? [panel.x] : []))[0];
const layout = (state: WorkspaceState) => state.sections.map((s) => [s.name, s.panels.map((p) => (p.panel.type === 'line' ? p.panel.metrics.join() : p.panel.type))]);

describe('workspaceReducer', () => {
  it('addDefaultPanels makes a line panel per metric in sections by prefix, system last, without counters or internal keys', () => {
    const state = withDefaults(['val/loss', 'system/tensors', 'train/loss', 'train/acc', 'accuracy', 'batch/step', '_timestamp']);
    expect(layout(state)).toEqual([
      ['charts', ['accuracy']],
      ['train', ['train/acc', 'train/loss']],
      ['val', ['val/loss']],
      ['system', ['system/tensors']],
    ]);
    const system = state.sections[3]!.panels[0]!.panel;
    expect(system.type === 'line' && system.x).toEqual({ kind: 'relativeTime' });
  });

  it('addDefaultPanels adds panels only for new metrics: a removed panel stays removed', () => {
    let state = withDefaults(['train/loss', 'train/acc']);
    const acc = state.sections[0]!.panels[0]!.panel.id;
    state = workspaceReducer(state, { type: 'removePanel', panelId: acc });
    state = withDefaults(['train/loss', 'train/acc', 'val/loss'], state);
    expect(layout(state)).toEqual([
      ['train', ['train/loss']],
      ['val', ['val/loss']],
    ]);
  });

  it('addDefaultPanels plots a metric against the step metric its run defined, and moves a default panel once when the definition comes later', () => {
    const epochs = new Map([['epoch/loss', 'epoch/epoch']]);
    const state = withDefaults(['epoch/loss', 'epoch/epoch', 'batch/loss'], emptyWorkspace(), epochs);
    expect(xOf(state, 'epoch/loss')).toEqual({ kind: 'metric', metric: 'epoch/epoch' });
    expect(xOf(state, 'batch/loss')).toEqual({ kind: 'step' });

    // batch/loss's definition is read after its panel was made: the untouched panel moves onto batch/step.
    const both = new Map([...epochs, ['batch/loss', 'batch/step']]);
    let later = withDefaults(['epoch/loss', 'epoch/epoch', 'batch/loss'], state, both);
    expect(xOf(later, 'batch/loss')).toEqual({ kind: 'metric', metric: 'batch/step' });
    // Set back to the step by hand, it stays there.
    const panel = later.sections.flatMap((s) => s.panels).find(({ panel }) => panel.type === 'line' && panel.metrics[0] === 'batch/loss')!.panel;
    later = workspaceReducer(later, { type: 'updatePanel', panel: { ...panel, x: { kind: 'step' } } as typeof panel });
    expect(xOf(withDefaults(['epoch/loss', 'epoch/epoch', 'batch/loss'], later, both), 'batch/loss')).toEqual({ kind: 'step' });
  });

  it('toggleRun hides and shows a run', () => {
    const hidden = workspaceReducer(emptyWorkspace(), { type: 'toggleRun', runId: 'a' });
    expect(hidden.hiddenRuns).toEqual(['a']);
    expect(workspaceReducer(hidden, { type: 'toggleRun', runId: 'a' }).hiddenRuns).toEqual([]);
  });

  it('movePanel moves a panel within and across sections; resizePanel and updatePanel change it in place', () => {
    let state = withDefaults(['train/a', 'train/b', 'val/c']);
    const [a, b] = state.sections[0]!.panels.map((p) => p.panel.id);
    state = workspaceReducer(state, { type: 'movePanel', panelId: b!, sectionId: state.sections[0]!.id, index: 0 });
    expect(layout(state)[0]).toEqual(['train', ['train/b', 'train/a']]);
    state = workspaceReducer(state, { type: 'movePanel', panelId: a!, sectionId: state.sections[1]!.id, index: 99 });
    expect(layout(state)).toEqual([
      ['train', ['train/b']],
      ['val', ['val/c', 'train/a']],
    ]);
    state = workspaceReducer(state, { type: 'resizePanel', panelId: a!, size: 'large' });
    state = workspaceReducer(state, { type: 'updatePanel', panel: { ...defaultLinePanel(a!, ['train/a']), logY: true } });
    const placed = state.sections[1]!.panels[1]!;
    expect([placed.size, placed.panel.type === 'line' && placed.panel.logY]).toEqual(['large', true]);
  });

  it('reviveWorkspace gives an empty workspace for anything that is not a stored version-1 workspace', () => {
    expect(reviveWorkspace(undefined)).toEqual(emptyWorkspace());
    expect(reviveWorkspace({ version: 7, sections: 'x' })).toEqual(emptyWorkspace());
    const stored = JSON.parse(JSON.stringify(withDefaults(['loss'])));
    expect(reviveWorkspace(stored)).toEqual(stored);
  });
});

describe('toggledSort', () => {
  it('sorts by a new column ascending and flips the direction of the leading one', () => {
    const lr = { kind: 'config', key: 'lr' } as const;
    const asc = toggledSort([], lr);
    expect(asc).toEqual([{ column: lr, direction: 'asc' }]);
    expect(toggledSort(asc, lr)).toEqual([{ column: lr, direction: 'desc' }]);
    expect(toggledSort(toggledSort(asc, lr), lr)).toEqual([{ column: lr, direction: 'asc' }]);
  });
});

describe('addDefaultPanels with thousands of metrics', () => {
  it('stops at MAX_DEFAULT_PANELS panels but remembers every metric as seen', () => {
    const metrics = Array.from({ length: 3000 }, (_, i) => `layer${i % 30}/w${i}`);
    const state = withDefaults(metrics);
    expect(state.sections.reduce((n, s) => n + s.panels.length, 0)).toBe(MAX_DEFAULT_PANELS);
    expect(state.seenMetrics).toHaveLength(3000);
  });
});
