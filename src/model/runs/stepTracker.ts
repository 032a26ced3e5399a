/** Options of run.log that decide which step the values land on. */
export interface LogStepOptions {
  step?: number;
  commit?: boolean;
}

/**
 * A metric's place in the step being built. The tracker writes these fields; keeping them on the caller's per-metric
 * object (rather than in a Map keyed by name that is cleared every step) keeps run.log at one lookup per key.
 */
export interface PendingSlot {
  /** The step this slot's pendingValue belongs to (-1 before the first log). */
  pendingStep: number;
  pendingValue: number;
}

/** Receives each finished step: its index and the slots logged to it, each holding its value (the array is reused). */
export type CommitSink<T extends PendingSlot> = (step: number, slots: readonly T[]) => void;

/**
 * W&B's step semantics for run.log, without I/O:
 * - `log(d)` merges d into the current step and commits it; the next log goes to the next step;
 * - `log(d, { commit: false })` merges without committing, so several calls can build one step;
 * - `log(d, { step: s })` with s > current commits what is pending and moves to s; with s equal to the current step it
 *   merges; an explicit step without `commit` does not commit (values collect until a different step arrives);
 * - a step lower than the current one is refused: the values are not added to the history, and the caller gets a
 *   warning to show (the summary still takes them, so nothing logged disappears without a trace).
 */
export class StepTracker<T extends PendingSlot> {
  private current = 0;
  private readonly pending: T[] = [];

  constructor(private readonly sink: CommitSink<T>) {}

  /** The step the next plain log() writes to. */
  get step(): number {
    return this.current;
  }

  /** Applies one log call; returns a warning message when the values were refused from the history. */
  log(slots: readonly T[], values: readonly number[], options?: LogStepOptions): string | null {
    const step = options?.step;
    const commit = options?.commit;
    if (step !== undefined) {
      if (!Number.isInteger(step) || step < 0) throw new RangeError(`run.log: step must be a non-negative integer, got ${step}`);
      if (step < this.current) {
        return `run.log: step ${step} is lower than the current step ${this.current}; steps must increase, so these values were kept in the summary but not in the history`;
      }
      if (step > this.current) {
        this.flush();
        this.current = step;
      }
    }
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      if (slot.pendingStep !== this.current) {
        slot.pendingStep = this.current;
        this.pending.push(slot);
      }
      slot.pendingValue = values[i]!;
    }
    if (commit === true || (commit === undefined && step === undefined)) this.commit();
    return null;
  }

  /** Commits the pending step if it holds anything (called by finish and by a move to a later step). */
  flush(): void {
    if (this.pending.length > 0) this.commit();
  }

  private commit(): void {
    this.sink(this.current, this.pending);
    this.pending.length = 0;
    this.current++;
  }
}
