/**
 * Points of several metrics of one run, columnar: metric i has steps[i] and values[i] of equal length.
 * This is the unit that travels from the kernel (transferred, not copied) to the store.
 */
export interface HistoryBatch {
  metrics: string[];
  steps: Float64Array[];
  values: Float64Array[];
}

/** The ArrayBuffers of a batch, for postMessage's transfer list. */
export function batchTransferables(batch: HistoryBatch): ArrayBuffer[] {
  return [...batch.steps, ...batch.values].map((a) => a.buffer as ArrayBuffer);
}
