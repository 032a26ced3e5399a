import { deferred, type Deferred } from '../lib/deferred';

/** A history batch posted to the session and not yet stored. */
interface BatchInFlight {
  seq: number;
  points: number;
}

/**
 * The points a run has posted to the session that IndexedDB has not stored yet, kept under a limit: each batch
 * posted gets the next sequence number, and the session acknowledges every batch up to a number once it is written.
 * A run posts only while its batch fits (see hasRoomFor), so the session's queue never holds more than the limit
 * for it, whatever the speed of the disk.
 */
export class WriteWindow {
  private posted = 0;
  private stored = 0;
  private points = 0;
  private readonly batches: BatchInFlight[] = [];
  private readonly waiting: Deferred<void>[] = [];
  private failure: Error | null = null;

  constructor(readonly limit: number) {}

  /** Points posted and not yet acknowledged. */
  get inFlight(): number {
    return this.points;
  }

  /** True when a batch of `points` may go now: it fits under the limit, or nothing is in flight (a larger batch goes alone). */
  hasRoomFor(points: number): boolean {
    return this.points === 0 || this.points + points <= this.limit;
  }

  /** Counts a batch of `points` as posted; returns its sequence number. */
  post(points: number): number {
    const seq = ++this.posted;
    this.batches.push({ seq, points });
    this.points += points;
    return seq;
  }

  /** The session stored every batch up to `upTo`: frees them and wakes whoever waits. */
  acknowledge(upTo: number): void {
    while (this.batches.length > 0 && this.batches[0]!.seq <= upTo) this.points -= this.batches.shift()!.points;
    this.stored = Math.max(this.stored, upTo);
    for (const waiter of this.waiting.splice(0)) waiter.resolve();
  }

  /** Resolves at the next acknowledgement; rejects once the window has failed. */
  nextAcknowledgement(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const waiter = deferred<void>();
    this.waiting.push(waiter);
    return waiter.promise;
  }

  /** Resolves once every batch posted so far is stored. */
  async whenStored(): Promise<void> {
    const target = this.posted;
    while (this.stored < target) await this.nextAcknowledgement();
  }

  /** Nothing more will be stored (the run was stopped): every wait, now and later, rejects with `error`. */
  fail(error: Error): void {
    this.failure = error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }
}
