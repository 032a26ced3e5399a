import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { createEffect, createMemo, onCleanup, onMount, Show } from 'solid-js';
import type { SeriesBuckets } from '../model/history/buckets';
import { fittedAxisSize } from './axisSize';
import { MARKER_RADIUS } from './lineRasteriser';
import { isolatedPoints, toLineColumns } from './uplotData';

const AXIS_FONT = '12px system-ui';

/** Props of LineChart. */
export interface LineChartProps {
  title: string;
  series: SeriesBuckets | undefined;
  color?: string;
  height?: number;
  /** Name of the x-axis under the plot (none when omitted). */
  xLabel?: string;
  /** Told the plot's width in CSS pixels on mount and resize, so the caller can ask the store for that many buckets. */
  onWidth?: (width: number) => void;
}

/**
 * One metric over steps: the last value per bucket as a line, with the bucket's min–max as a faint band so spikes
 * between drawn points stay visible. New data goes through setData; the plot is built once.
 */
export function LineChart(props: LineChartProps) {
  let host!: HTMLDivElement;
  let plot: uPlot | null = null;
  let banded: boolean | null = null;
  const height = () => props.height ?? 220;
  const color = () => props.color ?? '#2f6fde';

  const build = (withBand: boolean) => {
    plot?.destroy();
    // A point with no neighbour to join is drawn as a dot (uPlot draws the indices `filter` lists even with show off).
    const dots: uPlot.Series.Points = { show: false, size: 2 * MARKER_RADIUS, fill: color(), stroke: color(), filter: (u, i) => isolatedPoints(u.data[i] ?? []) };
    const series: uPlot.Series[] = [{ label: props.xLabel ?? 'step' }, { label: props.title, stroke: color(), width: 1.5, points: dots }];
    if (withBand) {
      series.push({ label: 'min', stroke: 'transparent', points: { show: false } }, { label: 'max', stroke: 'transparent', points: { show: false } });
    }
    plot = new uPlot(
      {
        width: Math.max(100, host.clientWidth),
        height: height(),
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false } },
        axes: [{ stroke: '#667', grid: { stroke: '#eef0f4' }, font: AXIS_FONT, ...(props.xLabel ? { label: props.xLabel, labelSize: 18 } : {}) }, { stroke: '#667', grid: { stroke: '#eef0f4' }, font: AXIS_FONT, size: fittedAxisSize(AXIS_FONT, 48) }],
        series,
        bands: withBand ? [{ series: [3, 2], fill: `${color()}26` }] : [],
      },
      [[], []],
      host,
    );
    banded = withBand;
  };

  onMount(() => {
    const observer = new ResizeObserver(() => {
      const width = Math.max(100, host.clientWidth);
      plot?.setSize({ width, height: height() });
      props.onWidth?.(width);
    });
    observer.observe(host);
    onCleanup(() => observer.disconnect());
  });

  const prepared = createMemo(() => (props.series ? { exact: props.series.exact, ...toLineColumns(props.series) } : undefined));
  createEffect(() => {
    const data = prepared();
    if (!data) return;
    if (banded !== !data.exact) build(!data.exact);
    plot!.setData(data.columns as uPlot.AlignedData);
  });

  onCleanup(() => plot?.destroy());

  const undrawableNote = () => {
    const counts = prepared()?.undrawable;
    if (!counts) return null;
    const parts = [counts.nan > 0 && `${counts.nan} NaN`, counts.infinite > 0 && `${counts.infinite} infinite`].filter(Boolean);
    return parts.length ? `${parts.join(' and ')} ${counts.nan + counts.infinite === 1 ? 'value' : 'values'} shown as gaps` : null;
  };
  return (
    <figure class="line-chart" data-metric={props.title} data-x={props.xLabel ?? 'step'} data-points={props.series?.x.length ?? 0} data-exact={props.series?.exact ?? false}>
      <figcaption>{props.title}</figcaption>
      <div ref={host} class="line-chart-plot" />
      <Show when={undrawableNote()}>
        <p class="chart-note">{undrawableNote()}</p>
      </Show>
    </figure>
  );
}
