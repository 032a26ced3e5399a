import * as tf from '@tensorflow/tfjs';
import { Interrupted, isInterruptRequested } from './interrupt';

/** What the callback needs of a run. */
export interface CallbackTarget {
  log(dict: Record<string, unknown>): void;
  readonly config: Record<string, unknown> & { update(values: Record<string, unknown>): void };
}

/** Options of run.callback(). */
export interface FitCallbackOptions {
  /** Log every batch as `batch/*` (default true); epochs are always logged as `epoch/*`. */
  logBatches?: boolean;
}

/** A layer as recorded in the run's config. */
interface LayerSummary {
  name: string;
  type: string;
  outputShape: string;
  params: number;
}

/**
 * A tfjs `model.fit` callback that tracks training in a run, like W&B's Keras integration: the model's layers and
 * parameter count go into the config at the start, every batch is logged as `batch/<metric>` with `batch/step`, and
 * every epoch as `epoch/<metric>` (validation metrics included) with `epoch/epoch`. When the user presses Stop it sets
 * `model.stopTraining` and throws Interrupted, so `fit` ends at the next batch.
 */
export class FitCallback extends tf.Callback {
  private batchStep = 0;

  constructor(
    private readonly run: CallbackTarget,
    private readonly options: FitCallbackOptions = {},
  ) {
    super();
  }

  override async onTrainBegin(): Promise<void> {
    const model = this.model;
    // The input placeholder is not a layer a person thinks of (Keras's summary leaves it out of sequential models).
    const layers: LayerSummary[] = model.layers.filter((layer) => layer.getClassName() !== 'InputLayer').map((layer) => ({
      name: layer.name,
      type: layer.getClassName(),
      outputShape: JSON.stringify(layer.outputShape),
      params: layer.countParams(),
    }));
    this.run.config.update({
      model: { name: model.name, layers, totalParams: layers.reduce((n, l) => n + l.params, 0), optimizer: model.optimizer?.getClassName() ?? null },
    });
  }

  override async onBatchEnd(_batch: number, logs?: tf.Logs): Promise<void> {
    this.stopIfAsked();
    if (this.options.logBatches === false || !logs) return;
    this.run.log({ ...(await prefixed('batch', logs)), 'batch/step': this.batchStep++ });
  }

  override async onEpochEnd(epoch: number, logs?: tf.Logs): Promise<void> {
    this.run.log({ ...(await prefixed('epoch', logs ?? {})), 'epoch/epoch': epoch });
    this.stopIfAsked();
  }

  private stopIfAsked(): void {
    if (!isInterruptRequested()) return;
    this.model.stopTraining = true;
    throw new Interrupted();
  }
}

/**
 * Metric values with a prefix. tfjs hands a subclassed callback its batch logs as scalar tensors; they are read
 * together (one wait, not one per metric), as tfjs's own callbacks do.
 */
async function prefixed(prefix: string, logs: tf.Logs): Promise<Record<string, number>> {
  const entries = Object.entries(logs as Record<string, unknown>).filter(([key]) => key !== 'batch' && key !== 'size');
  const values = await Promise.all(entries.map(async ([, value]) => (value instanceof tf.Tensor ? (await value.data())[0]! : value)));
  const out: Record<string, number> = {};
  entries.forEach(([key], i) => {
    if (typeof values[i] === 'number') out[`${prefix}/${key}`] = values[i];
  });
  return out;
}
