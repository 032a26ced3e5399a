import { errorMessage } from '../lib/errorMessage';
import { deferred, type Deferred } from '../lib/deferred';
import { assertNever } from '../lib/assertNever';
import type { RunEnvironment } from '../model/runs/runTypes';
import type { DisplayOutput } from '../model/notebook/displayOutput';
import type { ExecutionError } from '../model/notebook/cellRun';
import type { CellLanguage } from '../model/notebook/notebook';
import { PROTOCOL_VERSION, type CellOrigin, type CellNames, type KernelMessage, type KernelRequest, type SessionMessage } from '../protocol/messages';
import type { LabbookStore } from '../store/labbookStore';
import { watchForCrashedRuns } from './crashDetection';
import { noteRunsOfClosingPage, type PageNotes } from './closedPageRuns';
import type { KernelPort } from './kernelPort';
import { RunWriter } from './runWriter';

/** What the kernel is doing, as the toolbar shows it. */
export type KernelStatus = 'starting' | 'idle' | 'busy' | 'stopping' | 'restarting' | 'dead';

/** How long a soft stop may take before the kernel is terminated and restarted. */
export const HARD_STOP_AFTER_MS = 3000;

/** Why executions still waiting when the kernel restarts did not finish. */
export const SCOPE_LOST_MESSAGE = 'the kernel was restarted: names defined by earlier cells are gone, run those cells again';

/** One piece of streamed output of an execution. */
export interface StreamOutput {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** How an execution ended, with everything it printed. */
export type ExecutionOutcome =
  | { ok: true; display: string | null; rich: DisplayOutput | null; outputs: StreamOutput[]; names?: CellNames | null }
  | { ok: false; error: ExecutionError; outputs: StreamOutput[]; names?: CellNames | null };

/** Options of Session.execute. */
export interface ExecuteOptions {
  language?: CellLanguage;
  /** The notebook cell the code comes from, recorded with the runs it produces. */
  origin?: CellOrigin;
  onOutput?: (output: StreamOutput) => void;
  /** Sees each rich output (image, progress bar, run chart…); one with a displayId seen before replaces that one. */
  onDisplay?: (output: DisplayOutput, displayId: string | null) => void;
}

/** Options of Session. */
export interface SessionOptions {
  store: LabbookStore;
  createKernel: () => KernelPort;
  /** Where closing pages note their runs (localStorage in the app); without it only heartbeats reveal a closed tab. */
  pageNotes?: PageNotes;
}

interface PendingExecution {
  outputs: StreamOutput[];
  onOutput: ((output: StreamOutput) => void) | undefined;
  onDisplay: ExecuteOptions['onDisplay'];
  done: Deferred<ExecutionOutcome>;
}

/**
 * The main thread's side of the kernel: starts it, sends code to execute, answers its requests and hands its run data
 * to the RunWriter. Status changes are announced to listeners.
 */
export class Session {
  private kernel: KernelPort | null = null;
  private readonly writer: RunWriter;
  private readonly executions = new Map<number, PendingExecution>();
  private readonly waiting: SessionMessage[] = [];
  private readonly statusListeners = new Set<(status: KernelStatus) => void>();
  private readonly errorListeners = new Set<(message: string) => void>();
  private nextExecutionId = 1;
  private currentStatus: KernelStatus = 'starting';
  private ready: Deferred<RunEnvironment> = deferred();
  private hardStopTimer: ReturnType<typeof setTimeout> | null = null;
  private stopCrashWatch: (() => void) | null = null;
  /** The kernel's environment once it is ready (tfjs backend, adapter, …). */
  environment: RunEnvironment | null = null;

  constructor(private readonly options: SessionOptions) {
    this.writer = new RunWriter(options.store, {
      onRunStopped: (runId, reason) => {
        this.send({ type: 'runStopped', runId, reason });
        this.reportError(reason);
      },
      onStored: (runId, upTo) => this.send({ type: 'stored', runId, upTo }),
      onError: (error) => this.reportError(errorMessage(error)),
    });
  }

  /** The kernel's current status. */
  get status(): KernelStatus {
    return this.currentStatus;
  }

  /**
   * Starts watching for runs whose tab went away (now and every CRASH_CHECK_INTERVAL_MS, so they end crashed while
   * this tab is open), then starts the kernel; resolves when it is ready. A failing check is reported and does not
   * keep the kernel from starting.
   */
  async start(): Promise<RunEnvironment> {
    this.stopCrashWatch ??= watchForCrashedRuns(this.options.store, {
      isOwned: (runId) => this.writer.owns(runId),
      onError: (message) => this.reportError(message),
      pageNotes: this.options.pageNotes,
    });
    return this.launchKernel();
  }

  /**
   * The page is being unloaded (closed, reloaded, navigated away; not kept in the back-forward cache): its kernel dies
   * with it, so the runs it was writing are noted (see closedPageRuns.ts) and end crashed as soon as any tab of the app
   * looks, instead of showing `running` until their heartbeat lapses.
   */
  pageClosing(): void {
    if (this.options.pageNotes) noteRunsOfClosingPage(this.options.pageNotes.storage, this.writer.ownedRuns());
  }

  /**
   * Stops what the kernel runs: first softly (SDK calls and the fit callback throw Interrupted at their next chance,
   * so the cell ends and its runs end killed); if the kernel has not answered within HARD_STOP_AFTER_MS (a loop that
   * never yields), it is terminated and restarted, which loses the cells' scope but not what was already stored.
   */
  interrupt(): void {
    if (this.executions.size === 0 || this.currentStatus !== 'busy') return;
    this.setStatus('stopping');
    this.send({ type: 'interrupt' });
    this.hardStopTimer = setTimeout(() => void this.restart(), HARD_STOP_AFTER_MS);
  }

  /** Terminates the kernel and starts a fresh one; running cells end with SCOPE_LOST_MESSAGE, their runs killed. */
  async restart(): Promise<RunEnvironment> {
    this.clearHardStop();
    this.kernel?.terminate();
    this.kernel = null;
    this.setStatus('restarting');
    for (const pending of this.executions.values()) {
      pending.done.resolve({ ok: false, error: { name: 'KernelRestarted', message: SCOPE_LOST_MESSAGE, position: null }, outputs: pending.outputs });
    }
    this.executions.clear();
    await this.writer.endOwnedRuns('killed', 'stopped: the kernel was restarted').catch((error: unknown) => this.reportError(String(error)));
    this.ready = deferred();
    return this.launchKernel();
  }

  private launchKernel(): Promise<RunEnvironment> {
    const kernel = this.options.createKernel();
    this.kernel = kernel;
    // The kernel queues executions behind its own start-up, so waiting cells can go at once.
    for (const message of this.waiting.splice(0)) kernel.postMessage(message);
    // Messages of a kernel that was since replaced are dropped: its cells have already been answered.
    kernel.addEventListener('message', (event) => {
      if (this.kernel === kernel) this.receive(event.data);
    });
    kernel.addEventListener('error', (event) => {
      if (this.kernel !== kernel) return;
      const message = 'message' in event ? event.message : 'unknown error';
      // Before it is ready, an error means the kernel could not load. Later ones are user code failing outside any
      // cell (a throwing timer callback): worth showing, but the kernel and its runs are fine.
      if (this.currentStatus === 'starting' || this.currentStatus === 'restarting') this.kernelFailed(`the kernel failed to start: ${message}`);
      else this.reportError(`uncaught error in the kernel: ${message}`);
      event.preventDefault();
    });
    return this.ready.promise;
  }

  private clearHardStop(): void {
    if (this.hardStopTimer !== null) clearTimeout(this.hardStopTimer);
    this.hardStopTimer = null;
  }

  /** Runs a cell's source in the kernel (TypeScript unless told otherwise); `onOutput` sees printed output as it streams. */
  execute(code: string, options: ExecuteOptions = {}): Promise<ExecutionOutcome> {
    const executionId = this.nextExecutionId++;
    if (this.currentStatus === 'dead') {
      return Promise.resolve({ ok: false, error: { name: 'KernelError', message: 'the kernel is not running: reload the page', position: null }, outputs: [] });
    }
    const pending: PendingExecution = { outputs: [], onOutput: options.onOutput, onDisplay: options.onDisplay, done: deferred() };
    this.executions.set(executionId, pending);
    if (this.currentStatus === 'idle') this.setStatus('busy');
    this.send({ type: 'execute', executionId, code, language: options.language ?? 'typescript', origin: options.origin ?? null });
    return pending.done.promise;
  }

  /** Resolves when every run event received so far is stored. */
  whenIdle(): Promise<void> {
    return this.writer.whenIdle();
  }

  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatus(listener: (status: KernelStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Subscribes to errors worth showing (a write that failed, storage full); returns the unsubscribe function. */
  onError(listener: (message: string) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Stops the kernel and the heartbeat. */
  dispose(): void {
    this.clearHardStop();
    this.kernel?.terminate();
    this.kernel = null;
    this.writer.dispose();
    this.stopCrashWatch?.();
    this.setStatus('dead');
  }

  private receive(message: KernelMessage): void {
    switch (message.type) {
      case 'ready':
        if (message.protocolVersion !== PROTOCOL_VERSION) {
          this.kernelFailed(`kernel speaks protocol ${message.protocolVersion}, this page ${PROTOCOL_VERSION}: reload the page`);
          return;
        }
        this.environment = message.environment;
        this.setStatus(this.executions.size > 0 ? 'busy' : 'idle');
        this.ready.resolve(message.environment);
        return;
      case 'heartbeat':
        this.writer.beat();
        return;
      case 'stream': {
        const pending = this.executions.get(message.executionId);
        const output = { stream: message.stream, text: message.text };
        pending?.outputs.push(output);
        pending?.onOutput?.(output);
        return;
      }
      case 'display':
        this.executions.get(message.executionId)?.onDisplay?.(message.output, message.displayId);
        return;
      case 'executed': {
        const pending = this.executions.get(message.executionId);
        if (!pending) return;
        this.executions.delete(message.executionId);
        if (this.executions.size === 0) {
          this.clearHardStop();
          this.setStatus('idle');
        }
        pending.done.resolve(
          message.ok
            ? { ok: true, display: message.display, rich: message.rich, outputs: pending.outputs, names: message.names }
            : { ok: false, error: message.error, outputs: pending.outputs, names: message.names },
        );
        return;
      }
      case 'request':
        void this.answer(message.id, message.request);
        return;
      case 'run':
        this.writer.apply(message.event);
        return;
      case 'executedCells':
        this.writer.recordCells(message.log);
        return;
      default:
        assertNever(message);
    }
  }

  private async answer(id: number, request: KernelRequest): Promise<void> {
    try {
      const value = request.kind === 'initRun' ? await this.writer.initRun(request) : await this.writer.finishRun(request);
      this.send({ type: 'reply', id, ok: true, value });
    } catch (error) {
      this.send({ type: 'reply', id, ok: false, error: errorMessage(error) });
    }
  }

  private kernelFailed(reason: string): void {
    this.reportError(reason);
    this.ready.reject(new Error(reason));
    for (const pending of this.executions.values()) pending.done.resolve({ ok: false, error: { name: 'KernelError', message: reason, position: null }, outputs: pending.outputs });
    this.executions.clear();
    this.writer.endOwnedRuns('failed', `the kernel stopped: ${reason}`).catch((error: unknown) => this.reportError(String(error)));
    this.setStatus('dead');
  }

  private send(message: SessionMessage): void {
    if (this.kernel) this.kernel.postMessage(message);
    // Cells run before the kernel exists (it starts once the first view has drawn, or is being replaced) wait for it;
    // other messages concern a kernel that is gone.
    else if (message.type === 'execute') this.waiting.push(message);
  }

  private setStatus(status: KernelStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private reportError(message: string): void {
    for (const listener of this.errorListeners) listener(message);
  }
}
