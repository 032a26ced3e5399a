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
  /** A value set by hand (run.summary.x = v); like W&B, the next logged value replaces it. */
  manual: number | undefined = undefined;
  private logged = false;

  /** Feeds one logged value. */
  add(value: number): void {
    this.logged = true;
    this.manual = undefined;
    this.last = value;
    if (Number.isNaN(value)) return;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.sum += value;
    this.count++;
  }

  /** True once a value was logged or set. */
  get seen(): boolean {
    return this.logged || this.manual !== undefined;
  }

  /** The summary value in a mode. */
  value(mode: SummaryMode): number {
    if (this.manual !== undefined) return this.manual;
    if (mode === 'last') return this.last;
    if (this.count === 0) return NaN;
    if (mode === 'min') return this.min;
    if (mode === 'max') return this.max;
    return this.sum / this.count;
  }
}

/**
 * Keeps each metric's summary as values are logged: the last value by default, or min/max/mean as chosen with
 * defineMetric. A value set directly (run.summary.x = v) wins until the metric is logged again.
 */
export class SummaryAccumulator {
  private readonly metrics = new Map<string, MetricSummary>();
  private readonly modes = new Map<string, SummaryMode>();

  /** Chooses how `metric`'s summary is computed. */
  setMode(metric: string, mode: SummaryMode): void {
    this.modes.set(metric, mode);
  }

  /** Sets a summary value by hand; it stays until set again or the metric is logged again. */
  override(metric: string, value: number): void {
    this.metric(metric).manual = value;
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

  /** The summary of every metric seen, as a plain object. */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [metric, summary] of this.metrics) if (summary.seen) out[metric] = summary.value(this.modes.get(metric) ?? 'last');
    return out;
  }
}
