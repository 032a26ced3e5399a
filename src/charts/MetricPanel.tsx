import type { SeriesBuckets } from '../model/history/buckets';
import { createLiveResource } from '../ui/liveResource';
import { LineChart } from './LineChart';

/** Props of MetricPanel. */
export interface MetricPanelProps {
  title: string;
  /** Reads the metric reduced to `buckets` buckets (the chart's width in pixels). */
  fetch: (buckets: number) => Promise<SeriesBuckets>;
  /** Calls `onChange` when the metric got new points; returns the unsubscribe function. */
  subscribe: (onChange: () => void) => () => void;
  height?: number;
  xLabel?: string;
}

/**
 * A live chart of one metric: asks for as many buckets as the chart is wide, and asks again, at most once per frame,
 * when told the metric changed or the chart was resized.
 */
export function MetricPanel(props: MetricPanelProps) {
  let width = 0;
  const series = createLiveResource<SeriesBuckets | undefined>({
    fetch: async () => (width === 0 ? undefined : props.fetch(Math.round(width))),
    subscribe: (onChange) => props.subscribe(onChange),
  });
  return (
    <LineChart
      title={props.title}
      series={series.value()}
      height={props.height}
      xLabel={props.xLabel}
      onWidth={(w) => {
        width = w;
        series.refresh();
      }}
    />
  );
}
