import { errorMessage } from '../lib/errorMessage';
import { randomId } from '../lib/ids';
import { deferred } from '../lib/deferred';
import { randomRunNameStem } from '../model/runs/runNames';
import {
  createRunRecord,
  endRun,
  withConfig,
  withStepMetrics,
  withHeartbeat,
  withSummary,
  withWarning,
  withCodeUpTo,
  HEARTBEAT_INTERVAL_MS,
} from '../model/runs/runRecordUpdates';
import { assertNever } from '../lib/assertNever';
import type { FinishRunRequest, InitRunRequest, KernelReplies, RunEvent } from '../protocol/messages';
import type { ExecutedCellsLog, RunRecord } from '../model/runs/runTypes';
import type { LabbookStore } from '../store/labbookStore';
import { isQuotaError, STORAGE_FULL_MESSAGE } from '../store/storageFull';

/** How soon a failed state that did not fit on a full disk is written again. */
const RETRY_FAILURE_MS = 1000;

/** What a run that could not be written ends with: the storage message for a full disk, else the browser's reason. */
function failureReason(error: unknown): string {
  return isQuotaError(error) ? STORAGE_FULL_MESSAGE : `the run could not be saved: ${errorMessage(error)}`;
}

/** Options of RunWriter. */
export interface RunWriterOptions {
  /** Told when a run can no longer be stored, so the kernel makes the run's next call throw. */
  onRunStopped: (runId: string, reason: string) => void;
  /** Told when a run's history batches up to number `upTo` are stored, so the kernel may post more. */
  onStored: (runId: string, upTo: number) => void;
  /** Told about a write that failed outside a run's data, e.g. a heartbeat (shown to the user, never swallowed). */
  onError: (error: unknown) => void;
  now?: () => number;
}

/**
 * The single writer of run data: applies the kernel's run events and requests to the store strictly in arrival order
 * (one queue), acknowledges each stored history batch, keeps the heartbeat of the runs it owns, and turns a write that
 * fails (a full disk, or any other refusal) into a failed run with its reason, while what was already stored stays
 * readable. The queue holds no more than the SDK has in flight, which it bounds by waiting for acknowledgements.
 */
export class RunWriter {
  private queue: Promise<void> = Promise.resolve();
  private readonly owned = new Set<string>();
  private readonly stopped = new Set<string>();
  /** Runs stopped by a failed write whose failed state could not be written yet, with their reason. */
  private readonly unrecordedFailures = new Map<string, string>();
  private readonly heartbeatTimer: ReturnType<typeof setInterval>;
  private lastBeat = -Infinity;
  private readonly now: () => number;

  constructor(
    private readonly store: LabbookStore,
    private readonly options: RunWriterOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.heartbeatTimer = setInterval(() => this.beat(), HEARTBEAT_INTERVAL_MS);
  }

  /**
   * Creates a run with a unique readable name (unless one was given). The kernel gets its answer as soon as the name
   * is settled, so it logs while the record commits; if the commit then fails, the run is stopped like a full disk.
   */
  initRun(request: InitRunRequest): Promise<KernelReplies['initRun']> {
    const reply = deferred<KernelReplies['initRun']>();
    let answered = false;
    const run = createRunRecord({
      id: request.runId,
      name: request.name ?? '',
      project: request.project,
      config: request.config,
      group: request.group,
      tags: request.tags,
      notes: request.notes,
      environment: request.environment,
      code: request.code,
      now: this.now(),
    });
    const onNamed = (named: RunRecord) => {
      answered = true;
      this.owned.add(named.id);
      reply.resolve({ runId: named.id, name: named.name });
    };
    void this.enqueue(async () => {
      try {
        await this.store.createRun(run, { ...(request.name === null ? { nameStem: randomRunNameStem() } : {}), onNamed });
      } catch (error) {
        // What the kernel sent for the run after asking for it (it logs at once) must not be written either.
        this.stopped.add(run.id);
        if (!answered) return reply.reject(error);
        this.owned.delete(run.id);
        this.options.onRunStopped(run.id, failureReason(error));
      }
    });
    return reply.promise;
  }

  /** Applies a streamed run event. */
  apply(event: RunEvent): void {
    if (this.stopped.has(event.runId)) return;
    // Checked again when the write runs: events queued behind the write that stopped the run must not write (and
    // report the full disk) again.
    void this.enqueue(async () => (this.stopped.has(event.runId) ? undefined : this.write(event))).catch((error: unknown) => this.options.onError(error));
  }

  /** Stores executed cells that runs refer to, in order with the runs' own events. */
  recordCells(log: ExecutedCellsLog): void {
    void this.enqueue(() => this.store.appendExecutedCells(log)).catch((error: unknown) => this.options.onError(error));
  }

  /** Ends a run once all its earlier events are stored. */
  finishRun(request: FinishRunRequest): Promise<KernelReplies['finishRun']> {
    return this.enqueue(async () => {
      this.owned.delete(request.runId);
      if (this.stopped.has(request.runId)) return { stored: false };
      const now = this.now();
      const ending = { state: request.state, exitCode: request.exitCode, error: request.error, now };
      try {
        await this.store.appendHistory(request.runId, request.batch, (run) => endRun(withSummary(run, request.summary, now), ending));
      } catch (error) {
        await this.failRun(request.runId, failureReason(error));
        return { stored: false };
      } finally {
        this.store.releaseRun(request.runId);
      }
      return { stored: true };
    });
  }

  /** Ends every run this writer still owns (the kernel died: its runs cannot finish themselves). */
  endOwnedRuns(state: 'killed' | 'failed', error: string): Promise<void> {
    const runIds = [...this.owned];
    this.owned.clear();
    return this.enqueue(async () => {
      for (const runId of runIds) {
        this.store.releaseRun(runId);
        await this.store.updateRun(runId, (run) => endRun(run, { state, exitCode: null, error, now: this.now() }));
      }
    });
  }

  /** True for a run this writer created and still writes. */
  owns(runId: string): boolean {
    return this.owned.has(runId);
  }

  /** The runs this writer created and still writes. */
  ownedRuns(): string[] {
    return [...this.owned];
  }

  /** Resolves when everything received so far is stored. */
  whenIdle(): Promise<void> {
    return this.enqueue(async () => undefined);
  }

  /** Stops the heartbeat. */
  dispose(): void {
    clearInterval(this.heartbeatTimer);
  }

  private async write(event: RunEvent): Promise<void> {
    const now = this.now();
    try {
      switch (event.kind) {
        case 'history':
          await this.store.appendHistory(event.runId, event.batch, (run) => withSummary(run, event.summary, now));
          this.options.onStored(event.runId, event.seq);
          return;
        case 'config':
          await this.store.updateRun(event.runId, (run) => withConfig(run, event.config, now));
          return;
        case 'stepMetrics':
          await this.store.updateRun(event.runId, (run) => withStepMetrics(run, event.stepMetrics, now));
          return;
        case 'table':
          await this.store.appendTable(event.runId, event.log, event.media);
          return;
        case 'warning':
          await this.store.updateRun(event.runId, (run) => withWarning(run, event.message, now));
          return;
        case 'code':
          await this.store.updateRun(event.runId, (run) => withCodeUpTo(run, event.cells, now));
          return;
        default:
          assertNever(event);
      }
    } catch (error) {
      // Logging on after a lost write would leave a hole in the history; the run fails with the reason instead.
      await this.failRun(event.runId, failureReason(error));
    }
  }

  /** Stops a run whose write failed: the kernel is told (its next call throws), the run is recorded failed. */
  private async failRun(runId: string, reason: string): Promise<void> {
    this.stopped.add(runId);
    this.owned.delete(runId);
    this.store.releaseRun(runId);
    this.options.onRunStopped(runId, reason);
    this.unrecordedFailures.set(runId, reason);
    await this.recordFailures();
    // Even the small state update may not fit while the disk is full; it is retried soon and then with every
    // heartbeat, so the run shows as failed once any space frees up (the user has already been told).
    if (this.unrecordedFailures.size > 0) setTimeout(() => void this.enqueue(() => this.recordFailures()), RETRY_FAILURE_MS);
  }

  private async recordFailures(): Promise<void> {
    for (const [runId, reason] of [...this.unrecordedFailures]) {
      try {
        await this.store.updateRun(runId, (run) => endRun(run, { state: 'failed', exitCode: null, error: reason, now: this.now() }));
        this.unrecordedFailures.delete(runId);
      } catch (error) {
        if (!isQuotaError(error)) {
          this.unrecordedFailures.delete(runId);
          this.options.onError(error);
        }
      }
    }
  }

  /**
   * Refreshes the heartbeat of the runs this writer owns; called by the kernel's beat and by a page timer (either may
   * be late: page timers are throttled in background tabs, a busy worker's are not), at most once per half interval.
   */
  beat(): void {
    const now = this.now();
    if (now - this.lastBeat < HEARTBEAT_INTERVAL_MS / 2) return;
    this.lastBeat = now;
    if (this.owned.size === 0 && this.unrecordedFailures.size === 0) return;
    const runIds = [...this.owned];
    void this.enqueue(async () => {
      await this.recordFailures();
      for (const runId of runIds) await this.store.updateRun(runId, (run) => withHeartbeat(run, this.now()));
    }).catch((error: unknown) => this.options.onError(error));
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
