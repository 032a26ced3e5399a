import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { createEffect, createMemo, createSignal, For, on, onCleanup, onMount, Show, untrack } from 'solid-js';
import { formatNumber } from '../ui/format';
import { fittedAxisSize } from './axisSize';
import type { YMap } from './lineRasterProtocol';
import { WorkerLines } from './workerLines';

/** One drawn line of a MultiLineChart; `band` is a filled range behind it (min–max of buckets, or a group's spread). */
export interface ChartLine {
  key: string;
  label: string;
  color: string;
  /** Values on the chart's shared x array; NaN where the line has no point. */
  ys: Float64Array;
  /** 0..1; raw lines behind smoothed ones are faint. */
  alpha?: number;
  /** Stroke width in CSS pixels (default 1: wider, especially fractional, widths are far slower to draw). */
  width?: number;
  band?: { lo: Float64Array; hi: Float64Array };
  /** Left out of the hover legend and the line count (the faint raw copy of a smoothed line). */
  quiet?: boolean;
  /** The run it belongs to, for hiding it with the run's eye. */
  runId?: string;
}

/** The chart's data: lines on one shared x array. */
export interface ChartData {
  x: Float64Array;
  lines: ChartLine[];
}

/** Props of MultiLineChart. */
export interface MultiLineChartProps {
  data: ChartData | undefined;
  /** Runs whose lines are not drawn; changing it redraws only what it touches and keeps the axes still. */
  hiddenRuns?: ReadonlySet<string>;
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
  /** The x-range the chart is zoomed to, as its owner holds it (null: all); lines drawn for another are not shown. */
  zoom?: [number, number] | null;
  /** A drag selected this x-range, or a double-click asked for the whole range (null). */
  onZoom?: (range: [number, number] | null) => void;
  /** A press or a drag in progress covers this x-range: a zoom to it may follow (so its data can be read ahead). */
  onZoomIntent?: (range: [number, number]) => void;
  /** The lines of the current data are on the canvas (called after each draw that shows them). */
  onDrawn?: () => void;
}

/** Lines listed in the hover legend, the highest values first. */
const LEGEND_ROWS = 8;

interface LegendRow {
  label: string;
  color: string;
  value: number;
}

const NO_RUNS: ReadonlySet<string> = new Set();

/**
 * After a zoom, how long the chart waits for the zoom's own data before drawing the lines it has at the new scale. The
 * exact points usually arrive first (their read starts when the drag does), and drawing the old lines meanwhile kept
 * both cores busy while the new ones were being read and built.
 */
const ZOOM_DATA_WAIT_MS = 100;

/**
 * Many runs' lines over one x-axis. uPlot draws the axes, handles the cursor, drag-to-zoom and cursor sync, and scales
 * to an envelope of all lines; the lines themselves are drawn off the page's thread by raster workers (WorkerLines),
 * each holding a share of them, and copied into uPlot's canvas in its draw hook, so that an eye toggle redraws one
 * share rather than every line. The y-range covers hidden runs too, so axes stay still while runs are toggled. The hover legend lists the highest values under the cursor, since 1,000 legend rows help nobody.
 */
export function MultiLineChart(props: MultiLineChartProps) {
  let host!: HTMLDivElement;
  let plot: uPlot | null = null;
  let scaleShape = '';
  // What the chart shows once the workers' bitmaps of the current state are in: data-lines tells tests and benchmarks
  // how many lines are on the canvas, not how many were asked for.
  let linesToDraw = 0;
  const workerLines = new WorkerLines((wallMs) => {
    performance.measure('labbook:line-draw', { start: performance.now() - wallMs, duration: wallMs });
    plot?.redraw(false, false);
  });
  const [legend, setLegend] = createSignal<{ x: string; rows: LegendRow[]; more: number } | null>(null);
  const [drawnLines, setDrawnLines] = createSignal(0);
  // False from a change of lines or hidden runs until the workers' bitmaps of it are on the canvas.
  const [drawn, setDrawn] = createSignal(false);
  const height = () => props.height ?? 240;
  // A memo: the hover legend asks for it on every cursor move.
  const hiddenKeys = createMemo(() => {
    const hiddenRuns = props.hiddenRuns ?? NO_RUNS;
    const keys = new Set<string>();
    for (const line of props.data?.lines ?? []) if (line.runId !== undefined && hiddenRuns.has(line.runId)) keys.add(line.key);
    return keys;
  });

  // From a change of zoom until its data arrives (or ZOOM_DATA_WAIT_MS pass), no lines are drawn.
  let awaitingZoomData = false;
  let zoomWait: ReturnType<typeof setTimeout> | undefined;
  const stopAwaitingZoomData = () => {
    awaitingZoomData = false;
    clearTimeout(zoomWait);
  };
  createEffect(
    on(
      () => props.zoom,
      () => {
        stopAwaitingZoomData();
        awaitingZoomData = true;
        zoomWait = setTimeout(() => {
          awaitingZoomData = false;
          plot?.redraw(false, false);
        }, ZOOM_DATA_WAIT_MS);
      },
      { defer: true },
    ),
  );

  const drawLines = (u: uPlot) => {
    if (awaitingZoomData) {
      setDrawn(false);
      return;
    }
    const data = props.data;
    const xScale = u.scales['x'];
    const yScale = u.scales['y'];
    if (!data) return;
    if (xScale?.min == null || yScale?.min == null) {
      // No value to scale to (no lines, or only NaN): the plot shows no line.
      setDrawnLines(0);
      setDrawn(true);
      props.onDrawn?.();
      return;
    }
    const { left, top, width, height: h } = u.bbox;
    const [from, to] = indexWindow(data.x, xScale.min, xScale.max!);
    const xPixels = new Float64Array(data.x.length);
    for (let i = from; i < to; i++) xPixels[i] = u.valToPos(data.x[i]!, 'x', true) - left;
    const frame = { width: Math.max(1, Math.round(width)), height: Math.max(1, Math.round(h)), xPixels, from, to, y: yMapOf(u, top), pixelRatio: uPlot.pxRatio };
    const key = [xScale.min, xScale.max, yScale.min, yScale.max, width, h].join(',');
    u.ctx.save();
    u.ctx.beginPath();
    u.ctx.rect(left, top, width, h);
    u.ctx.clip();
    // Lines drawn for the same zoom and size may stand in for a moment while new ones are drawn; others may not.
    const view = [props.zoom?.join(':') ?? 'all', scaleShape, width, h].join(',');
    if (workerLines.composite(u.ctx, left, top, frame, key, view)) {
      setDrawnLines(linesToDraw);
      setDrawn(true);
      props.onDrawn?.();
    } else setDrawn(false);
    u.ctx.restore();
  };

  const build = (data: ChartData) => {
    plot?.destroy();
    plot = new uPlot(
      {
        width: Math.max(120, host.clientWidth),
        height: height(),
        legend: { show: false },
        // Two invisible series carry the envelope of every line, for autoscaling; the lines are drawn by drawLines.
        series: [{ label: props.xLabel }, { label: 'max', stroke: 'transparent', points: { show: false } }, { label: 'min', stroke: 'transparent', points: { show: false } }],
        scales: {
          x: { time: props.xTime ?? false, distr: props.logX ? 3 : 1 },
          y: { distr: props.logY ? 3 : 1, ...(props.yMin != null || props.yMax != null ? { range: (_u, lo, hi) => [props.yMin ?? lo, props.yMax ?? hi] } : {}) },
        },
        axes: [
          { stroke: '#667', grid: { stroke: '#eef0f4' }, label: props.xLabel, labelSize: 16, labelFont: '11px system-ui', font: '11px system-ui' },
          { stroke: '#667', grid: { stroke: '#eef0f4' }, size: fittedAxisSize('11px system-ui', 44), font: '11px system-ui' },
        ],
        cursor: { drag: { x: true, y: false, setScale: true }, sync: props.syncKey ? { key: props.syncKey, filters: { pub: hoverOnly } } : undefined, points: { show: false } },
        hooks: {
          draw: [drawLines],
          setSelect: [
            (u) => {
              if (u.select.width < 4) return;
              props.onZoom?.([u.posToVal(u.select.left, 'x'), u.posToVal(u.select.left + u.select.width, 'x')]);
            },
          ],
          setCursor: [(u) => setLegend(legendAt(u, props.data, hiddenKeys()))],
        },
      },
      envelope(data),
      host,
    );
    plot.over.addEventListener('dblclick', () => props.onZoom?.(null));
    watchDrags(plot, (range) => props.onZoomIntent?.(range));
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

  // New data: every share is drawn again; uPlot is rebuilt only when its scale options change.
  createEffect(() => {
    const data = props.data;
    if (!data) return;
    stopAwaitingZoomData();
    workerLines.setLines(data.lines.map((l) => ({ color: l.color, ys: l.ys, alpha: l.alpha ?? 1, width: l.width ?? 1, band: l.band ?? null })));
    workerLines.setHidden(hiddenFlags(data, untrack(hiddenKeys)));
    linesToDraw = countDrawn(data, untrack(hiddenKeys));
    setDrawn(false);
    const nextShape = [props.logX, props.logY, props.yMin, props.yMax, props.xTime, props.xLabel].join('|');
    if (nextShape !== scaleShape || !plot) {
      scaleShape = nextShape;
      build(data);
    } else plot.setData(envelope(data));
  });
  // Hidden runs: only the shares holding them are redrawn, with the scales as they are.
  createEffect(
    on(
      hiddenKeys,
      (keys) => {
        const data = untrack(() => props.data);
        if (!data || !plot) return;
        workerLines.setHidden(hiddenFlags(data, keys));
        linesToDraw = countDrawn(data, keys);
        setDrawn(false);
        plot.redraw(false, false);
      },
      { defer: true },
    ),
  );

  onCleanup(() => {
    clearTimeout(zoomWait);
    plot?.destroy();
    workerLines.dispose();
  });

  return (
    <div class="multi-line-chart" data-x={props.xLabel} data-lines={drawnLines()} data-drawn={drawn()} data-points={props.data?.x.length ?? 0}>
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
                  <span class="hover-legend-value">{formatNumber(row.value)}</span>
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

/** Tells `onRange` the x-range under a press and the drag that follows it, until the button is released. */
function watchDrags(u: uPlot, onRange: (range: [number, number]) => void): void {
  let start: number | null = null;
  const xAt = (event: MouseEvent) => u.posToVal(event.clientX - u.over.getBoundingClientRect().left, 'x');
  u.over.addEventListener('mousedown', (event) => {
    if (event.button !== 0) return;
    start = xAt(event);
    onRange([start, start]);
  });
  u.over.addEventListener('mousemove', (event) => {
    if (start === null || (event.buttons & 1) === 0) return;
    const x = xAt(event);
    onRange([Math.min(start, x), Math.max(start, x)]);
  });
  u.over.addEventListener('mouseup', () => (start = null));
}

/**
 * Synced charts share the hover only, not drag selections: a zoom reads exact points for every run, and doing that
 * for every panel at once multiplied the wait for the one being zoomed.
 */
function hoverOnly(type: string): boolean {
  return type !== 'mousedown' && type !== 'mouseup' && type !== 'dblclick';
}

/**
 * The indices [from, to) of x values inside [min, max] plus one on each side, so lines run on to the plot's edges:
 * after a zoom, the lines are drawn at the new scale before the exact points arrive, and most of their points are off
 * the plot.
 */
function indexWindow(x: Float64Array, min: number, max: number): [number, number] {
  let from = 0;
  while (from < x.length && x[from]! < min) from++;
  let to = x.length;
  while (to > from && x[to - 1]! > max) to--;
  return [Math.max(0, from - 1), Math.min(x.length, to + 1)];
}

/** The y scale as plain numbers for the raster workers: box-relative pixels of its ends, and whether it is logarithmic. */
function yMapOf(u: uPlot, top: number): YMap {
  const scale = u.scales['y']!;
  const min = scale.min!;
  const max = scale.max!;
  return { min, max, minPixel: u.valToPos(min, 'y', true) - top, maxPixel: u.valToPos(max, 'y', true) - top, log: scale.distr === 3 };
}

function hiddenFlags(data: ChartData, hidden: ReadonlySet<string>): boolean[] {
  return data.lines.map((line) => hidden.has(line.key));
}

function countDrawn(data: ChartData, hidden: ReadonlySet<string>): number {
  let n = 0;
  for (const line of data.lines) if (!line.quiet && !hidden.has(line.key)) n++;
  return n;
}

/** The highest and lowest value at each x over all lines and bands: what the y-axis must show. */
function envelope(data: ChartData): uPlot.AlignedData {
  const n = data.x.length;
  const hi: (number | null)[] = new Array<number | null>(n).fill(null);
  const lo: (number | null)[] = new Array<number | null>(n).fill(null);
  const take = (ys: Float64Array) => {
    for (let i = 0; i < n; i++) {
      const v = ys[i]!;
      if (!Number.isFinite(v)) continue;
      if (hi[i] === null || v > hi[i]!) hi[i] = v;
      if (lo[i] === null || v < lo[i]!) lo[i] = v;
    }
  };
  for (const line of data.lines) {
    take(line.ys);
    if (line.band) {
      take(line.band.lo);
      take(line.band.hi);
    }
  }
  return [data.x, hi, lo] as uPlot.AlignedData;
}

function legendAt(u: uPlot, data: ChartData | undefined, hidden: ReadonlySet<string>): { x: string; rows: LegendRow[]; more: number } | null {
  const idx = u.cursor.idx;
  if (idx == null || !data) return null;
  const rows: LegendRow[] = [];
  for (const line of data.lines) {
    const value = line.ys[idx]!;
    if (!line.quiet && !hidden.has(line.key) && Number.isFinite(value)) rows.push({ label: line.label, color: line.color, value });
  }
  rows.sort((a, b) => b.value - a.value);
  return { x: `x = ${formatNumber(data.x[idx]!)}`, rows: rows.slice(0, LEGEND_ROWS), more: Math.max(0, rows.length - LEGEND_ROWS) };
}
