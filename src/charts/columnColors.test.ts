import { describe, expect, it } from 'vitest';
import { paletteColor } from '../model/runs/runColors';
import { testRun } from '../model/runs/testRuns';
import { viridis } from './colorScale';
import { columnColoring } from './columnColors';
import { MISSING_COLOR } from './parallelGeometry';

describe('columnColoring', () => {
  it('columnColoring(numeric column) runs the lowest value to one end of the scale and the highest to the other', () => {
    const runs = [testRun('lo', { summary: { acc: 0.1 } }), testRun('mid', { summary: { acc: 0.5 } }), testRun('hi', { summary: { acc: 0.9 } }), testRun('nan', { summary: { acc: NaN } })];
    const { colorOf, legend } = columnColoring(runs, { kind: 'summary', key: 'acc' });
    expect(runs.map(colorOf)).toEqual([viridis(0), viridis(0.5), viridis(1), MISSING_COLOR]);
    expect(legend).toEqual({ kind: 'numeric', low: '0.1', high: '0.9', lowColor: viridis(0), highColor: viridis(1), log: false, missing: true });
  });

  it('columnColoring(values spanning decades) spreads them on a log scale', () => {
    const runs = [1e-5, 1e-3, 1e-1].map((lr, i) => testRun(`r${i}`, { config: { lr } }));
    const { colorOf, legend } = columnColoring(runs, { kind: 'config', key: 'lr' });
    expect(colorOf(runs[1]!)).toBe(viridis(0.5));
    expect(legend.kind === 'numeric' && legend.log).toBe(true);
  });

  it('columnColoring(text column) gives each category a palette colour, listed in the legend', () => {
    const runs = [testRun('a', { config: { optimizer: 'sgd' } }), testRun('b', { config: { optimizer: 'adam' } }), testRun('c', { config: {} })];
    const { colorOf, legend } = columnColoring(runs, { kind: 'config', key: 'optimizer' });
    expect(runs.map(colorOf)).toEqual([paletteColor(1), paletteColor(0), MISSING_COLOR]);
    expect(legend).toEqual({ kind: 'categorical', entries: [{ label: 'adam', color: paletteColor(0) }, { label: 'sgd', color: paletteColor(1) }], more: 0, missing: true });
  });

  it('columnColoring(many categories) lists the first twelve and counts the rest', () => {
    const runs = Array.from({ length: 30 }, (_, i) => testRun(`r${i}`, { config: { name: `n${String(i).padStart(2, '0')}` } }));
    const { legend } = columnColoring(runs, { kind: 'config', key: 'name' });
    expect(legend.kind === 'categorical' && [legend.entries.length, legend.more]).toEqual([12, 18]);
  });
});
