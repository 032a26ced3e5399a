/**
 * Which metric each metric is plotted against, as W&B's `define_metric(name, step_metric=…)` sets it: by name
 * (`val/acc`) or by a glob (`epoch/*`, where `*` stands for any characters). Metrics with none plot against the step.
 */
export type StepMetrics = Readonly<Record<string, string>>;

/**
 * The metric `metric` is plotted against, or null for the step. An exact name wins over globs, and among globs the
 * longest (most specific) pattern wins. A step metric is never plotted against itself, so `epoch/*` → `epoch/epoch`
 * leaves `epoch/epoch` on the step.
 */
export function stepMetricOf(definitions: StepMetrics | undefined, metric: string): string | null {
  if (!definitions) return null;
  let found = Object.hasOwn(definitions, metric) ? definitions[metric]! : null;
  if (found === null) {
    let longest = -1;
    for (const [pattern, stepMetric] of Object.entries(definitions)) {
      if (pattern.includes('*') && pattern.length > longest && globMatches(pattern, metric)) {
        longest = pattern.length;
        found = stepMetric;
      }
    }
  }
  return found === metric ? null : found;
}

/** True when `name` matches `pattern`, whose `*` stands for any run of characters (none included). */
export function globMatches(pattern: string, name: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === name;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!name.startsWith(first) || name.length < first.length + last.length || !name.endsWith(last)) return false;
  let at = first.length;
  const end = name.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = name.indexOf(middle, at);
    if (found < 0 || found + middle.length > end) return false;
    at = found + middle.length;
  }
  return true;
}

/**
 * The step metric of each of `metrics` that one of `runs` defines, for the charts that draw them together: where runs
 * disagree, the first run listed that defines one decides.
 */
export function stepMetricsOfRuns(runs: readonly { stepMetrics?: StepMetrics }[], metrics: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const defining = runs.filter((run) => run.stepMetrics && Object.keys(run.stepMetrics).length > 0);
  if (defining.length === 0) return out;
  for (const metric of metrics) {
    for (const run of defining) {
      const x = stepMetricOf(run.stepMetrics, metric);
      if (x !== null) {
        out.set(metric, x);
        break;
      }
    }
  }
  return out;
}
