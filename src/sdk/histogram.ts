import * as tf from '@tensorflow/tfjs';
import { finiteRange, histogram } from '../model/tables/tableGroups';

/** Options of new Histogram(), as W&B's: `num_bins` (64 by default, at most 512), or bins computed elsewhere. */
export interface HistogramOptions {
  num_bins?: number;
  /** Counts and bin edges (one more edge than counts, equally spaced), as numpy.histogram returns them. */
  np_histogram?: [ArrayLike<number>, ArrayLike<number>];
}

export const MAX_HISTOGRAM_BINS = 512;

/**
 * A distribution of values as equal-width bins (W&B's `Histogram`), from an array or a tensor; non-finite values are
 * left out. In a table it shows as bars.
 */
export class Histogram {
  readonly min: number;
  readonly max: number;
  readonly counts: number[];

  constructor(values?: ArrayLike<number> | tf.Tensor, options: HistogramOptions = {}) {
    if (options.np_histogram) {
      const [counts, edges] = options.np_histogram;
      if (edges.length !== counts.length + 1) throw new RangeError(`Histogram: np_histogram needs one more edge than counts, got ${counts.length} counts and ${edges.length} edges`);
      this.counts = Array.from(counts);
      this.min = edges[0]!;
      this.max = edges[edges.length - 1]!;
      return;
    }
    const bins = options.num_bins ?? 64;
    if (!Number.isInteger(bins) || bins < 1 || bins > MAX_HISTOGRAM_BINS) throw new RangeError(`Histogram: num_bins must be an integer from 1 to ${MAX_HISTOGRAM_BINS}, got ${bins}`);
    if (values === undefined) throw new TypeError('Histogram: give values (an array or a tensor) or np_histogram');
    const data = values instanceof tf.Tensor ? values.dataSync() : values;
    const binned = histogram(Array.from(data), finiteRange(data) ?? { min: 0, max: 0 }, bins);
    this.counts = Array.from(binned.counts);
    this.min = binned.min;
    this.max = binned.max;
  }
}
