/** Options of run.log that decide which step the values land on. */
export interface LogStepOptions {
  step?: number;
  commit?: boolean;
}

/** Receives each finished step: its index and the values logged to it (the map is reused: copy what you keep). */
export type CommitSink = (step: number, values: ReadonlyMap<string, number>) => void;

/**
 * W&B's step semantics for run.log, without I/O:
 * - `log(d)` merges d into the current step and commits it; the next log goes to the next step;
 * - `log(d, { commit: false })` merges without committing, so several calls can build one step;
 * - `log(d, { step: s })` with s > current commits what is pending and moves to s; with s equal to the current step it
 *   merges; an explicit step without `commit` does not commit (values collect until a different step arrives);
 * - a step lower than the current one is refused: the values are not added to the history, and the caller gets a
 *   warning to show (the summary still takes them, so nothing logged disappears without a trace).
 */
export class StepTracker {
  private current = 0;
  private readonly pending = new Map<string, number>();

  constructor(private readonly sink: CommitSink) {}

  /** The step the next plain log() writes to. */
  get step(): number {
    return this.current;
  }

  /** Applies one log call; returns a warning message when the values were refused from the history. */
  log(keys: readonly string[], values: readonly number[], options: LogStepOptions = {}): string | null {
    const { step, commit } = options;
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
    for (let i = 0; i < keys.length; i++) this.pending.set(keys[i] as string, values[i] as number);
    if (commit === true || (commit === undefined && step === undefined)) this.commit();
    return null;
  }

  /** Commits the pending step if it holds anything (called by finish and by a move to a later step). */
  flush(): void {
    if (this.pending.size > 0) this.commit();
  }

  private commit(): void {
    this.sink(this.current, this.pending);
    this.pending.clear();
    this.current++;
  }
}
