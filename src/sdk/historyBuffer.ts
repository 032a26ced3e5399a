import { GrowableFloat64 } from '../lib/growableFloat64';
import type { HistoryBatch } from '../model/historyBatch';

interface Column {
  steps: GrowableFloat64;
  values: GrowableFloat64;
}

/**
 * Collects committed steps column by column (one steps/values pair per metric) between flushes, so that a flush
 * hands over typed arrays that can be transferred to the main thread without copying.
 */
export class HistoryBuffer {
  private readonly columns = new Map<string, Column>();
  private buffered = 0;

  /** Points waiting for the next flush. */
  get size(): number {
    return this.buffered;
  }

  /** Appends one committed step. */
  addStep(step: number, values: ReadonlyMap<string, number>, timestampSeconds: number): void {
    this.push('_timestamp', step, timestampSeconds);
    for (const [metric, value] of values) this.push(metric, step, value);
  }

  /** Takes everything buffered as a batch (null when empty). */
  take(): HistoryBatch | null {
    if (this.buffered === 0) return null;
    const batch: HistoryBatch = { metrics: [], steps: [], values: [] };
    for (const [metric, column] of this.columns) {
      if (column.steps.length === 0) continue;
      batch.metrics.push(metric);
      batch.steps.push(column.steps.take());
      batch.values.push(column.values.take());
    }
    this.buffered = 0;
    return batch;
  }

  private push(metric: string, step: number, value: number): void {
    let column = this.columns.get(metric);
    if (column === undefined) {
      column = { steps: new GrowableFloat64(), values: new GrowableFloat64() };
      this.columns.set(metric, column);
    }
    column.steps.push(step);
    column.values.push(value);
    this.buffered++;
  }
}
