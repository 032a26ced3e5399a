import { LineChart } from '../charts/LineChart';
import type { SeriesBuckets } from '../model/buckets';
import type { LabbookStore } from '../store/labbookStore';
import { createLiveResource } from '../ui/liveResource';

/** Props of MetricPanel. */
export interface MetricPanelProps {
  store: LabbookStore;
  runId: string;
  metric: string;
}

/**
 * A live chart of one metric of one run: asks the store for as many buckets as the chart is wide and asks again,
 * at most once per frame, when a change notice says this metric got new points or the chart was resized.
 */
export function MetricPanel(props: MetricPanelProps) {
  let width = 0;
  const series = createLiveResource<SeriesBuckets | undefined>({
    fetch: async () => (width === 0 ? undefined : props.store.series(props.runId, props.metric, { buckets: Math.round(width) })),
    subscribe: (onChange) =>
      props.store.feed.subscribe((notice) => {
        if (notice.type === 'history' && notice.runId === props.runId && notice.metrics.includes(props.metric)) onChange();
      }),
  });
  return (
    <LineChart
      title={props.metric}
      series={series.value()}
      onWidth={(w) => {
        width = w;
        series.refresh();
      }}
    />
  );
}
