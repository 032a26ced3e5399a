/** Prefix of the metrics the kernel samples on a clock while a run is open (memory, speed, storage). */
export const SYSTEM_PREFIX = 'system/';

/** True for a metric sampled by the system sampler rather than logged by the user. */
export function isSystemMetric(metric: string): boolean {
  return metric.startsWith(SYSTEM_PREFIX);
}

/** What a metric's x-axis means: system metrics are stored at seconds since init, everything else at the run's step. */
export function metricXLabel(metric: string): string {
  return isSystemMetric(metric) ? 'seconds since start' : 'step';
}

/** True for metrics worth a chart of their own: not internal (`_timestamp`) and not a counter (`batch/step`, `epoch/epoch`). */
export function isChartableMetric(metric: string): boolean {
  return !metric.startsWith('_') && !/(^|\/)(step|epoch)$/.test(metric);
}
