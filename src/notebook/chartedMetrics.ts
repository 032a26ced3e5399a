import { isChartableMetric, isSystemMetric } from '../model/runs/systemMetrics';

/** Charts under a cell show at most this many metrics; the run page has them all. */
const MAX_CHARTS = 4;

/**
 * The metrics a person watches while a cell trains: what was logged, not counters (`epoch/epoch`, `batch/step`) or
 * system samples; epoch metrics before batch ones, since they are the fewer and the smoother.
 */
export function chartedMetrics(metrics: readonly string[]): string[] {
  const watched = metrics.filter((m) => isChartableMetric(m) && !isSystemMetric(m));
  const rank = (m: string) => (m.startsWith('epoch/') ? 0 : m.startsWith('batch/') ? 2 : 1);
  return watched.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).slice(0, MAX_CHARTS);
}
