import { errorMessage } from '../lib/errorMessage';
import { flattenLogDict, LogValueError, type RichLogValue } from '../model/runs/logValues';
import { encodeTableLog, snapshotTable, unsentMedia, type TableSnapshot } from './tableLog';
import { Table } from './table';
import { Image } from './image';
import { StepTracker, type LogStepOptions, type PendingSlot } from '../model/runs/stepTracker';
import { SummaryAccumulator, type MetricSummary } from '../model/runs/summary';
import type { SummaryMode } from '../model/runs/runTypes';
import { batchTransferables, type HistoryBatch } from '../model/history/historyBatch';
import { HistoryBuffer, type HistoryColumn } from './historyBuffer';
import { throwIfInterrupted } from './interrupt';
import { FitCallback, type FitCallbackOptions } from './fitCallback';
import { createRunConfig, type RunConfig } from './runConfig';
import type { SdkHost } from './sdkHost';
import { WriteWindow } from './writeWindow';
import type { ConfigTree } from '../model/runs/runTypes';
import { stepMetricOf } from '../model/runs/stepMetrics';
import { SYSTEM_PREFIX } from '../model/runs/systemMetrics';

/**
 * The longest the SDK holds logged points before posting them, so charts stay live and a crash loses little. Each post
 * is an IndexedDB transaction in the page, whose cost hardly depends on its size: posting every 250 ms, a 7 s fit
 * logging every batch ran 1.08 times as long as untracked on the 2-core VM (bench/kernel, ten pairs), every second
 * 1.02, with fits also less spread (5.9–7.5 s against 5.3–9.9). A chart a second behind is still live.
 */
const FLUSH_INTERVAL_MS = 1000;
/** Past this many buffered points a flush happens regardless of time, bounding the worker's memory. */
const MAX_BUFFERED_POINTS = 262_144;
/**
 * Points a run may have posted to the session and not yet stored: four full batches, 16 MB of steps and values.
 * Measured on Chromium 156 (README, "Memory and what a closed tab can lose"): one batch in flight makes IndexedDB wait
 * for each acknowledgement's round trip, two to eight were alike within the noise with four the fastest median, and no
 * bound was the slowest; more only adds memory and what a closed tab can lose.
 */
export const MAX_POINTS_IN_FLIGHT = 4 * MAX_BUFFERED_POINTS;
/** A tight synchronous loop never lets timers fire, so log() looks at the clock every this many calls. */
const CLOCK_CHECK_EVERY = 256;

/**
 * The table a rich log value is stored as: a Table itself, or Images (`run.log({ samples: [a, b] })`) as a mutable
 * table of one `image` column, a version per step, which the run page's step slider and the media panel show.
 */
function richTable(path: string, kind: string, value: object): Table {
  if (kind === 'table' && value instanceof Table) return value;
  const images = kind === 'images' ? (value as unknown[]) : [value];
  if (kind !== 'table' && images.every((image) => image instanceof Image)) return new Table({ columns: ['image'], data: images.map((image) => [image]), log_mode: 'mutable' });
  throw new LogValueError(`run.log: "${path}" looks like a ${kind === 'table' ? 'Table' : 'labbook Image'} but is not one`);
}

/** Everything run.log touches for one metric, found with a single lookup by name. */
interface MetricSlot extends PendingSlot {
  name: string;
  column: HistoryColumn;
  summary: MetricSummary;
  /** The step metric whose last value a log() of this metric without it adds (step_sync); undefined: not looked up. */
  syncWith?: MetricSlot | null;
}

/** Options of run.finish(). */
export interface FinishOptions {
  exitCode?: number;
}

/** Options of run.defineMetric(). */
export interface DefineMetricOptions {
  summary?: SummaryMode;
  /** Plot the metric (a name, or a glob such as `epoch/*`) against this metric instead of the step. */
  stepMetric?: string;
  /**
   * With `stepMetric`: a log() of the metric that leaves the step metric out gets its last value added (default
   * true, as W&B's `step_sync`), so `log({ val_acc })` after `log({ epoch: 3 })` still plots at epoch 3.
   */
  stepSync?: boolean;
}

/** Identity of a run as the session created it. */
export interface RunIdentity {
  id: string;
  /** Null while the session has not named the run yet. */
  name: string | null;
  project: string;
  config: ConfigTree;
}

/** A tracked run: log metrics, read and extend config and summary, finish. Created by init(). */
export class Run {
  readonly id: string;
  readonly project: string;
  /** Hyperparameters; nested objects are fine (tables show them as `optimizer.lr`). */
  readonly config: RunConfig;
  /** Last value of each metric by default (see defineMetric); assign to set a value by hand. */
  readonly summary: Record<string, number>;

  private readonly accumulator = new SummaryAccumulator();
  private readonly buffer = new HistoryBuffer();
  private readonly tracker: StepTracker<MetricSlot>;
  private readonly slots = new Map<string, MetricSlot>();
  private readonly keys: string[] = [];
  private readonly values: number[] = [];
  private readonly callSlots: MetricSlot[] = [];
  private readonly rich: RichLogValue[] = [];
  /** Tables being encoded, which finish and flush wait for. */
  private readonly encoding = new Set<Promise<void>>();
  /** Hashes of the media files this run has sent, so each goes to the session once. */
  private readonly sentMedia = new Set<string>();
  /** The latest table send: the next waits for it. */
  private tablesSent: Promise<void> = Promise.resolve();
  private readonly stepMetrics: Record<string, string> = {};
  /** The step metrics defined with step sync on; empty (the common case) costs log() nothing. */
  private readonly syncedStepMetrics: Record<string, string> = {};
  private syncing = false;
  private buffered = 0;
  private readonly startedAt = Date.now();
  private sentConfig: string;
  private lastFlush = performance.now();
  private callsSinceClock = 0;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly window = new WriteWindow(MAX_POINTS_IN_FLIGHT);
  /** Batches taken from the buffer that wait for room in flight, oldest first (see post). */
  private readonly backlog: { batch: HistoryBatch; points: number }[] = [];
  private stoppedReason: string | null = null;
  private finished = false;
  /** The name asked for, or the one the session made up once it answers (null until then). */
  private givenName: string | null;

  constructor(
    private readonly host: SdkHost,
    identity: RunIdentity,
  ) {
    this.id = identity.id;
    this.givenName = identity.name;
    this.project = identity.project;
    this.config = createRunConfig(identity.config);
    this.sentConfig = JSON.stringify(identity.config);
    this.tracker = new StepTracker<MetricSlot>((step, slots) => {
      this.buffer.timestamps.push(step, Date.now() / 1000);
      for (const slot of slots) slot.column.push(step, slot.pendingValue);
      this.buffered += slots.length + 1;
    });
    this.summary = this.summaryProxy();
  }

  /** Display name: the one given to init, else the readable one the session makes up (the id until it has answered). */
  get name(): string {
    return this.givenName ?? this.id;
  }

  /** The session created the run under this name. */
  named(name: string): void {
    this.givenName = name;
  }

  /** The step the next log() without `step` writes to. */
  get step(): number {
    return this.tracker.step;
  }

  /** Wall-clock seconds since init. */
  get runtimeSeconds(): number {
    return (Date.now() - this.startedAt) / 1000;
  }

  /** False once nothing more can come from the session for it: finished with every batch stored, or stopped. */
  get awaitsSession(): boolean {
    return !this.finished || (this.stoppedReason === null && this.window.inFlight > 0);
  }

  /** True once finish() was called (or the run was stopped). */
  get isFinished(): boolean {
    return this.finished;
  }

  /**
   * Logs a dict of metrics to the current step (see README "Logging" for steps, commit and accepted values).
   * Throws, naming the key, on a value that cannot be stored; nothing from that call is kept.
   */
  log(dict: Record<string, unknown>, options?: LogStepOptions): void {
    throwIfInterrupted();
    this.assertWritable();
    flattenLogDict(dict, this.keys, this.values, this.rich);
    // Checked before the step is taken, so a bad value keeps nothing; no array at all for the usual call without one.
    const tables = this.rich.length === 0 ? null : this.rich.map(({ path, kind, value }) => ({ path, table: richTable(path, kind, value) }));
    const step = options?.step ?? this.tracker.step;
    if (this.syncing) this.addSyncedStepMetrics();
    const slots = this.callSlots;
    slots.length = this.keys.length;
    for (let i = 0; i < this.keys.length; i++) slots[i] = this.slotOf(this.keys[i]!);
    const warning = this.tracker.log(slots, this.values, options);
    for (let i = 0; i < slots.length; i++) slots[i]!.summary.add(this.values[i]!);
    if (warning !== null) this.warn(warning);
    if (tables) for (const { path, table } of tables) this.sendTable(snapshotTable(table, path, step));
    this.maybeFlush();
  }

  /**
   * Encodes a logged table behind the log call (images take time) and sends it; finish and flush wait for it. Tables
   * encode side by side but are sent in log order, so a key's versions are stored in the order they were logged.
   */
  private sendTable(snapshot: TableSnapshot): void {
    const encoded = encodeTableLog(snapshot);
    const sending = this.tablesSent
      .then(() => encoded)
      .then(
        ({ log, media }) => {
          if (this.stoppedReason !== null) return;
          const files = unsentMedia(media, this.sentMedia);
          this.host.emit({ kind: 'table', runId: this.id, log, media: files }, [log.arrow.buffer, ...files.map((file) => file.bytes.buffer)]);
        },
        (error: unknown) => this.warn(`run.log: table "${snapshot.key}" could not be encoded, so it was not logged: ${errorMessage(error)}`),
      );
    this.tablesSent = sending;
    this.encoding.add(sending);
    void sending.finally(() => this.encoding.delete(sending));
  }

  /** A `model.fit` callback that logs batches, epochs and the model summary to this run: `callbacks: [run.callback()]`. */
  callback(options?: FitCallbackOptions): FitCallback {
    return new FitCallback({ run: this, show: (output, displayId) => this.host.show(output, displayId), options });
  }

  /**
   * Records a sample of system figures (memory, tensors, speed) as `system/<key>`, at x = seconds since init rather
   * than at a training step, as W&B's system charts are: the sampler runs on a clock, not on log() calls.
   */
  recordSystemSample(sample: Record<string, number>): void {
    if (this.finished) return;
    const at = Math.round(this.runtimeSeconds * 1000) / 1000;
    for (const [key, value] of Object.entries(sample)) this.buffer.column(`${SYSTEM_PREFIX}${key}`).push(at, value);
    this.buffered += Object.keys(sample).length;
    this.maybeFlush();
  }

  /**
   * Chooses how a metric's summary is computed (`last` by default, `min`, `max` or `mean`) and what it is plotted
   * against (`stepMetric`; see DefineMetricOptions), as W&B's define_metric. `name` may be a glob for `stepMetric`.
   */
  defineMetric(name: string, options: DefineMetricOptions = {}): void {
    if (typeof name !== 'string' || name === '') throw new TypeError('defineMetric: the metric name must be a non-empty string');
    if (options.summary) this.accumulator.setMode(name, options.summary);
    const { stepMetric } = options;
    if (stepMetric === undefined) return;
    if (typeof stepMetric !== 'string' || stepMetric === '' || stepMetric.includes('*')) {
      throw new TypeError(`defineMetric(${JSON.stringify(name)}): stepMetric must be the name of a metric, without *`);
    }
    this.stepMetrics[name] = stepMetric;
    if (options.stepSync === false) delete this.syncedStepMetrics[name];
    else this.syncedStepMetrics[name] = stepMetric;
    this.syncing = Object.keys(this.syncedStepMetrics).length > 0;
    for (const slot of this.slots.values()) slot.syncWith = undefined;
    this.host.emit({ kind: 'stepMetrics', runId: this.id, stepMetrics: { ...this.stepMetrics } }, []);
  }

  /**
   * Posts everything logged so far and resolves once it is stored (steps still open with `commit: false` go with their
   * step). A loop that logs without awaiting anything should await this now and then: while IndexedDB is behind, the
   * SDK keeps points in the worker's memory rather than post more than MAX_POINTS_IN_FLIGHT, and only an await lets
   * the session's acknowledgements in.
   */
  async flush(): Promise<void> {
    this.assertNotStopped();
    if (this.finished) return;
    try {
      await Promise.all(this.encoding);
      this.post();
      await this.untilBacklogSent();
      await this.window.whenStored();
    } catch {
      // Only a stop rejects the waits. Made here, after the await, the error's stack reaches the cell that called flush.
      throw this.stoppedError();
    }
  }

  /**
   * Null while no batch waits for room in flight (the common case: callers need not await), else a promise that
   * resolves once the waiting batches are posted. The fit callback awaits it after each batch.
   */
  whenRoomToLog(): Promise<void> | null {
    return this.backlog.length > 0 ? this.untilBacklogSent() : null;
  }

  /** The session stored every history batch up to `upTo`: frees the room they took and posts points held for it. */
  acknowledge(upTo: number): void {
    this.window.acknowledge(upTo);
    this.sendBacklog();
  }

  /** Ends the run (`exitCode` ≠ 0 marks it failed); resolves once everything it logged is stored. */
  async finish(options: FinishOptions = {}): Promise<void> {
    const exitCode = options.exitCode ?? 0;
    await this.end(exitCode === 0 ? 'finished' : 'failed', exitCode, exitCode === 0 ? null : `finished with exit code ${exitCode}`);
  }

  /** Ends the run in a given state; used by finish() and by the kernel when a cell throws. */
  async end(state: 'finished' | 'failed' | 'killed', exitCode: number, error: string | null): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await Promise.all(this.encoding);
    this.tracker.flush();
    // The backlog goes first and the last batch too waits for room, so the session never queues more than the bound.
    while (this.backlog.length > 0 || !this.window.hasRoomFor(this.buffered)) await this.window.nextAcknowledgement();
    const batch = this.takePending();
    const { stored } = await this.host.request(
      { kind: 'finishRun', runId: this.id, state, exitCode, error, batch, summary: this.accumulator.snapshot() },
      batchTransferables(batch),
    );
    if (!stored) throw new Error(`run ${this.name} could not be stored completely: ${this.stoppedReason ?? 'the browser refused the write'}`);
  }

  /** Called when the session can no longer store this run (e.g. storage full): later calls throw `reason`. */
  stop(reason: string): void {
    this.stoppedReason = reason;
    this.finished = true;
    this.backlog.length = 0;
    this.clearFlushTimer();
    this.window.fail(this.stoppedError());
  }

  /** Resolves once the backlog is posted (rejects if the run is stopped meanwhile). */
  private async untilBacklogSent(): Promise<void> {
    while (this.backlog.length > 0) await this.window.nextAcknowledgement();
  }

  /**
   * Takes the buffered points as a batch and posts it when it fits in flight. Otherwise it waits in the backlog, which
   * each acknowledgement sends on as room frees up, while logging goes on buffering: a disk that falls behind fills
   * the worker's memory, which flush() and the fit callback let drain, never an unbounded queue in the page. Batches
   * enter the backlog whole (about MAX_BUFFERED_POINTS each), so none is ever larger than the bound.
   */
  private post(): void {
    // An empty batch still goes when nothing waits: it carries the summary, and flush() waits for its acknowledgement.
    if (this.buffered > 0 || this.backlog.length === 0) {
      const points = this.buffered;
      this.backlog.push({ batch: this.takePending(), points });
    }
    this.sendBacklog();
  }

  private sendBacklog(): void {
    while (this.backlog.length > 0 && this.window.hasRoomFor(this.backlog[0]!.points)) {
      const { batch, points } = this.backlog.shift()!;
      const seq = this.window.post(points);
      this.host.emit({ kind: 'history', runId: this.id, seq, batch, summary: this.accumulator.snapshot() }, batchTransferables(batch));
    }
  }

  private clearFlushTimer(): void {
    if (this.flushTimer === null) return;
    clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  /** Sends a changed config and takes the buffered points, resetting the flush clock. */
  private takePending(): HistoryBatch {
    this.clearFlushTimer();
    this.lastFlush = performance.now();
    this.callsSinceClock = 0;
    const configJson = this.configJson();
    if (configJson !== null && configJson !== this.sentConfig) {
      this.sentConfig = configJson;
      this.host.emit({ kind: 'config', runId: this.id, config: JSON.parse(configJson) as ConfigTree }, []);
    }
    this.buffered = 0;
    return this.buffer.take() ?? { metrics: [], steps: [], values: [] };
  }

  /** The config as JSON, or null (with a warning) when a value put into it cannot be stored, e.g. a cycle. */
  private configJson(): string | null {
    try {
      return JSON.stringify(this.config);
    } catch (error) {
      this.warn(`run.config: the config could not be saved (${errorMessage(error)}); the last saved config is kept`);
      return null;
    }
  }

  /** Adds to this call's keys the last value of each step metric a synced metric in it is defined against. */
  private addSyncedStepMetrics(): void {
    const logged = this.keys.length;
    for (let i = 0; i < logged; i++) {
      const slot = this.slotOf(this.keys[i]!);
      if (slot.syncWith === undefined) slot.syncWith = this.syncTarget(slot.name);
      const target = slot.syncWith;
      if (target === null || !target.summary.seen || this.keys.includes(target.name)) continue;
      this.keys.push(target.name);
      this.values.push(target.summary.last);
    }
  }

  private syncTarget(metric: string): MetricSlot | null {
    const stepMetric = stepMetricOf(this.stepMetrics, metric);
    return stepMetric !== null && stepMetricOf(this.syncedStepMetrics, metric) === stepMetric ? this.slotOf(stepMetric) : null;
  }

  private slotOf(metric: string): MetricSlot {
    let slot = this.slots.get(metric);
    if (slot === undefined) {
      slot = { name: metric, pendingStep: -1, pendingValue: NaN, column: this.buffer.column(metric), summary: this.accumulator.metric(metric) };
      this.slots.set(metric, slot);
    }
    return slot;
  }

  private assertWritable(): void {
    this.assertNotStopped();
    if (this.finished) throw new Error(`run ${this.name} is finished; call init() to start a new run`);
  }

  private assertNotStopped(): void {
    if (this.stoppedReason !== null) throw this.stoppedError();
  }

  private stoppedError(): Error {
    return new Error(`run ${this.name} was stopped: ${this.stoppedReason}`);
  }

  private maybeFlush(): void {
    if (this.buffered >= MAX_BUFFERED_POINTS) return this.post();
    if (++this.callsSinceClock >= CLOCK_CHECK_EVERY) {
      this.callsSinceClock = 0;
      // While batches wait for room, a loop that never yields adds only full ones to the backlog, not one per interval.
      if (this.backlog.length === 0 && performance.now() - this.lastFlush >= FLUSH_INTERVAL_MS) return this.post();
    }
    if (this.flushTimer === null) this.flushTimer = setTimeout(() => this.post(), FLUSH_INTERVAL_MS);
  }

  private warn(message: string): void {
    this.host.warn(message);
    this.host.emit({ kind: 'warning', runId: this.id, message }, []);
  }

  private summaryProxy(): Record<string, number> {
    const snapshot = () => this.accumulator.snapshot();
    return new Proxy({} as Record<string, number>, {
      get: (_target, key) => (typeof key === 'string' ? snapshot()[key] : undefined),
      set: (_target, key, value: unknown) => {
        if (typeof key !== 'string' || typeof value !== 'number') throw new TypeError('run.summary values must be numbers');
        this.accumulator.override(key, value);
        return true;
      },
      has: (_target, key) => typeof key === 'string' && key in snapshot(),
      ownKeys: () => Object.keys(snapshot()),
      getOwnPropertyDescriptor: (_target, key) =>
        typeof key === 'string' && key in snapshot() ? { enumerable: true, configurable: true, writable: true, value: snapshot()[key] } : undefined,
    });
  }
}
