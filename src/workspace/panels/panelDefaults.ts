import { inferMetricGoal } from '../../model/runs/metricGoal';
import type { RunColumn } from '../../model/runTable/runColumns';

/** The summary metrics among a project's columns. */
function summaryMetrics(columns: readonly RunColumn[]): string[] {
  return columns.filter((c) => c.kind === 'summary').map((c) => c.key);
}

/** The metric a new panel starts with: the first loss-like one (what people tune against), else the first; null for none. */
export function preferredMetric(columns: readonly RunColumn[]): string | null {
  const metrics = summaryMetrics(columns);
  return metrics.find((m) => inferMetricGoal(m) === 'min') ?? metrics[0] ?? null;
}
