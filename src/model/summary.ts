import type { SummaryMode } from './runTypes';

/**
 * One metric's running summary. NaN is kept as a last value but ignored by min, max and mean, so one bad step does
 * not erase them.
 */
export class MetricSummary {
  last = NaN;
  min = Infinity;
  max = -Infinity;
  sum = 0;
  count = 0;

  /** Feeds one logged value. */
  add(value: number): void {
    this.last = value;
    if (Number.isNaN(value)) return;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.sum += value;
    this.count++;
  }

  /** The summary value in a mode. */
  value(mode: SummaryMode): number {
    if (mode === 'last') return this.last;
    if (this.count === 0) return NaN;
    if (mode === 'min') return this.min;
    if (mode === 'max') return this.max;
    return this.sum / this.count;
  }
}

/**
 * Keeps each metric's summary as values are logged: the last value by default, or min/max/mean as chosen with
 * defineMetric. Values set directly (run.summary.x = v) win over the computed ones.
 */
export class SummaryAccumulator {
  private readonly metrics = new Map<string, MetricSummary>();
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

  /** The running summary of a metric, created on first use; hot loops keep it instead of looking it up per value. */
  metric(name: string): MetricSummary {
    let summary = this.metrics.get(name);
    if (summary === undefined) {
      summary = new MetricSummary();
      this.metrics.set(name, summary);
    }
    return summary;
  }

  /** Feeds one logged value. */
  add(metric: string, value: number): void {
    this.metric(metric).add(value);
  }

  /** The summary of every metric seen, as a plain object. */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [metric, summary] of this.metrics) out[metric] = summary.value(this.modes.get(metric) ?? 'last');
    for (const [metric, value] of this.overrides) out[metric] = value;
    return out;
  }
}
