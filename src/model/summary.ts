import type { SummaryMode } from './runTypes';

interface MetricAccumulator {
  last: number;
  min: number;
  max: number;
  sum: number;
  count: number;
}

/**
 * Keeps each metric's summary as values are logged: the last value by default, or min/max/mean as chosen with
 * defineMetric. NaN is kept as a last value but ignored by min, max and mean, so one bad step does not erase them.
 * Values set directly (run.summary.x = v) win over the computed ones.
 */
export class SummaryAccumulator {
  private readonly metrics = new Map<string, MetricAccumulator>();
  private readonly modes = new Map<string, SummaryMode>();
  private readonly overrides = new Map<string, number>();

  /** Chooses how `metric`'s summary is computed. */
  setMode(metric: string, mode: SummaryMode): void {
    this.modes.set(metric, mode);
  }

  /** Sets a summary value by hand; it stays until set again. */
  override(metric: string, value: number): void {
    this.overrides.set(metric, value);
  }

  /** Feeds one logged value. */
  add(metric: string, value: number): void {
    let acc = this.metrics.get(metric);
    if (acc === undefined) {
      acc = { last: value, min: Infinity, max: -Infinity, sum: 0, count: 0 };
      this.metrics.set(metric, acc);
    }
    acc.last = value;
    if (Number.isNaN(value)) return;
    if (value < acc.min) acc.min = value;
    if (value > acc.max) acc.max = value;
    acc.sum += value;
    acc.count++;
  }

  /** The summary of every metric seen, as a plain object. */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [metric, acc] of this.metrics) out[metric] = summarise(acc, this.modes.get(metric) ?? 'last');
    for (const [metric, value] of this.overrides) out[metric] = value;
    return out;
  }
}

function summarise(acc: MetricAccumulator, mode: SummaryMode): number {
  if (mode === 'last') return acc.last;
  if (acc.count === 0) return NaN;
  if (mode === 'min') return acc.min;
  if (mode === 'max') return acc.max;
  return acc.sum / acc.count;
}
