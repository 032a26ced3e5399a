/** Points per stored chunk of one (run, metric): big enough for few IndexedDB puts, small enough to rewrite the tail cheaply. */
export const CHUNK_POINTS = 1024;

/** Per-chunk summary, kept in the series index so queries can skip reading points. */
export interface ChunkSummary {
  firstStep: number;
  lastStep: number;
  /** Extremes ignoring NaN (NaN when the chunk holds only NaN). */
  min: number;
  max: number;
  last: number;
  count: number;
}

/** Everything known about one metric of one run without reading its points. */
export interface SeriesIndex {
  runId: string;
  metric: string;
  count: number;
  chunks: ChunkSummary[];
}

/** Stored points of one chunk. */
export interface ChunkRecord {
  runId: string;
  metric: string;
  chunk: number;
  steps: Float64Array;
  values: Float64Array;
}

/** Summarises the points of one chunk. */
export function summarizeChunk(steps: Float64Array, values: Float64Array): ChunkSummary {
  let min = NaN;
  let max = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(min) || v < min) min = v;
    if (Number.isNaN(max) || v > max) max = v;
  }
  return {
    firstStep: steps[0] as number,
    lastStep: steps[steps.length - 1] as number,
    min,
    max,
    last: values[values.length - 1] as number,
    count: steps.length,
  };
}

/** An empty index for a metric not seen yet. */
export function emptySeriesIndex(runId: string, metric: string): SeriesIndex {
  return { runId, metric, count: 0, chunks: [] };
}

/** What appending points produces: the new index and the chunks to (re)write. */
export interface SeriesAppend {
  index: SeriesIndex;
  writes: ChunkRecord[];
}

/**
 * Appends points (steps increasing, after the index's last step) to a series. `tail` is the stored last chunk when it
 * is not full; it is rewritten with the new points, then further chunks are cut at CHUNK_POINTS.
 */
export function appendToSeries(index: SeriesIndex, tail: ChunkRecord | null, steps: Float64Array, values: Float64Array): SeriesAppend {
  const chunks = index.chunks.slice();
  const writes: ChunkRecord[] = [];
  let offset = 0;
  const lastSummary = chunks[chunks.length - 1];
  if (lastSummary && lastSummary.count < CHUNK_POINTS) {
    if (!tail || tail.steps.length !== lastSummary.count) throw new Error(`history of ${index.metric}: stored tail chunk does not match its index`);
    const take = Math.min(CHUNK_POINTS - tail.steps.length, steps.length);
    const merged = concatChunk(tail, steps.subarray(0, take), values.subarray(0, take));
    chunks[chunks.length - 1] = summarizeChunk(merged.steps, merged.values);
    writes.push(merged);
    offset = take;
  }
  while (offset < steps.length) {
    const end = Math.min(offset + CHUNK_POINTS, steps.length);
    const record: ChunkRecord = {
      runId: index.runId,
      metric: index.metric,
      chunk: chunks.length,
      steps: steps.slice(offset, end),
      values: values.slice(offset, end),
    };
    chunks.push(summarizeChunk(record.steps, record.values));
    writes.push(record);
    offset = end;
  }
  return { index: { ...index, count: index.count + steps.length, chunks }, writes };
}

function concatChunk(tail: ChunkRecord, steps: Float64Array, values: Float64Array): ChunkRecord {
  const n = tail.steps.length;
  const s = new Float64Array(n + steps.length);
  const v = new Float64Array(n + values.length);
  s.set(tail.steps);
  s.set(steps, n);
  v.set(tail.values);
  v.set(values, n);
  return { ...tail, steps: s, values: v };
}
