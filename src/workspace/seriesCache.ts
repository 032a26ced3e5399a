import type { SeriesBuckets } from '../model/history/buckets';
import type { SeriesReader } from './panels/lineData';

interface Entry {
  query: string;
  value: SeriesBuckets<Float64Array | Float32Array>;
}

/**
 * Remembers what a panel read, per run and metric, for the query (bucket count and range) it was read at: an eye toggle
 * or a regrouping redraws from memory, and a run that logs more is forgotten and read again alone.
 */
export class SeriesCache {
  private readonly byRun = new Map<string, Map<string, Entry>>();

  constructor(private readonly source: SeriesReader) {}

  /** A reader that answers from memory where it can and asks the source, in one batch, for the rest. */
  readonly read: SeriesReader = async (runIds, metric, query) => {
    const key = `${query.buckets}|${query.xRange?.join(',') ?? ''}`;
    const missing = runIds.filter((id) => this.byRun.get(id)?.get(metric)?.query !== key);
    if (missing.length > 0) {
      const fresh = await this.source(missing, metric, query);
      for (const [id, value] of fresh) {
        let metrics = this.byRun.get(id);
        if (!metrics) this.byRun.set(id, (metrics = new Map()));
        metrics.set(metric, { query: key, value });
      }
    }
    const answer = new Map<string, SeriesBuckets<Float64Array | Float32Array>>();
    for (const id of runIds) {
      const entry = this.byRun.get(id)?.get(metric);
      if (entry?.query === key) answer.set(id, entry.value);
    }
    return answer;
  };

  /** Drops what is remembered of a run (it logged new points). */
  forgetRun(runId: string): void {
    this.byRun.delete(runId);
  }
}
