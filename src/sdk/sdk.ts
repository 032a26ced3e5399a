import { errorMessage } from '../lib/errorMessage';
import { randomId } from '../lib/ids';
import { validateInitOptions } from '../model/runs/initOptions';
import type { CellSource, ExecutedCell } from '../model/runs/runTypes';
import type { LogStepOptions } from '../model/runs/stepTracker';
import type { SummaryMode } from '../model/runs/runTypes';
import { KernelCodeLog } from './codeLog';
import { Table } from './table';
import { Histogram } from './histogram';
import { Html } from './html';
import { Image } from './image';
import { Run, type FinishOptions } from './run';
import type { SdkHost } from './sdkHost';
import { throwIfInterrupted } from './interrupt';
import type { FitCallback, FitCallbackOptions } from './fitCallback';
import { countTo, trackProgress, type ProgressOptions } from './progress';

/** Options of init(), as in wandb.init. */
export interface InitOptions {
  /** Project the run belongs to (created on first use); defaults to "uncategorized". */
  project?: string;
  /** Display name; a readable unique one (`rosy-sweep-12`) is made when omitted. */
  name?: string;
  config?: Record<string, unknown>;
  group?: string;
  tags?: string[];
  notes?: string;
}

let host: SdkHost | null = null;
let current: Run | null = null;
/** Open runs with the order they were created in, so a failing cell ends only the runs it started. */
const live = new Map<Run, number>();
/** Runs the session may still send word of (a stored batch, a stop), by id; finished ones leave once settled. */
const reachable = new Map<string, Run>();
let runsStarted = 0;
/** Every cell executed in this kernel so far: a run's code is a prefix of it. */
const codeLog = new KernelCodeLog();

/** Records a cell the kernel is about to execute: part of the code of runs started from now on and of runs open now. */
export function noteExecutedCell(cell: ExecutedCell & CellSource, notebookId: string | null): void {
  codeLog.note(cell, notebookId);
  const open = [...live.keys()].filter((run) => !run.isFinished);
  if (!host || open.length === 0) return;
  sendCodeLog(host);
  for (const run of open) host.emit({ kind: 'code', runId: run.id, cells: codeLog.length }, []);
}

/** Hands the session the executed cells it has not seen, before a run that refers to them. */
function sendCodeLog(to: SdkHost): void {
  const log = codeLog.takeUnsent();
  if (log) to.recordCells(log);
}

/** Connects the SDK to the kernel it runs in (called once by the kernel). */
export function attachSdkHost(sdkHost: SdkHost): void {
  host = sdkHost;
}

/** Starts a run; a run still open from an earlier init() is finished first, as in a notebook. */
export async function init(options: InitOptions = {}): Promise<Run> {
  const { run, created } = startRun(options);
  await created;
  return run;
}

/**
 * wandb.init: the run at once, as W&B's returns it without `await`, so pasted W&B code runs as written. Its creation
 * finishes behind it; if that fails the run is stopped, and its next log or finish throws why.
 */
function initAtOnce(options: InitOptions = {}): Run {
  const { run, created } = startRun(options);
  created.catch((error: unknown) => host?.warn(`run ${run.name}: ${errorMessage(error)}`));
  return run;
}

/**
 * A new run under an id the kernel picks, handed back before the session has created it: the session creates it
 * before anything the run sends afterwards, and the previous open run's finish request goes before either.
 */
function startRun(options: InitOptions): { run: Run; created: Promise<void> } {
  if (!host) throw new Error('labbook SDK is not attached to a kernel');
  const session = host;
  throwIfInterrupted();
  // Checked before anything happens: a bad option neither creates a run nor finishes the open one.
  const { project, name, config, group, tags, notes } = validateInitOptions(options);
  const previous = current && !current.isFinished ? current.finish() : Promise.resolve();
  for (const run of live.keys()) if (run.isFinished) live.delete(run);
  sendCodeLog(session);
  const run = new Run(session, { id: randomId(), name, project, config });
  const request = session.request({ kind: 'initRun', runId: run.id, project, name, config, group, tags, notes, environment: session.environment(), code: codeLog.reference() });
  const created = request.then(
    (reply) => {
      run.named(reply.name);
      // Like W&B's notebook display: a live chart of the run under the cell that started it, with a link to its page.
      session.show({ kind: 'run', runId: run.id, name: reply.name, project }, `run-${run.id}`);
    },
    (error: unknown) => {
      run.stop(`it could not be created: ${errorMessage(error)}`);
      throw error;
    },
  );
  current = run;
  live.set(run, ++runsStarted);
  for (const [id, other] of reachable) if (!other.awaitsSession) reachable.delete(id);
  reachable.set(run.id, run);
  return { run, created: Promise.all([previous, created]).then(() => undefined) };
}

/** The run started by the latest init(), if any. */
export function currentRun(): Run | null {
  return current;
}

function requireRun(call: string): Run {
  if (!current) throw new Error(`${call}: no run; call init() first`);
  return current;
}

/** Logs to the current run (wandb.log). */
export function log(dict: Record<string, unknown>, options?: LogStepOptions): void {
  requireRun('log').log(dict, options);
}

/** Posts what the current run buffered and resolves once everything it logged is stored (see Run.flush). */
export async function flush(): Promise<void> {
  await requireRun('flush').flush();
}

/** Finishes the current run (wandb.finish). */
export async function finish(options?: FinishOptions): Promise<void> {
  await requireRun('finish').finish(options);
}

/** A `model.fit` callback for the current run (`labbook.callback()`, like W&B's integration). */
export function callback(options?: FitCallbackOptions): FitCallback {
  return requireRun('callback').callback(options);
}

/** Iterates with a progress bar under the cell (tqdm-like): `for (const batch of progress(batches)) …`; a number n counts 0…n-1. */
export function progress(count: number, options?: ProgressOptions): Generator<number>;
export function progress<T>(items: Iterable<T>, options?: ProgressOptions): Generator<T>;
export function progress<T>(items: Iterable<T> | number, options: ProgressOptions = {}): Generator<T | number> {
  if (!host) throw new Error('labbook SDK is not attached to a kernel');
  const show = host.show.bind(host);
  return typeof items === 'number' ? trackProgress(countTo(items), { total: items, ...options }, show) : trackProgress(items, options, show);
}

/** Adds a system sample to every open run; false when no run is open (the sampler then has nothing to measure for). */
export function recordSystemSample(sample: Record<string, number>): boolean {
  let any = false;
  for (const run of live.keys()) {
    if (run.isFinished) continue;
    run.recordSystemSample(sample);
    any = true;
  }
  return any;
}

/** True while some run is open. */
export function hasOpenRuns(): boolean {
  for (const run of live.keys()) if (!run.isFinished) return true;
  return false;
}

/** A mark of how many runs were created so far; runs created after it are what endRunsCreatedSince ends. */
export function runCreationMark(): number {
  return runsStarted;
}

/**
 * Ends the open runs created after `mark`, e.g. as failed when the cell that started them threw. Runs started by
 * earlier cells stay open: in a notebook, a typo in a later cell does not end a training run begun before it.
 */
export async function endRunsCreatedSince(mark: number, state: 'failed' | 'killed', error: string): Promise<void> {
  const ending = [...live].filter(([run, order]) => order > mark && !run.isFinished).map(([run]) => run);
  for (const run of ending) live.delete(run);
  await Promise.all(ending.map((run) => run.end(state, 1, error)));
}

/** Stops a run the session can no longer store; the run's next call throws the reason. */
export function stopRun(runId: string, reason: string): void {
  reachable.get(runId)?.stop(reason);
}

/** The session stored a run's history batches up to `upTo`. */
export function noteStored(runId: string, upTo: number): void {
  reachable.get(runId)?.acknowledge(upTo);
}

let loginExplained = false;

/** The W&B-shaped facade: `wandb.init` (the run at once), `log`, `finish`, `run`, `config`, `summary`, `define_metric`, `Image`, `Table`, `Histogram`, `Html`. */
export const wandb = {
  /**
   * W&B's login, so its examples run as written: runs stay in this browser and need no account, which it says once
   * under the cell; returns true, as W&B's does when logged in.
   */
  login(): boolean {
    if (!loginExplained) host?.warn('wandb.login(): Labbook keeps runs in this browser, so there is nothing to log in to');
    loginExplained = true;
    return true;
  },
  init: initAtOnce,
  log,
  finish,
  callback,
  get run(): Run | null {
    return current;
  },
  /** The current run's config: attribute access (`wandb.config.lr`) and `update`, as W&B's. */
  get config(): Run['config'] {
    return requireRun('wandb.config').config;
  },
  /** The current run's summary: read it, or assign a value to keep instead of the last logged one. */
  get summary(): Run['summary'] {
    return requireRun('wandb.summary').summary;
  },
  /**
   * As W&B's define_metric: how a metric's summary is computed (`summary: 'min' | 'max' | 'mean' | 'last'`), and the
   * metric it is plotted against (`step_metric`, e.g. `define_metric('val/*', { step_metric: 'epoch' })`), whose last
   * value a log without it gets (`step_sync`, default true).
   */
  define_metric(name: string, options: { summary?: SummaryMode; step_metric?: string; step_sync?: boolean } = {}): void {
    const { summary, step_metric: stepMetric, step_sync: stepSync } = options;
    requireRun('wandb.define_metric').defineMetric(name, { summary, stepMetric, stepSync });
  },
  Image,
  Table,
  Histogram,
  Html,
};

export { Run };
