import type { LabbookStore } from '../../store/labbookStore';
import { MlflowRequestError, type MlflowClient } from './mlflowClient';
import { DEFAULT_RETRY, retryWait, type RetryOptions } from './retryPolicy';
import { syncRun } from './runSync';

/**
 * Keeps runs synced: a run asked for (a new point, a state change, "Sync now") is synced at once unless it is being
 * synced, then again if it changed meanwhile. A run whose sync hit a network error, 408, 429 or 5xx is tried again
 * after an exponential, jittered wait, for as long as it takes (an offline afternoon, a server restart); one refused
 * for good (another 4xx) waits until it is asked for again, its failure saved on its sync state. What the server has is
 * in each run's sync state, so a reload picks up where the last tab stopped.
 */
export class SyncScheduler {
  private readonly dirty = new Set<string>();
  private readonly syncing = new Set<string>();
  private readonly waiting = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly attempts = new Map<string, number>();
  private idle: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly store: LabbookStore,
    private readonly client: MlflowClient,
    private readonly server: string,
    private readonly retry: RetryOptions = DEFAULT_RETRY,
  ) {}

  /** Syncs the run soon: now if it is not waiting for a retry or being synced. */
  request(runId: string): void {
    if (this.stopped) return;
    this.dirty.add(runId);
    const retry = this.waiting.get(runId);
    if (retry !== undefined) {
      // Asked for again (a new point, "Sync now"): the wait is cut short.
      clearTimeout(retry);
      this.waiting.delete(runId);
    }
    void this.next(runId);
  }

  /** Resolves once no run is being synced or waiting to be (a run waiting to retry counts as busy). */
  whenIdle(): Promise<void> {
    return this.busy() ? new Promise((resolve) => this.idle.push(resolve)) : Promise.resolve();
  }

  /** Stops syncing: the run in flight finishes its request, nothing more starts. */
  stop(): void {
    this.stopped = true;
    for (const handle of this.waiting.values()) clearTimeout(handle);
    this.waiting.clear();
    this.dirty.clear();
    this.settle();
  }

  private busy(): boolean {
    return this.dirty.size > 0 || this.syncing.size > 0 || this.waiting.size > 0;
  }

  private async next(runId: string): Promise<void> {
    if (this.syncing.has(runId) || this.waiting.has(runId) || !this.dirty.has(runId) || this.stopped) return;
    this.dirty.delete(runId);
    this.syncing.add(runId);
    try {
      await syncRun(this.store, this.client, this.server, runId);
      this.attempts.delete(runId);
    } catch (error) {
      if (error instanceof MlflowRequestError && error.outcome.kind === 'retry' && !this.stopped) {
        const attempt = this.attempts.get(runId) ?? 0;
        this.attempts.set(runId, attempt + 1);
        this.dirty.add(runId);
        const wait = retryWait(attempt, error.outcome.retryAfterMs, this.retry);
        this.waiting.set(
          runId,
          setTimeout(() => {
            this.waiting.delete(runId);
            void this.next(runId);
          }, wait),
        );
      } else this.attempts.delete(runId);
    } finally {
      this.syncing.delete(runId);
    }
    if (this.dirty.has(runId) && !this.waiting.has(runId)) await this.next(runId);
    this.settle();
  }

  private settle(): void {
    if (this.busy()) return;
    for (const resolve of this.idle.splice(0)) resolve();
  }
}
