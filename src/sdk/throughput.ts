/** Training speed as the fit callback measures it, read and reset by the kernel's system sampler. */
export interface Throughput {
  /** Mean time per batch over the interval, in milliseconds. */
  stepTimeMs: number;
  samplesPerSecond: number;
}

let batches = 0;
let samples = 0;
let busyMs = 0;

/** Records one finished batch of `size` samples that took `ms`. */
export function noteBatch(size: number, ms: number): void {
  batches++;
  samples += size;
  busyMs += ms;
}

/** The speed since the last call (null when no batch finished since), and starts a new interval. */
export function takeThroughput(): Throughput | null {
  if (batches === 0 || busyMs <= 0) return null;
  const result = { stepTimeMs: busyMs / batches, samplesPerSecond: (samples * 1000) / busyMs };
  batches = 0;
  samples = 0;
  busyMs = 0;
  return result;
}
