import { describe, expect, it } from 'vitest';
import type { ParamImportanceRow } from '../../model/workspace/paramImportance';
import { testRun } from '../../model/runs/testRuns';
import { importanceInputKey, sortImportanceRows, toggledImportanceSort } from './importanceRows';

const row = (key: string, importance: number, correlation: number): ParamImportanceRow => ({ key, category: null, label: key, importance, correlation });
const rows = [row('lr', 0.7, -0.9), row('dropout', 0.2, 0.4), row('seed', 0.1, NaN)];
const labels = (list: ParamImportanceRow[]) => list.map((r) => r.label);

describe('sortImportanceRows', () => {
  it('sortImportanceRows(by importance, descending/ascending) orders by importance', () => {
    expect(labels(sortImportanceRows(rows, { by: 'importance', descending: true }))).toEqual(['lr', 'dropout', 'seed']);
    expect(labels(sortImportanceRows(rows, { by: 'importance', descending: false }))).toEqual(['seed', 'dropout', 'lr']);
  });

  it('sortImportanceRows(by correlation) orders by the signed value with NaN last both ways', () => {
    expect(labels(sortImportanceRows(rows, { by: 'correlation', descending: true }))).toEqual(['dropout', 'lr', 'seed']);
    expect(labels(sortImportanceRows(rows, { by: 'correlation', descending: false }))).toEqual(['lr', 'dropout', 'seed']);
  });
});

describe('toggledImportanceSort', () => {
  it('toggledImportanceSort(same column) flips the direction; another column starts descending', () => {
    expect(toggledImportanceSort({ by: 'importance', descending: true }, 'importance')).toEqual({ by: 'importance', descending: false });
    expect(toggledImportanceSort({ by: 'importance', descending: false }, 'correlation')).toEqual({ by: 'correlation', descending: true });
  });
});

describe('importanceInputKey', () => {
  it('importanceInputKey(runs, metric) changes with the metric value or config, not with other metrics', () => {
    const a = testRun('a', { config: { lr: 1 }, summary: { loss: 1, acc: 0.5 } });
    const key = importanceInputKey([a], 'loss');
    expect(importanceInputKey([{ ...a, summary: { loss: 1, acc: 0.9 }, updatedAt: 5 }], 'loss')).toBe(key);
    expect(importanceInputKey([{ ...a, summary: { loss: 2, acc: 0.5 } }], 'loss')).not.toBe(key);
    expect(importanceInputKey([{ ...a, config: { lr: 2 } }], 'loss')).not.toBe(key);
    expect(importanceInputKey([a], 'acc')).not.toBe(key);
  });
});
