import { assertNever } from '../lib/assertNever';
import type { ExecutionError } from '../protocol/messages';

/** One piece of what a cell printed. */
export interface CellStream {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** What a cell's last run left: short-lived state, never saved with the notebook. */
export interface CellRun {
  status: 'queued' | 'running' | 'done' | 'error';
  /** The kernel-wide execution counter, shown as [n]. */
  count: number | null;
  streams: CellStream[];
  display: string | null;
  error: ExecutionError | null;
}

/** What happens to a cell's run state. */
export type CellRunEvent =
  | { type: 'queued' }
  | { type: 'started'; count: number }
  | { type: 'stream'; stream: CellStream }
  | { type: 'succeeded'; display: string | null }
  | { type: 'failed'; error: ExecutionError };

/** Cells keep at most this much printed text; a training loop printing every step must not exhaust memory. */
export const MAX_STREAM_CHARS = 200_000;

/** Applies a run event to a cell's run state (pure). */
export function cellRunReducer(run: CellRun | undefined, event: CellRunEvent): CellRun {
  const base: CellRun = run ?? { status: 'queued', count: null, streams: [], display: null, error: null };
  switch (event.type) {
    case 'queued':
      return { ...base, status: 'queued' };
    case 'started':
      return { status: 'running', count: event.count, streams: [], display: null, error: null };
    case 'stream':
      return { ...base, streams: appendStream(base.streams, event.stream) };
    case 'succeeded':
      return { ...base, status: 'done', display: event.display };
    case 'failed':
      return { ...base, status: 'error', error: event.error };
    default:
      return assertNever(event);
  }
}

/** Appends text, merging with the previous piece of the same stream and dropping the oldest text past the cap. */
function appendStream(streams: CellStream[], next: CellStream): CellStream[] {
  const last = streams[streams.length - 1];
  const merged = last && last.stream === next.stream ? [...streams.slice(0, -1), { ...last, text: last.text + next.text }] : [...streams, next];
  let total = merged.reduce((n, s) => n + s.text.length, 0);
  while (total > MAX_STREAM_CHARS && merged.length > 0) {
    const first = merged[0]!;
    const cut = Math.min(first.text.length, total - MAX_STREAM_CHARS);
    total -= cut;
    if (cut === first.text.length) merged.shift();
    else merged[0] = { ...first, text: `…${first.text.slice(cut)}` };
  }
  return merged;
}
