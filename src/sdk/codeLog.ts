import { randomId } from '../lib/ids';
import type { CellSource, ExecutedCell, ExecutedCellsLog, RunCode } from '../model/runs/runTypes';

/**
 * The cells this kernel executed, as runs refer to them: a run's code is the first n entries of this log (every cell
 * run up to its init and while it was open), stored under the kernel's id. Entries reach the session only once a run
 * needs them, and each distinct source only once per kernel lifetime, so a run costs the same however much ran
 * before it.
 */
export class KernelCodeLog {
  /** The id this kernel's log is stored under. */
  readonly kernelId = randomId(12);
  private count = 0;
  private notebookId: string | null = null;
  private readonly unsent: ExecutedCell[] = [];
  private readonly unsentSources = new Map<string, string>();
  private readonly sentSources = new Set<string>();

  /** Executions so far. */
  get length(): number {
    return this.count;
  }

  /** Notes a cell about to execute, and the notebook it came from (the log keeps the latest one seen). */
  note(cell: ExecutedCell & CellSource, notebookId: string | null): void {
    this.count++;
    this.unsent.push({ cellId: cell.cellId, hash: cell.hash, executedAt: cell.executedAt });
    if (!this.sentSources.has(cell.hash)) this.unsentSources.set(cell.hash, cell.source);
    this.notebookId = notebookId ?? this.notebookId;
  }

  /** Takes the executions and sources the session has not been sent yet; null when there are none. */
  takeUnsent(): ExecutedCellsLog | null {
    if (this.unsent.length === 0) return null;
    const sources = [...this.unsentSources].map(([hash, source]) => ({ hash, source }));
    for (const { hash } of sources) this.sentSources.add(hash);
    this.unsentSources.clear();
    return { kernelId: this.kernelId, from: this.count - this.unsent.length, cells: this.unsent.splice(0), sources };
  }

  /** The code of a run started now: everything executed so far. */
  reference(): RunCode {
    return { notebookId: this.notebookId, kernelId: this.kernelId, cells: this.count };
  }
}
