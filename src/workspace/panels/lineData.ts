import type { ChartData, ChartLine } from '../../charts/MultiLineChart';
import { assertNever } from '../../lib/assertNever';
import { alignLines, remapX, type LineData } from '../../model/history/alignSeries';
import type { SeriesBuckets } from '../../model/history/buckets';
import { aggregateGroup } from '../../model/history/groupAggregate';
import type { RunGroup } from '../../model/runTable/runGrouping';
import type { RunRecord } from '../../model/runs/runTypes';
import { smooth } from '../../model/history/smoothing';
import { isSystemMetric } from '../../model/runs/systemMetrics';
import type { LinePanel } from '../../model/workspace/workspaceState';

/** Reads one metric of many runs at a bucket count and step range (the store's batch read). */
export type SeriesReader = (runIds: readonly string[], metric: string, query: { buckets: number; xRange?: [number, number] }) => Promise<Map<string, SeriesBuckets<Float64Array | Float32Array>>>;

/** Past this many runs in a panel, the per-run min–max bands are left out: a thousand bands are a grey fog. */
const MAX_BANDED_RUNS = 20;

/** What a line panel draws for these runs. */
export interface LineDataOptions {
  panel: LinePanel;
  metrics: readonly string[];
  runs: readonly RunRecord[];
  groups: readonly RunGroup[] | null;
  colorOf: (run: RunRecord) => string;
  width: number;
  /** A zoomed x-range, in the panel's x units. */
  zoom: [number, number] | null;
  read: SeriesReader;
}

interface RunLine {
  run: RunRecord;
  metric: string;
  xs: Float64Array;
  ys: Float64Array | Float32Array;
  lo: Float64Array | Float32Array;
  hi: Float64Array | Float32Array;
  exact: boolean;
}

/**
 * Builds a line panel's chart data: reads each metric for every run at the chart's width (the store answers with
 * min/max/last buckets, or every point once a zoom is narrow enough), moves x to the chosen axis, smooths with the raw
 * line faint behind, or reduces groups to a mean with a min–max or ±std band, and aligns it all on one x array.
 */
/**
 * A line panel's chart data, whether every line is exact points, how many values are NaN or infinite (drawn as gaps),
 * and, on a log y-axis, how many are zero or negative (also gaps: a log scale has no place for them).
 */
export type LineDataResult = ChartData & { exact: boolean; gaps: number; offLogScale: number };

export async function buildLineData(options: LineDataOptions): Promise<LineDataResult> {
  const started = performance.now();
  let readMs = 0;
  const read: SeriesReader = async (...args) => {
    const t0 = performance.now();
    const answer = await options.read(...args);
    readMs += performance.now() - t0;
    return answer;
  };
  const data = await buildFrom({ ...options, read });
  // Left for benchmarks (bench/workspace.bench.mjs) to split a draw into its stages.
  performance.measure('labbook:line-read', { start: started, duration: readMs });
  performance.measure('labbook:line-build', { start: started, duration: performance.now() - started - readMs });
  return data;
}

async function buildFrom(options: LineDataOptions): Promise<LineDataResult> {
  const { panel, runs, width } = options;
  const buckets = Math.max(16, Math.round(width));
  const stepRange = panel.x.kind === 'step' && options.zoom ? options.zoom : undefined;
  const ids = runs.map((r) => r.id);
  const runLines: RunLine[] = [];
  for (const metric of options.metrics) {
    const [series, xSeries] = await Promise.all([options.read(ids, metric, { buckets, xRange: stepRange }), readXSeries(options, metric, ids, buckets, stepRange)]);
    for (const run of runs) {
      const s = series.get(run.id);
      if (!s || s.x.length === 0) continue;
      const moved = moveX(panel, run, metric, { xs: s.x, ys: s.last }, xSeries?.get(run.id));
      if (!moved) continue;
      const sameX = moved.xs === s.x;
      runLines.push({ run, metric, xs: moved.xs, ys: moved.ys, lo: sameX ? s.min : moved.ys, hi: sameX ? s.max : moved.ys, exact: s.exact });
    }
  }
  // Time and metric axes zoom in the chart only (the store's ranges are in steps): points outside become gaps.
  const inZoom = (xs: Float64Array, i: number) => !options.zoom || (xs[i]! >= options.zoom[0] && xs[i]! <= options.zoom[1]);
  const lines = options.groups ? groupLines(options, runLines, buckets) : runLinesToChart(options, runLines);
  // Bands go through the same alignment as their lines, so all columns share one x array.
  const columns: LineData[] = [];
  for (const l of lines) {
    columns.push({ xs: l.xs, ys: panel.x.kind === 'step' || !options.zoom ? l.ys : l.ys.map((y, i) => (inZoom(l.xs, i) ? y : NaN)) });
    if (l.band) columns.push({ xs: l.xs, ys: l.band.lo }, { xs: l.xs, ys: l.band.hi });
  }
  const aligned = alignLines(columns, { maxDistinct: buckets * 4, slots: buckets });
  let column = 0;
  const chartLines: ChartLine[] = lines.map((l) => {
    const ys = aligned.ys[column++]!;
    const band = l.band ? { lo: aligned.ys[column++]!, hi: aligned.ys[column++]! } : undefined;
    return { key: l.key, label: l.label, color: l.color, alpha: l.alpha, width: l.width, quiet: l.quiet, runId: l.runId, ys, band };
  });
  return { x: aligned.x, lines: chartLines, exact: runLines.length > 0 && runLines.every((l) => l.exact), gaps: countValues(runLines, (y) => !Number.isFinite(y)), offLogScale: panel.logY ? countValues(runLines, (y) => y <= 0) : 0 };
}

/** Points a chart cannot place (NaN and ±Infinity as logged by a diverged run; ≤ 0 on a log scale), counted for a note. */
function countValues(runLines: readonly RunLine[], unplaceable: (y: number) => boolean): number {
  let count = 0;
  for (const line of runLines) for (let i = 0; i < line.ys.length; i++) if (unplaceable(line.ys[i]!)) count++;
  return count;
}

interface PlainLine {
  key: string;
  label: string;
  color: string;
  xs: Float64Array;
  ys: Float64Array | Float32Array;
  alpha?: number;
  width?: number;
  quiet?: boolean;
  band?: { lo: Float64Array | Float32Array; hi: Float64Array | Float32Array };
  runId?: string;
}

function runLinesToChart(options: LineDataOptions, runLines: RunLine[]): PlainLine[] {
  const { panel } = options;
  const multiMetric = options.metrics.length > 1;
  const banded = panel.band && runLines.length <= MAX_BANDED_RUNS;
  // Wider strokes leave the canvas's fast 1-pixel path (measured: 1,000 lines take 14 s at width 1.25, 0.7 s at 1),
  // so smoothed lines stand out by width only while there are few of them.
  const emphasis = runLines.length <= MAX_BANDED_RUNS ? 2 : 1;
  const out: PlainLine[] = [];
  for (const line of runLines) {
    const key = `${line.run.id}|${line.metric}`;
    const label = multiMetric ? `${line.run.name} · ${line.metric}` : line.run.name;
    const color = options.colorOf(line.run);
    const band = banded && !line.exact ? { lo: line.lo, hi: line.hi } : undefined;
    const runId = line.run.id;
    if (panel.smoothing.kind === 'none') {
      out.push({ key, label, color, xs: line.xs, ys: line.ys, band, runId });
      continue;
    }
    out.push({ key: `${key}|raw`, label, color, xs: line.xs, ys: line.ys, alpha: 0.22, quiet: true, runId });
    out.push({ key, label, color, xs: line.xs, ys: smooth(panel.smoothing, { xs: line.xs, ys: float64(line.ys) }), width: emphasis, runId });
  }
  return out;
}

/** One line per group and metric: the mean over the group's runs, with their min–max or ±1 std as a band. */
function groupLines(options: LineDataOptions, runLines: RunLine[], buckets: number): PlainLine[] {
  const { panel } = options;
  const out: PlainLine[] = [];
  for (const group of options.groups ?? []) {
    const members = new Set(group.runs.map((r) => r.id));
    for (const metric of options.metrics) {
      const series = runLines.filter((l) => l.metric === metric && members.has(l.run.id)).map((l) => ({ xs: l.xs, ys: float64(l.ys) }));
      if (series.length === 0) continue;
      const agg = aggregateGroup(series, { kind: 'buckets', count: buckets });
      const mean = panel.smoothing.kind === 'none' ? agg.mean : smooth(panel.smoothing, { xs: agg.x, ys: agg.mean });
      const band =
        panel.groupBand === 'none'
          ? undefined
          : panel.groupBand === 'std'
            ? { lo: agg.mean.map((m, i) => m - agg.std[i]!), hi: agg.mean.map((m, i) => m + agg.std[i]!) }
            : { lo: agg.min, hi: agg.max };
      const label = `${group.label} (${group.runs.length})${options.metrics.length > 1 ? ` · ${metric}` : ''}`;
      out.push({ key: `group:${group.key}|${metric}`, label, color: group.color, xs: agg.x, ys: mean, width: 2, band });
    }
  }
  return out;
}

/** Float32 values (the store's coarse level) widened for the float64 maths of smoothing and group aggregates. */
function float64(values: Float64Array | Float32Array): Float64Array {
  return values instanceof Float64Array ? values : new Float64Array(values);
}

/** The series that gives each step its x when the axis is not the step: `_timestamp` for time, or the chosen metric. */
async function readXSeries(options: LineDataOptions, metric: string, ids: string[], buckets: number, xRange: [number, number] | undefined) {
  const x = options.panel.x;
  if (x.kind === 'step' || (isSystemMetric(metric) && x.kind !== 'metric')) return null;
  return options.read(ids, x.kind === 'metric' ? x.metric : '_timestamp', { buckets, xRange });
}

/**
 * Moves a line to the panel's x-axis. System metrics are stored at seconds since the run started, so time axes use
 * their steps directly; other metrics take the time or x-metric value logged at the same step.
 */
function moveX(panel: LinePanel, run: RunRecord, metric: string, line: { xs: Float64Array; ys: Float64Array | Float32Array }, xSeries: SeriesBuckets<Float64Array | Float32Array> | undefined): { xs: Float64Array; ys: Float64Array | Float32Array } | null {
  const { ys } = line;
  const started = run.createdAt / 1000;
  switch (panel.x.kind) {
    case 'step':
      return { xs: line.xs, ys };
    case 'relativeTime':
    case 'wallTime': {
      const offset = panel.x.kind === 'wallTime' ? 0 : started;
      if (isSystemMetric(metric)) return { xs: panel.x.kind === 'wallTime' ? line.xs.map((s) => s + started) : line.xs, ys };
      if (!xSeries) return null;
      const moved = remapX({ xs: line.xs, ys }, asLine(xSeries));
      return { xs: moved.xs.map((t) => t - offset), ys: moved.ys };
    }
    case 'metric':
      return xSeries ? remapX({ xs: line.xs, ys }, asLine(xSeries)) : null;
    default:
      return assertNever(panel.x);
  }
}

function asLine(series: SeriesBuckets<Float64Array | Float32Array>): LineData {
  return { xs: series.x, ys: series.last };
}
