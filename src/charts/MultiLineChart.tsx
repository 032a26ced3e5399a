import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { createEffect, createSignal, For, onCleanup, onMount, Show } from 'solid-js';

/** One drawn line of a MultiLineChart; `band` is a filled range behind it (min–max of buckets, or a group's spread). */
export interface ChartLine {
  key: string;
  label: string;
  color: string;
  ys: (number | null)[];
  /** 0..1; raw lines behind smoothed ones are faint. */
  alpha?: number;
  width?: number;
  band?: { lo: (number | null)[]; hi: (number | null)[] };
  /** Left out of the hover legend (the faint raw copy of a smoothed line). */
  quiet?: boolean;
}

/** The chart's data: lines on one shared x array. */
export interface ChartData {
  x: number[];
  lines: ChartLine[];
}

/** Props of MultiLineChart. */
export interface MultiLineChartProps {
  data: ChartData | undefined;
  height?: number;
  xLabel: string;
  /** x values are Unix seconds (wall time). */
  xTime?: boolean;
  logX?: boolean;
  logY?: boolean;
  yMin?: number | null;
  yMax?: number | null;
  /** Charts with the same key share the cursor (W&B's synced hover). */
  syncKey?: string;
  /** Told the plot's width in CSS pixels, so the caller can ask for that many buckets. */
  onWidth?: (width: number) => void;
  /** A drag selected this x-range, or a double-click asked for the whole range (null). */
  onZoom?: (range: [number, number] | null) => void;
}

/** Lines listed in the hover legend, the highest values first. */
const LEGEND_ROWS = 8;

interface LegendRow {
  label: string;
  color: string;
  value: number;
}

/**
 * Many runs' lines in one uPlot: built once per set of lines (keys and colours) and fed with setData afterwards, so a
 * live update redraws without rebuilding. Drag to zoom, double-click to reset; the hover legend lists the lines with
 * the highest values under the cursor, since 1,000 rows of legend would help nobody.
 */
export function MultiLineChart(props: MultiLineChartProps) {
  let host!: HTMLDivElement;
  let plot: uPlot | null = null;
  let shape = '';
  const [legend, setLegend] = createSignal<{ x: string; rows: LegendRow[]; more: number } | null>(null);
  const height = () => props.height ?? 240;

  const build = (data: ChartData) => {
    plot?.destroy();
    const series: uPlot.Series[] = [{ label: props.xLabel }];
    const bands: uPlot.Band[] = [];
    for (const line of data.lines) {
      const stroke = line.alpha !== undefined && line.alpha < 1 ? withAlpha(line.color, line.alpha) : line.color;
      series.push({ label: line.label, stroke, width: line.width ?? 1.25, points: { show: false }, spanGaps: false });
      if (line.band) {
        const hi = series.push({ label: `${line.label} max`, stroke: 'transparent', points: { show: false } }) - 1;
        const lo = series.push({ label: `${line.label} min`, stroke: 'transparent', points: { show: false } }) - 1;
        bands.push({ series: [hi, lo], fill: withAlpha(line.color, 0.14) });
      }
    }
    plot = new uPlot(
      {
        width: Math.max(120, host.clientWidth),
        height: height(),
        legend: { show: false },
        series,
        bands,
        scales: {
          x: { time: props.xTime ?? false, distr: props.logX ? 3 : 1 },
          y: { distr: props.logY ? 3 : 1, ...(props.yMin != null || props.yMax != null ? { range: (_u, lo, hi) => [props.yMin ?? lo, props.yMax ?? hi] } : {}) },
        },
        axes: [
          { stroke: '#667', grid: { stroke: '#eef0f4' }, label: props.xLabel, labelSize: 16, labelFont: '11px system-ui', font: '11px system-ui' },
          { stroke: '#667', grid: { stroke: '#eef0f4' }, size: 52, font: '11px system-ui' },
        ],
        cursor: { drag: { x: true, y: false, setScale: true }, sync: props.syncKey ? { key: props.syncKey } : undefined, points: { show: false } },
        hooks: {
          setSelect: [
            (u) => {
              if (u.select.width < 4) return;
              props.onZoom?.([u.posToVal(u.select.left, 'x'), u.posToVal(u.select.left + u.select.width, 'x')]);
            },
          ],
          setCursor: [(u) => setLegend(legendAt(u, data))],
        },
      },
      toAligned(data),
      host,
    );
    plot.over.addEventListener('dblclick', () => props.onZoom?.(null));
    plot.over.addEventListener('mouseleave', () => setLegend(null));
  };

  onMount(() => {
    const observer = new ResizeObserver(() => {
      const width = Math.max(120, host.clientWidth);
      plot?.setSize({ width, height: height() });
      props.onWidth?.(width);
    });
    observer.observe(host);
    onCleanup(() => observer.disconnect());
  });

  createEffect(() => {
    const data = props.data;
    if (!data) return;
    // Scale options are part of the shape: uPlot takes them at construction.
    const nextShape = [props.logX, props.logY, props.yMin, props.yMax, props.xTime, ...data.lines.map((l) => `${l.key}|${l.color}|${l.alpha ?? 1}|${l.band ? 1 : 0}`)].join('\n');
    if (nextShape !== shape || !plot) {
      shape = nextShape;
      build(data);
    } else {
      plot.setData(toAligned(data));
    }
  });

  onCleanup(() => plot?.destroy());

  return (
    <div class="multi-line-chart" data-lines={props.data?.lines.filter((l) => !l.quiet).length ?? 0} data-points={props.data?.x.length ?? 0}>
      <div ref={host} class="multi-line-plot" />
      <Show when={legend()}>
        {(l) => (
          <div class="hover-legend">
            <div class="hover-legend-x">{l().x}</div>
            <For each={l().rows}>
              {(row) => (
                <div class="hover-legend-row">
                  <span class="swatch" style={{ background: row.color }} />
                  <span class="hover-legend-label">{row.label}</span>
                  <span class="hover-legend-value">{formatLegendValue(row.value)}</span>
                </div>
              )}
            </For>
            <Show when={l().more > 0}>
              <div class="muted">+{l().more} more</div>
            </Show>
          </div>
        )}
      </Show>
    </div>
  );
}

function toAligned(data: ChartData): uPlot.AlignedData {
  const columns: (number | null)[][] = [data.x];
  for (const line of data.lines) {
    columns.push(line.ys);
    if (line.band) columns.push(line.band.hi, line.band.lo);
  }
  return columns as uPlot.AlignedData;
}

function legendAt(u: uPlot, data: ChartData): { x: string; rows: LegendRow[]; more: number } | null {
  const idx = u.cursor.idx;
  if (idx == null) return null;
  const rows: LegendRow[] = [];
  for (const line of data.lines) {
    const value = line.ys[idx];
    if (!line.quiet && value != null) rows.push({ label: line.label, color: line.color, value });
  }
  rows.sort((a, b) => b.value - a.value);
  return { x: `x = ${formatLegendValue(data.x[idx]!)}`, rows: rows.slice(0, LEGEND_ROWS), more: Math.max(0, rows.length - LEGEND_ROWS) };
}

function formatLegendValue(value: number): string {
  return Math.abs(value) >= 1e5 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(3) : String(Number(value.toPrecision(5)));
}

/** `#rrggbb` with an alpha channel; other colour syntaxes are returned as they are. */
function withAlpha(color: string, alpha: number): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? `${color}${Math.round(alpha * 255).toString(16).padStart(2, '0')}` : color;
}
