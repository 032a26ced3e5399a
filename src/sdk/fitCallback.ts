import * as tf from '@tensorflow/tfjs';
import { Interrupted, isInterruptRequested, letMessagesIn } from './interrupt';
import { ProgressReporter, type ShowOutput } from './progress';
import { noteBatch } from './throughput';

/** What the callback needs of a run. */
export interface CallbackTarget {
  log(dict: Record<string, unknown>): void;
  defineMetric(name: string, options: { stepMetric: string }): void;
  /** Null while there is room to post more points; else resolves once there is (IndexedDB caught up). */
  whenRoomToLog(): Promise<void> | null;
  readonly config: Record<string, unknown> & { update(values: Record<string, unknown>): void };
}

/** Options of run.callback(). */
export interface FitCallbackOptions {
  /** Log every batch as `batch/*` (default true); epochs are always logged as `epoch/*`. */
  logBatches?: boolean;
}

/** What a FitCallback is made of. */
export interface FitCallbackParts {
  run: CallbackTarget;
  /** Where the epoch/batch progress bar is shown. */
  show: ShowOutput;
  options?: FitCallbackOptions;
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
 * every epoch as `epoch/<metric>` (validation metrics included) with `epoch/epoch`. As W&B's WandbMetricsLogger does,
 * `epoch/*` is defined against `epoch/epoch` and `batch/*` against `batch/step`, so charts plot them that way. When the user presses Stop it sets
 * `model.stopTraining` and throws Interrupted, so `fit` ends at the next batch. A progress bar under the cell shows
 * epochs and batches with the time left, and batch timings feed the run's system metrics. While IndexedDB is more than
 * the SDK's bound behind, training waits after the batch (only then: the usual case awaits nothing new).
 */
export class FitCallback extends tf.Callback {
  private batchStep = 0;
  private batchStarted = 0;
  private bar: ProgressReporter | null = null;
  private readonly run: CallbackTarget;
  private readonly show: ShowOutput;
  private readonly options: FitCallbackOptions;

  constructor(parts: FitCallbackParts) {
    super();
    this.run = parts.run;
    this.show = parts.show;
    this.options = parts.options ?? {};
  }

  override async onTrainBegin(): Promise<void> {
    const model = this.model;
    this.run.defineMetric('epoch/*', { stepMetric: 'epoch/epoch' });
    if (this.options.logBatches !== false) this.run.defineMetric('batch/*', { stepMetric: 'batch/step' });
    this.bar = new ProgressReporter({ show: this.show, label: this.epochLabel(0), total: this.totalBatches(), unit: 'batch' });
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

  override async onEpochBegin(epoch: number): Promise<void> {
    this.bar?.relabel(this.epochLabel(epoch));
  }

  override async onBatchBegin(): Promise<void> {
    this.batchStarted = performance.now();
  }

  override async onBatchEnd(_batch: number, logs?: tf.Logs): Promise<void> {
    const size = typeof logs?.size === 'number' ? logs.size : 0;
    noteBatch(size, performance.now() - this.batchStarted);
    await letMessagesIn();
    this.stopIfAsked();
    // Reading a batch's logs waits for the GPU, so without batch logging the bar shows no loss rather than add a wait.
    const values = logs && this.options.logBatches !== false ? await prefixed('batch', logs) : null;
    const loss = values?.['batch/loss'];
    this.bar?.advance(1, loss === undefined ? undefined : `loss ${loss.toPrecision(4)}`);
    if (values) this.run.log({ ...values, 'batch/step': this.batchStep++ });
    await this.run.whenRoomToLog();
  }

  override async onEpochEnd(epoch: number, logs?: tf.Logs): Promise<void> {
    this.run.log({ ...(await prefixed('epoch', logs ?? {})), 'epoch/epoch': epoch });
    await this.run.whenRoomToLog();
    this.stopIfAsked();
  }

  override async onTrainEnd(): Promise<void> {
    this.bar?.finish();
  }

  private epochLabel(epoch: number): string {
    const epochs = this.params['epochs'];
    return typeof epochs === 'number' ? `epoch ${epoch + 1}/${epochs}` : `epoch ${epoch + 1}`;
  }

  /** Batches in the whole fit, when tfjs says how many samples and how big a batch is (not for datasets). */
  private totalBatches(): number | null {
    const { epochs, samples, batchSize, steps } = this.params as Record<string, unknown>;
    if (typeof epochs !== 'number') return null;
    if (typeof steps === 'number') return epochs * steps;
    return typeof samples === 'number' && typeof batchSize === 'number' ? epochs * Math.ceil(samples / batchSize) : null;
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
