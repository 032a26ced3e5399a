import * as tf from '@tensorflow/tfjs';
import { takeThroughput } from '../sdk/throughput';

/** How often open runs get a system sample, as in W&B. */
export const SYSTEM_SAMPLE_MS = 2000;

/** Chromium's non-standard heap figures (absent in other browsers, and sometimes in workers). */
interface PerformanceMemory {
  usedJSHeapSize: number;
  totalJSHeapSize: number;
}

/**
 * One sample of what a training run uses, as `system/*` metrics: tfjs memory (tensors, bytes, GPU bytes on webgl and
 * webgpu), the JS heap where the browser tells, the browser storage used, and training speed from the fit callback.
 * Figures a browser does not give are left out rather than logged as 0.
 */
export async function sampleSystem(): Promise<Record<string, number>> {
  const sample: Record<string, number> = {};
  const memory = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number; numBytesInGPUAllocated?: number };
  sample['tensors'] = memory.numTensors;
  sample['tensor_bytes'] = memory.numBytes;
  if (typeof memory.numBytesInGPU === 'number') sample['gpu_bytes'] = memory.numBytesInGPU;
  if (typeof memory.numBytesInGPUAllocated === 'number') sample['gpu_bytes_allocated'] = memory.numBytesInGPUAllocated;
  const heap = (performance as Performance & { memory?: PerformanceMemory }).memory;
  if (heap && heap.usedJSHeapSize > 0) sample['js_heap_bytes'] = heap.usedJSHeapSize;
  const storage = await navigator.storage?.estimate?.().catch(() => undefined);
  if (storage?.usage !== undefined) sample['storage_bytes'] = storage.usage;
  const speed = takeThroughput();
  if (speed) {
    sample['step_time_ms'] = speed.stepTimeMs;
    sample['samples_per_sec'] = speed.samplesPerSecond;
  }
  return sample;
}
