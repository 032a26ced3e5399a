import * as tf from '@tensorflow/tfjs';
import type { DisplayOutput, TensorStats } from '../model/notebook/displayOutput';

/** The one-line description of a tensor used inside objects: `Tensor float32 [2, 3]`, or that it was disposed. */
export function describeTensor(tensor: tf.Tensor): string {
  return `Tensor ${tensor.dtype} [${tensor.shape.join(', ')}]${tensor.isDisposed ? ' (disposed)' : ''}`;
}

/**
 * A tensor as a cell shows it: shape, dtype, size, tfjs's own value preview (it elides the middle of long axes) and
 * min/max/mean of numeric tensors. Reading values waits for the backend, which is what printing a tensor means.
 */
export async function tensorOutput(tensor: tf.Tensor): Promise<DisplayOutput> {
  const base = { kind: 'tensor' as const, shape: tensor.shape.slice(), dtype: tensor.dtype, size: tensor.size };
  if (tensor.isDisposed) return { ...base, preview: 'this tensor was disposed: its values are gone', stats: null };
  // tfjs's toString starts with a "Tensor" header line that the output already shows as shape and dtype.
  const preview = tensor.toString().replace(/^Tensor\n/, '').replace(/^ {4}/gm, '');
  return { ...base, preview, stats: tensor.dtype === 'string' || tensor.size === 0 ? null : await statsOf(tensor) };
}

async function statsOf(tensor: tf.Tensor): Promise<TensorStats> {
  const [min, max, mean] = tf.tidy(() => {
    const flat = tensor.toFloat();
    return [flat.min(), flat.max(), flat.mean()];
  });
  try {
    const [lo, hi, avg] = await Promise.all([min.data(), max.data(), mean.data()]);
    return { min: lo[0]!, max: hi[0]!, mean: avg[0]! };
  } finally {
    tf.dispose([min, max, mean]);
  }
}
