import { COARSE_FROM_POINTS } from '../model/history/coarseLevel';
import type { SeriesIndex } from '../model/history/historyChunks';
import type { PointsRun } from '../model/history/pointsBlock';
import type { RunRecord } from '../model/runs/runTypes';
import { blockRange, blockRecords, POINTS_BLOCKS } from './overviewBlocks';
import type { OverviewBlockRecord } from './schema';
import { readWholeSeries, type ChunksStore } from './wholeSeries';

/** The stores packing short series reads and writes, of one read-write transaction. */
export interface PointsPackStores {
  runs: { get(id: string): Promise<RunRecord | undefined> };
  series: { index(name: 'by_run'): { getAll(runId: string): Promise<SeriesIndex[]> } };
  chunks: ChunksStore;
  overview: { getAll(range: IDBKeyRange): Promise<OverviewBlockRecord[]>; put(value: OverviewBlockRecord): Promise<unknown> };
}

/**
 * Packs the short series (fewer points than COARSE_FROM_POINTS, so no coarse level) of these runs into points blocks,
 * one metric at a time, skipping runs that are running, of another project, or already in a points block of that
 * metric. Returns the metrics that got blocks. The stores must be of one read-write transaction, as for packLooseRuns:
 * a run written to meanwhile drops its blocks in its own.
 */
export async function packShortSeries(stores: PointsPackStores, project: string, runIds: readonly string[]): Promise<Set<string>> {
  const ids = [...new Set(runIds)];
  const records = await Promise.all(ids.map((runId) => stores.runs.get(runId)));
  const ended = ids.filter((_, i) => records[i]?.project === project && records[i]?.state !== 'running');
  const byMetric = new Map<string, SeriesIndex[]>();
  for (const indexes of await Promise.all(ended.map((runId) => stores.series.index('by_run').getAll(runId)))) {
    for (const index of indexes) {
      if (index.count === 0 || index.count >= COARSE_FROM_POINTS) continue;
      byMetric.set(index.metric, [...(byMetric.get(index.metric) ?? []), index]);
    }
  }
  const packed = await Promise.all([...byMetric].map(async ([metric, indexes]) => ((await packMetric(stores, project, metric, indexes)) ? metric : null)));
  return new Set(packed.filter((metric): metric is string => metric !== null));
}

/** Packs one metric's short series not yet in a points block; whether any was packed. */
async function packMetric(stores: PointsPackStores, project: string, metric: string, indexes: readonly SeriesIndex[]): Promise<boolean> {
  const blocks = await stores.overview.getAll(blockRange(project, metric));
  const packed = new Set(blocks.filter(POINTS_BLOCKS.holds).flatMap((block) => block.runIds));
  const loose = indexes.filter((index) => !packed.has(index.runId));
  if (loose.length === 0) return false;
  const steps = new Map<string, Float64Array>();
  const runs: PointsRun[] = await Promise.all(loose.map(({ runId }) => readWholeSeries(stores.chunks, runId, metric, steps)));
  await Promise.all(blockRecords(POINTS_BLOCKS, project, metric, runs).map((record) => stores.overview.put(record)));
  return true;
}
