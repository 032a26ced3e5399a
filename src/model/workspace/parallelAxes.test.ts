import { describe, expect, it } from 'vitest';
import { defaultParallelAxes } from './parallelAxes';
import { discoverColumns } from '../runTable/runColumns';
import { testRun } from '../runs/testRuns';

const keys = (columns: { kind: string; key: string }[]) => columns.map((c) => `${c.kind}:${c.key}`);

describe('defaultParallelAxes', () => {
  it('defaultParallelAxes(runs, columns) takes numeric and few-category config keys, then loss as the last axis', () => {
    const runs = Array.from({ length: 20 }, (_, i) =>
      testRun(`r${i}`, { config: { lr: 10 ** -(i % 4), opt: i % 2 ? 'adam' : 'sgd', path: `/data/${i}`, model: { layers: i % 3 } }, summary: { accuracy: i / 20, loss: 1 / (i + 1), epoch: 5 } }),
    );
    expect(keys(defaultParallelAxes(runs, discoverColumns(runs)))).toEqual(['config:lr', 'config:model.layers', 'config:opt', 'summary:loss']);
  });

  it('defaultParallelAxes puts varying keys before constant ones and keeps at most 6 config axes', () => {
    const config = { a: 1, b: 1, c: 1, d: 1, e: 1, f: 1 };
    const runs = [testRun('x', { config: { ...config, z: 1 }, summary: { score: 1 } }), testRun('y', { config: { ...config, z: 2 }, summary: { score: 2 } })];
    expect(keys(defaultParallelAxes(runs, discoverColumns(runs)))).toEqual(['config:z', 'config:a', 'config:b', 'config:c', 'config:d', 'config:e', 'summary:score']);
  });

  it('defaultParallelAxes prefers accuracy when there is no loss, and skips metrics with no number', () => {
    const runs = [testRun('x', { config: { lr: 0.1 }, summary: { accuracy: 0.5, note: 'text' as unknown as number } })];
    expect(keys(defaultParallelAxes(runs, discoverColumns(runs)))).toEqual(['config:lr', 'summary:accuracy']);
    const noMetric = [testRun('y', { config: { lr: 0.1 }, summary: { note: 'text' as unknown as number } })];
    expect(keys(defaultParallelAxes(noMetric, discoverColumns(noMetric)))).toEqual(['config:lr']);
  });

  it('defaultParallelAxes of no runs is no axes', () => {
    expect(defaultParallelAxes([], [])).toEqual([]);
  });
});
