import { metricGoal, type MetricGoal } from '../runs/metricGoal';
import { cellValue, compareCellsDirected, type RunColumn } from './runColumns';
import type { RunRecord } from '../runs/runTypes';

/** One sort criterion of the runs table or workspace. */
export interface RunSort {
  column: RunColumn;
  direction: 'asc' | 'desc';
}

/**
 * Sorts runs by several criteria: the first decides, later ones break its ties, and runs equal on all keep their
 * order. Numbers sort numerically, text with numeric collation (`run-2` before `run-10`); missing values and NaN stay
 * last in both directions.
 */
export function sortRunsBy(runs: readonly RunRecord[], sorts: readonly RunSort[]): RunRecord[] {
  const keyed = runs.map((run) => ({ run, values: sorts.map((s) => cellValue(run, s.column)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < sorts.length; i++) {
      const order = compareCellsDirected(a.values[i], b.values[i], sorts[i]!.direction);
      if (order !== 0) return order;
    }
    return 0;
  });
  return keyed.map((k) => k.run);
}

/** What topRuns picks by. */
export interface TopRunsOptions {
  /** A summary metric. */
  metric: string;
  count: number;
  /** Which end is best; by default the one the metric's name suggests (min for losses and errors). */
  goal?: MetricGoal;
}

/** The best `count` runs by a summary metric, best first; runs without a finite value for it are left out. */
export function topRuns(runs: readonly RunRecord[], options: TopRunsOptions): RunRecord[] {
  const goal = options.goal ?? metricGoal(options.metric);
  const scored = runs.filter((run) => Number.isFinite(run.summary[options.metric]));
  const sorted = sortRunsBy(scored, [{ column: { kind: 'summary', key: options.metric }, direction: goal === 'min' ? 'asc' : 'desc' }]);
  return sorted.slice(0, Math.max(0, Math.floor(options.count)));
}
