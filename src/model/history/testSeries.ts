import { appendToSeries, CHUNK_POINTS, emptySeriesIndex, type ChunkRecord, type SeriesIndex } from './historyChunks';
import type { ChunkLoader } from './seriesQuery';

export { seededRandom } from '../../lib/seededRandom';

/**
 * An in-memory stand-in for the chunks store: applies appendToSeries writes the way the store does (a write replaces
 * the chunk with the same number) and loads chunks by number, counting what was read.
 */
export class MemorySeries {
  index: SeriesIndex;
  readonly chunks = new Map<number, ChunkRecord>();
  /** Chunk numbers read by the loader, in order, across all loads. */
  readonly reads: number[] = [];

  constructor(runId = 'run', metric = 'm') {
    this.index = emptySeriesIndex(runId, metric);
  }

  /** Appends points exactly as the history writer would. */
  append(steps: ArrayLike<number>, values: ArrayLike<number>): ChunkRecord[] {
    const last = this.index.chunks.length - 1;
    const tail = last >= 0 && this.index.chunks[last]!.count < CHUNK_POINTS ? (this.chunks.get(last) ?? null) : null;
    const { index, writes } = appendToSeries(this.index, tail, Float64Array.from(steps), Float64Array.from(values));
    for (const w of writes) this.chunks.set(w.chunk, w);
    this.index = index;
    return writes;
  }

  /** The loader querySeries reads chunks through. */
  readonly load: ChunkLoader = async (wanted) => {
    this.reads.push(...wanted);
    return wanted.map((c) => {
      const record = this.chunks.get(c);
      if (!record) throw new Error(`chunk ${c} was never written`);
      return record;
    });
  };
}

/** Random strictly increasing steps (gaps of 1..maxGap) and values with spikes and occasional NaN. */
export function randomPoints(random: () => number, count: number, options: { start?: number; maxGap?: number; nanRate?: number } = {}): { steps: number[]; values: number[] } {
  const { start = 0, maxGap = 3, nanRate = 0.02 } = options;
  const steps: number[] = [];
  const values: number[] = [];
  let step = start;
  for (let i = 0; i < count; i++) {
    steps.push(step);
    step += 1 + Math.floor(random() * maxGap);
    const r = random();
    if (r < nanRate) values.push(NaN);
    else if (r < nanRate + 0.01) values.push((random() - 0.5) * 1e6); // a spike
    else values.push(Math.sin(i / 50) + random() * 0.1);
  }
  return { steps, values };
}

/** Extremes ignoring NaN (NaN when there is no number), the way every bucket defines them. */
export function nanExtremes(values: readonly number[]): { min: number; max: number } {
  const numbers = values.filter((v) => !Number.isNaN(v));
  return numbers.length === 0 ? { min: NaN, max: NaN } : { min: Math.min(...numbers), max: Math.max(...numbers) };
}
