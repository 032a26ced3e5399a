import type { StoredChunk } from '../model/history/historyChunks';

/** How long a read's answer may be reused: a zoom follows the press that started it within a second or two. */
const KEEP_MS = 10_000;

/** Answers kept at once: one is a chunk of a metric of ~1,000 runs, ~8 MB. */
const KEEP_ENTRIES = 8;

interface Entry {
  metric: string;
  chunk: number;
  runIds: ReadonlySet<string>;
  records: Promise<StoredChunk[]>;
}

/**
 * Raw chunk reads of many runs (one chunk number of one metric), kept for a few seconds so that the read a chart starts
 * when the user presses to drag a zoom is the one the zoom then uses: reading 1,000 runs' chunk takes 60–100 ms here,
 * about as long as a quick drag. Dropped when the metric is written (in any tab: see LabbookStore) and after KEEP_MS.
 */
export class RawChunkReads {
  private entries: Entry[] = [];

  /** The chunk's records of at least these runs: a kept read that covers them, or a new one from `read`. */
  get(metric: string, chunk: number, runIds: readonly string[], read: () => Promise<StoredChunk[]>): Promise<StoredChunk[]> {
    const kept = this.entries.find((e) => e.metric === metric && e.chunk === chunk && runIds.every((id) => e.runIds.has(id)));
    if (kept) return kept.records;
    const entry: Entry = { metric, chunk, runIds: new Set(runIds), records: read() };
    // A failed read is not kept: the next ask reads again.
    entry.records.catch(() => this.drop(entry));
    setTimeout(() => this.drop(entry), KEEP_MS);
    this.entries.push(entry);
    if (this.entries.length > KEEP_ENTRIES) this.entries.shift();
    return entry.records;
  }

  /** Forgets kept reads of these metrics (new points were written). */
  forget(metrics: readonly string[]): void {
    this.entries = this.entries.filter((e) => !metrics.includes(e.metric));
  }

  private drop(entry: Entry): void {
    this.entries = this.entries.filter((e) => e !== entry);
  }
}
