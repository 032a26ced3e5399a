import type { DisplayOutput } from '../model/notebook/displayOutput';
import { throwIfInterrupted } from './interrupt';

/** Shows an output in the running cell, replacing the one with the same displayId. */
export type ShowOutput = (output: DisplayOutput, displayId: string) => void;

/** A bar redraws at most this often: a loop over a million items must not post a million messages. */
const UPDATE_EVERY_MS = 100;

let bars = 0;

/** Options of ProgressReporter. */
export interface ProgressReporterOptions {
  show: ShowOutput;
  label: string;
  total: number | null;
  /** What is counted (default `it`, as tqdm says). */
  unit?: string;
}

/** One progress bar in the running cell: counts what is done and redraws, throttled, with rate and time left. */
export class ProgressReporter {
  private readonly displayId = `progress-${++bars}`;
  private readonly started = performance.now();
  private lastShown = -Infinity;
  private done = 0;
  private detail = '';
  private finished = false;

  constructor(private readonly options: ProgressReporterOptions) {
    this.show();
  }

  /** Counts `n` more items done; `detail` (e.g. the latest loss) is shown after the figures. */
  advance(n = 1, detail?: string): void {
    this.done += n;
    if (detail !== undefined) this.detail = detail;
    if (performance.now() - this.lastShown >= UPDATE_EVERY_MS) this.show();
  }

  /** Changes the label, e.g. to the current epoch. */
  relabel(label: string): void {
    this.options.label = label;
  }

  /** Draws the bar one last time as complete (or as far as it got, when the loop was left early). */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.show();
  }

  private show(): void {
    this.lastShown = performance.now();
    const { label, total } = this.options;
    this.options.show(
      { kind: 'progress', label, done: this.done, total, elapsedMs: this.lastShown - this.started, finished: this.finished, detail: this.detail, unit: this.options.unit ?? 'it' },
      this.displayId,
    );
  }
}

/** Options of progress(). */
export interface ProgressOptions {
  label?: string;
  /** The number of items, when the iterable does not say (a generator). */
  total?: number;
}

/**
 * Iterates `items` and shows a progress bar under the cell, like tqdm: `for (const x of progress(data)) …`.
 * Leaving the loop early (break, an error, Stop) leaves the bar where it stopped.
 */
export function* trackProgress<T>(items: Iterable<T>, options: ProgressOptions, show: ShowOutput): Generator<T> {
  const bar = new ProgressReporter({ show, label: options.label ?? '', total: options.total ?? knownLength(items) });
  try {
    for (const item of items) {
      // A loop that awaits between items is stoppable here even if it calls nothing else of the SDK.
      throwIfInterrupted();
      yield item;
      bar.advance();
    }
  } finally {
    bar.finish();
  }
}

/** 0, 1, …, n-1, lazily: progress(10_000_000) must not allocate ten million numbers. */
export function* countTo(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}

function knownLength(items: Iterable<unknown>): number | null {
  if (Array.isArray(items) || ArrayBuffer.isView(items)) return (items as ArrayLike<unknown>).length;
  if (items instanceof Map || items instanceof Set) return items.size;
  return null;
}
