import { GrowableFloat64 } from '../lib/growableFloat64';
import type { HistoryBatch } from '../model/history/historyBatch';

/** The points of one metric waiting for the next flush. */
export class HistoryColumn {
  readonly steps = new GrowableFloat64();
  readonly values = new GrowableFloat64();

  constructor(readonly metric: string) {}

  /** Appends one point. */
  push(step: number, value: number): void {
    this.steps.push(step);
    this.values.push(value);
  }
}

/**
 * Collects committed points column by column (one steps/values pair per metric) between flushes, so that a flush
 * hands over typed arrays that can be transferred to the main thread without copying. Callers keep the column of each
 * metric and push to it directly.
 */
export class HistoryBuffer {
  private readonly columns = new Map<string, HistoryColumn>();
  /** Wall-clock time of each committed step, in seconds, stored as the `_timestamp` metric like W&B. */
  readonly timestamps: HistoryColumn = this.column('_timestamp');

  /** The column of a metric, created on first use. */
  column(metric: string): HistoryColumn {
    let column = this.columns.get(metric);
    if (column === undefined) {
      column = new HistoryColumn(metric);
      this.columns.set(metric, column);
    }
    return column;
  }

  /** Takes everything buffered as a batch (null when empty). */
  take(): HistoryBatch | null {
    const batch: HistoryBatch = { metrics: [], steps: [], values: [] };
    for (const [metric, column] of this.columns) {
      if (column.steps.length === 0) continue;
      batch.metrics.push(metric);
      batch.steps.push(column.steps.take());
      batch.values.push(column.values.take());
    }
    return batch.metrics.length === 0 ? null : batch;
  }
}
