import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Histogram } from './histogram';

describe('Histogram', () => {
  it('bins values in equal widths over their finite range, the maximum in the last bin', () => {
    const h = new Histogram([0, 1, 2, 3, 4, NaN, Infinity], { num_bins: 4 });
    expect([h.min, h.max, h.counts]).toEqual([0, 4, [1, 1, 1, 2]]);
  });

  it('takes a tensor, 64 bins by default, and precomputed numpy bins', () => {
    expect(new Histogram(tf.tensor1d([1, 2, 3])).counts).toHaveLength(64);
    const numpy = new Histogram(undefined, { np_histogram: [[2, 5], [0, 0.5, 1]] });
    expect([numpy.min, numpy.max, numpy.counts]).toEqual([0, 1, [2, 5]]);
  });

  it('refuses more than 512 bins and edges that do not fit the counts', () => {
    expect(() => new Histogram([1], { num_bins: 513 })).toThrow('num_bins must be an integer from 1 to 512, got 513');
    expect(() => new Histogram(undefined, { np_histogram: [[1, 2], [0, 1]] })).toThrow(/one more edge than counts/);
  });
});
