/**
 * Points per stored chunk of one (run, metric). A zoom reads one or two chunks of every run, so the chunk size is what
 * it reads per run (1,000 runs: 8 MB at 1,024 points, 32 MB at 4,096); a whole long series reads a little slower in
 * smaller chunks (100k points as 98 chunks of 1,024 took 17 ms, as 25 of 4,096 took 11 ms).
 * Chunks written before v4 hold up to 4,096 points; a stored chunk is never re-cut. So every chunk but a series' last
 * holds at least CHUNK_POINTS points, and chunk c starts at step ≥ c × CHUNK_POINTS (steps are distinct integers
 * ≥ 0): the zoom read relies on this, so this may shrink but never grow.
 */
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

/**
 * A chunk as stored: when its steps are consecutive integers (the usual case: one log per step) only the first step
 * is kept, which halves what a chart query reads from IndexedDB.
 */
export interface StoredChunk {
  runId: string;
  metric: string;
  chunk: number;
  firstStep: number;
  /** null when the steps are firstStep, firstStep + 1, … */
  steps: Float64Array | null;
  values: Float64Array;
}

/** Drops the steps of a chunk whose steps are consecutive. */
export function packChunk(record: ChunkRecord): StoredChunk {
  const { steps } = record;
  return { runId: record.runId, metric: record.metric, chunk: record.chunk, firstStep: steps[0] ?? 0, steps: consecutiveSteps(steps) ? null : steps, values: record.values };
}

/** Whether steps are steps[0], steps[0] + 1, … (what a stored chunk or points block need not keep). */
export function consecutiveSteps(steps: Float64Array): boolean {
  const first = steps[0] ?? 0;
  for (let i = 1; i < steps.length; i++) if (steps[i] !== first + i) return false;
  return true;
}

/**
 * Restores a stored chunk's steps; with `shared`, chunks of the same implied steps get one array (read-only then), and
 * shorter ones from the same first step a view of a longer one.
 */
export function unpackChunk(stored: StoredChunk, shared?: Map<string, Float64Array>): ChunkRecord {
  const steps = stored.steps ?? impliedSteps(stored.firstStep, stored.values.length, shared);
  return { runId: stored.runId, metric: stored.metric, chunk: stored.chunk, steps, values: stored.values };
}

/**
 * firstStep, firstStep + 1, … (`count` of them). Through `shared`: the same array for the same steps, and a view of the
 * longest made so far from that first step, so runs of many lengths (quick runs, a sweep stopped early) cost one fill.
 */
function impliedSteps(firstStep: number, count: number, shared?: Map<string, Float64Array>): Float64Array {
  const key = `${firstStep}:${count}`;
  const known = shared?.get(key);
  if (known) return known;
  const longest = shared?.get(`${firstStep}:`);
  let steps: Float64Array;
  if (longest && longest.length >= count) steps = longest.subarray(0, count);
  else {
    // A plain loop: Float64Array.from with a map function is ~30× slower, and this runs for every chunk a chart reads.
    steps = new Float64Array(count);
    for (let i = 0; i < count; i++) steps[i] = firstStep + i;
    shared?.set(`${firstStep}:`, steps);
  }
  shared?.set(key, steps);
  return steps;
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
