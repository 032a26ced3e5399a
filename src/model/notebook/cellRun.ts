import { assertNever } from '../../lib/assertNever';
import type { DisplayOutput } from './displayOutput';

/** Where an error happened inside the executed source (1-based), when known. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** An error raised by executed code, as the user should see it. */
export interface ExecutionError {
  name: string;
  message: string;
  position: SourcePosition | null;
}

/** One piece of what a cell printed. */
export interface CellStream {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** One output of a cell, in the order it arrived: printed text or a rich display. */
export type CellOutputItem = ({ kind: 'stream' } & CellStream) | { kind: 'display'; displayId: string | null; output: DisplayOutput };

/** A cell's result: its plain text and, when the kernel described it, its rich form. */
export interface CellResult {
  text: string | null;
  rich: DisplayOutput | null;
}

/** What a cell's last run left: short-lived state, never saved with the notebook. */
export interface CellRun {
  status: 'queued' | 'running' | 'done' | 'error';
  /** The kernel-wide execution counter, shown as [n]. */
  count: number | null;
  outputs: CellOutputItem[];
  result: CellResult | null;
  error: ExecutionError | null;
  /** Characters of printed text dropped from the start to stay under MAX_STREAM_CHARS (absent: none). */
  droppedChars?: number;
}

/** What happens to a cell's run state. */
export type CellRunEvent =
  | { type: 'queued' }
  | { type: 'started'; count: number }
  | { type: 'stream'; stream: CellStream }
  | { type: 'display'; displayId: string | null; output: DisplayOutput }
  | { type: 'succeeded'; result: CellResult }
  | { type: 'failed'; error: ExecutionError };

/** Cells keep at most this much printed text; a training loop printing every step must not exhaust memory. */
export const MAX_STREAM_CHARS = 200_000;

/** Applies a run event to a cell's run state (pure). */
export function cellRunReducer(run: CellRun | undefined, event: CellRunEvent): CellRun {
  const base: CellRun = run ?? { status: 'queued', count: null, outputs: [], result: null, error: null };
  switch (event.type) {
    case 'queued':
      return { ...base, status: 'queued' };
    case 'started':
      return { status: 'running', count: event.count, outputs: [], result: null, error: null };
    case 'stream': {
      const { outputs, dropped } = appendStream(base.outputs, event.stream);
      return dropped === 0 ? { ...base, outputs } : { ...base, outputs, droppedChars: (base.droppedChars ?? 0) + dropped };
    }
    case 'display':
      return { ...base, outputs: upsertDisplay(base.outputs, event) };
    case 'succeeded':
      return { ...base, status: 'done', result: event.result };
    case 'failed':
      return { ...base, status: 'error', error: event.error };
    default:
      return assertNever(event);
  }
}

/** A display with an id seen before replaces that one where it stands (a progress bar advancing); others append. */
function upsertDisplay(outputs: CellOutputItem[], event: { displayId: string | null; output: DisplayOutput }): CellOutputItem[] {
  const item: CellOutputItem = { kind: 'display', displayId: event.displayId, output: event.output };
  const at = event.displayId === null ? -1 : outputs.findIndex((o) => o.kind === 'display' && o.displayId === event.displayId);
  return at < 0 ? [...outputs, item] : outputs.map((o, i) => (i === at ? item : o));
}

/**
 * Appends text, merging with the previous piece of the same stream and dropping the oldest text past the cap (the
 * count of what was dropped comes back, for the note the cell shows, as Jupyter says an output was truncated).
 */
function appendStream(outputs: CellOutputItem[], next: CellStream): { outputs: CellOutputItem[]; dropped: number } {
  const last = outputs[outputs.length - 1];
  const merged: CellOutputItem[] =
    last?.kind === 'stream' && last.stream === next.stream ? [...outputs.slice(0, -1), { ...last, text: last.text + next.text }] : [...outputs, { kind: 'stream', ...next }];
  let total = merged.reduce((n, o) => n + (o.kind === 'stream' ? o.text.length : 0), 0);
  let dropped = 0;
  for (let i = 0; total > MAX_STREAM_CHARS && i < merged.length; ) {
    const first = merged[i]!;
    if (first.kind !== 'stream') {
      i++;
      continue;
    }
    const cut = Math.min(first.text.length, total - MAX_STREAM_CHARS);
    total -= cut;
    dropped += cut;
    if (cut === first.text.length) merged.splice(i, 1);
    else merged[i] = { ...first, text: `…${first.text.slice(cut)}` };
  }
  return { outputs: merged, dropped };
}
