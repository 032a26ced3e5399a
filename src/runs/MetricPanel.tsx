import { createSignal, onCleanup } from 'solid-js';
import { LineChart } from '../charts/LineChart';
import type { SeriesBuckets } from '../model/buckets';
import type { LabbookStore } from '../store/labbookStore';

/** Props of MetricPanel. */
export interface MetricPanelProps {
  store: LabbookStore;
  runId: string;
  metric: string;
}

/**
 * A live chart of one metric of one run: asks the store for as many buckets as the chart is wide and asks again,
 * at most once per frame, when a change notice says this metric got new points.
 */
export function MetricPanel(props: MetricPanelProps) {
  const [series, setSeries] = createSignal<SeriesBuckets>();
  let width = 0;
  let version = 0;
  let scheduled = false;
  const load = () => {
    scheduled = false;
    if (width === 0) return;
    const mine = ++version;
    void props.store.series(props.runId, props.metric, { buckets: Math.round(width) }).then((result) => {
      if (mine === version) setSeries(result);
    });
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(load);
  };
  onCleanup(
    props.store.feed.subscribe((notice) => {
      if (notice.type === 'history' && notice.runId === props.runId && notice.metrics.includes(props.metric)) schedule();
    }),
  );
  return (
    <LineChart
      title={props.metric}
      series={series()}
      onWidth={(w) => {
        width = w;
        schedule();
      }}
    />
  );
}
