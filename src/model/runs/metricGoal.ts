/** Whether lower or higher values of a metric are better. */
export type MetricGoal = 'min' | 'max';

/** Name parts that mark a metric where lower is better. */
const LOWER_IS_BETTER = new Set(['loss', 'error', 'err', 'mse', 'mae', 'rmse', 'nll', 'perplexity', 'ppl', 'wer', 'cer']);

/**
 * The goal a metric's name suggests: min when a part of it names a loss or an error (`val/loss`, `trainLoss`,
 * `top1_err`, `mse`), max otherwise (accuracy, reward, f1).
 */
export function inferMetricGoal(key: string): MetricGoal {
  const parts = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return parts.some((part) => LOWER_IS_BETTER.has(part) || part.endsWith('loss')) ? 'min' : 'max';
}

/** The goal for a metric: the one given for it, else the one its name suggests. */
export function metricGoal(key: string, goals: Readonly<Record<string, MetricGoal>> = {}): MetricGoal {
  return goals[key] ?? inferMetricGoal(key);
}
