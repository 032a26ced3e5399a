import type { LabbookStore } from '../store/labbookStore';
import type { SeriesReader } from './panels/lineData';

/** Reads a metric of many runs through the store, one query per run, all in flight at once. */
export function storeSeriesReader(store: LabbookStore): SeriesReader {
  return async (runIds, metric, query) => {
    const answers = await Promise.all(runIds.map((id) => store.series(id, metric, query)));
    return new Map(runIds.map((id, i) => [id, answers[i]!]));
  };
}
