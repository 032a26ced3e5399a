import type { LabbookStore } from '../store/labbookStore';
import type { SeriesReader } from './panels/lineData';

/** Reads a metric of many runs of a project in one overview query (the store's coarse level for wide ranges). */
export function storeSeriesReader(store: LabbookStore, project: string): SeriesReader {
  return async (runIds, metric, query) => {
    const { series } = await store.seriesOverview({ project, metric, runIds, buckets: query.buckets, xRange: query.xRange });
    return new Map(runIds.map((id, i) => [id, series[i]!]));
  };
}
