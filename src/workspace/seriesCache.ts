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
  /** How often each run was forgotten: a read that a forget overlapped may hold points from before the new ones. */
  private readonly forgets = new Map<string, number>();

  constructor(private readonly source: SeriesReader) {}

  /**
   * A reader that answers from memory where it can and asks the source, in one batch, for the rest. What it found in
   * memory is taken before it waits for the source, so a run forgotten meanwhile (a live run logged) is still in this
   * answer; what the source answers is remembered only for runs not forgotten during the read.
   */
  readonly read: SeriesReader = async (runIds, metric, query) => {
    const key = `${query.buckets}|${query.xRange?.join(',') ?? ''}`;
    const answer = new Map<string, SeriesBuckets<Float64Array | Float32Array>>();
    const missing: string[] = [];
    for (const id of runIds) {
      const entry = this.byRun.get(id)?.get(metric);
      if (entry?.query === key) answer.set(id, entry.value);
      else missing.push(id);
    }
    if (missing.length === 0) return answer;
    const forgetsBefore = missing.map((id) => this.forgets.get(id) ?? 0);
    const fresh = await this.source(missing, metric, query);
    missing.forEach((id, i) => {
      const value = fresh.get(id);
      if (!value) return;
      answer.set(id, value);
      if ((this.forgets.get(id) ?? 0) !== forgetsBefore[i]) return;
      let metrics = this.byRun.get(id);
      if (!metrics) this.byRun.set(id, (metrics = new Map()));
      metrics.set(metric, { query: key, value });
    });
    return new Map(runIds.flatMap((id) => (answer.has(id) ? [[id, answer.get(id)!]] : [])));
  };

  /** Drops what is remembered of a run (it logged new points). */
  forgetRun(runId: string): void {
    this.byRun.delete(runId);
    this.forgets.set(runId, (this.forgets.get(runId) ?? 0) + 1);
  }
}
