import { assertNever } from '../../lib/assertNever';
import { createEffect, createMemo, createSignal, For, on, Show, untrack } from 'solid-js';
import { MultiLineChart } from '../../charts/MultiLineChart';
import type { Smoothing } from '../../model/history/smoothing';
import { defaultLinePanel, type GroupBand, type LinePanel, type XAxis } from '../../model/workspace/workspaceState';
import { busyUntil } from '../../ui/busyUntil';
import { createLiveResource } from '../../ui/liveResource';
import type { PanelContext, PanelKind } from '../panelRegistry';
import { storeSeriesReader } from '../storeSeriesReader';
import { SeriesCache } from '../seriesCache';
import { sameRuns } from '../../model/workspace/workspaceRuns';
import { buildLineData, type LineDataResult } from './lineData';

/** Every line plot of a page shares its cursor, as W&B's do. */
const CURSOR_SYNC_KEY = 'labbook-workspace';

/** The metrics a line panel draws: its list, or every project metric its regex matches (an invalid regex matches none). */
function panelMetrics(panel: LinePanel, projectMetrics: readonly string[]): string[] {
  if (!panel.metricRegex) return panel.metrics;
  try {
    const pattern = new RegExp(panel.metricRegex);
    return projectMetrics.filter((m) => pattern.test(m));
  } catch {
    return [];
  }
}

function xLabel(x: XAxis): string {
  switch (x.kind) {
    case 'step':
      return 'step';
    case 'relativeTime':
      return 'seconds since start';
    case 'wallTime':
      return 'time';
    case 'metric':
      return x.metric;
    default:
      return assertNever(x);
  }
}

function LineView(props: { panel: LinePanel; ctx: PanelContext }) {
  const [width, setWidth] = createSignal(0);
  const [zoom, setZoom] = createSignal<[number, number] | null>(null);
  const cache = new SeriesCache(storeSeriesReader(props.ctx.store, props.ctx.project));
  const metrics = createMemo(() => panelMetrics(props.panel, props.ctx.metrics()), [], { equals: (a, b) => a.join('\n') === b.join('\n') });
  // Ungrouped, the panel holds every run listed before brushes and the chart hides the rest itself: an eye toggle or a
  // brush then costs no read and no rebuild. Grouped, the means depend on which runs are visible and are recomputed.
  const grouped = () => props.ctx.runs().groups !== null;
  const drawnRuns = createMemo(() => (grouped() ? props.ctx.runs().visible : props.ctx.unbrushedRuns()), [], { equals: sameRuns });
  const groups = createMemo(() => props.ctx.runs().groups);
  const hiddenRuns = createMemo(() => {
    const visible = new Set(props.ctx.runs().visible.map((r) => r.id));
    return new Set(drawnRuns().flatMap((r) => (visible.has(r.id) ? [] : [r.id])));
  });
  // Whether the panel's lines have been on the canvas once. Until then a live run's new points wait: drawn again
  // meanwhile, they would start the panel's first draw over (1,000 lines take the raster workers 0.3–1 s).
  const [drawnOnce, setDrawnOnce] = createSignal(false);
  let heldChange: (() => void) | null = null;
  createEffect(() => {
    if (!drawnOnce() || !heldChange) return;
    const change = heldChange;
    heldChange = null;
    change();
  });
  const data = createLiveResource<LineDataResult | undefined>({
    fetch: async () => {
      if (width() === 0) return undefined;
      return buildLineData({ panel: props.panel, metrics: metrics(), runs: drawnRuns(), groups: groups(), colorOf: props.ctx.colorOf, width: width(), zoom: zoom(), read: cache.read });
    },
    subscribe: (onChange) =>
      props.ctx.store.feed.subscribe((notice) => {
        if (notice.type !== 'history' || !notice.metrics.some((m) => metrics().includes(m) || m === '_timestamp')) return;
        cache.forgetRun(notice.runId);
        if (!drawnRuns().some((r) => r.id === notice.runId)) return;
        if (untrack(drawnOnce)) onChange();
        else heldChange = onChange;
      }),
    minIntervalMs: 250,
  });
  // A zoom over steps reads exact points: start reading them while the drag that asks for them is still going on.
  const readZoomAhead = (range: [number, number]) => {
    if (props.panel.x.kind !== 'step') return;
    const runIds = drawnRuns().map((r) => r.id);
    for (const metric of metrics()) props.ctx.store.readZoomAhead({ metric, runIds, xRange: range });
  };
  createEffect(on([() => props.panel, drawnRuns, groups, metrics, width, zoom], () => data.refresh(), { defer: true }));
  // Until its first lines are on the canvas, the panel holds back the kernel's start (see busyViews): the raster
  // workers drawing them need the cores as much as the reads before them.
  busyUntil(() => drawnOnce() || metrics().length === 0);
  return (
    <div class="line-panel" data-exact={data.value()?.exact ?? false}>
      <Show when={metrics().length > 0} fallback={<p class="muted panel-note">No metric matches this panel.</p>}>
        <MultiLineChart
          data={data.value()}
          hiddenRuns={grouped() ? undefined : hiddenRuns()}
          xLabel={xLabel(props.panel.x)}
          xTime={props.panel.x.kind === 'wallTime'}
          logX={props.panel.logX}
          logY={props.panel.logY}
          yMin={props.panel.yMin}
          yMax={props.panel.yMax}
          syncKey={CURSOR_SYNC_KEY}
          onWidth={setWidth}
          zoom={zoom()}
          onZoom={setZoom}
          onZoomIntent={readZoomAhead}
          onDrawn={() => setDrawnOnce(true)}
        />
      </Show>
      <Show when={metrics().length > 0 && props.ctx.runs().visible.length === 0}>
        <p class="muted panel-note" data-testid="no-visible-runs">
          No visible runs: the filter or search matches none, or every eye is closed.
        </p>
      </Show>
      <Show when={(data.value()?.gaps ?? 0) > 0}>
        <p class="chart-note" data-testid="gap-note">
          {data.value()!.gaps} NaN or infinite {data.value()!.gaps === 1 ? 'value' : 'values'} shown as gaps
        </p>
      </Show>
      <Show when={(data.value()?.offLogScale ?? 0) > 0}>
        <p class="chart-note" data-testid="log-scale-note">
          {data.value()!.offLogScale} {data.value()!.offLogScale === 1 ? 'value' : 'values'} ≤ 0 left out of the log scale
        </p>
      </Show>
      <Show when={zoom()}>
        <button class="link zoom-reset" onClick={() => setZoom(null)}>
          reset zoom
        </button>
      </Show>
    </div>
  );
}


const SMOOTHING_KINDS: { kind: Smoothing['kind']; label: string }[] = [
  { kind: 'none', label: 'none' },
  { kind: 'timeWeightedEma', label: 'time-weighted EMA' },
  { kind: 'ema', label: 'EMA' },
  { kind: 'gaussian', label: 'Gaussian' },
  { kind: 'runningAverage', label: 'running average' },
];

/** A smoothing of a kind with a parameter from a 0..1 slider: the EMA weight, or a window/σ scaled from it. */
function smoothingOf(kind: Smoothing['kind'], amount: number): Smoothing {
  switch (kind) {
    case 'none':
      return { kind };
    case 'timeWeightedEma':
    case 'ema':
      return { kind, weight: Math.min(0.999, amount) };
    case 'gaussian':
      return { kind, sigma: Math.max(0.5, amount * 50), unit: 'points' };
    case 'runningAverage':
      return { kind, window: Math.max(1, Math.round(amount * 100)) };
    default:
      return assertNever(kind);
  }
}

function smoothingAmount(smoothing: Smoothing): number {
  switch (smoothing.kind) {
    case 'none':
      return 0.6;
    case 'timeWeightedEma':
    case 'ema':
      return smoothing.weight;
    case 'gaussian':
      return smoothing.sigma / 50;
    case 'runningAverage':
      return smoothing.window / 100;
    default:
      return assertNever(smoothing);
  }
}

function xAxisValue(x: XAxis): string {
  return x.kind === 'metric' ? `metric:${x.metric}` : x.kind;
}

function parseXAxis(value: string): XAxis {
  if (value.startsWith('metric:')) return { kind: 'metric', metric: value.slice('metric:'.length) };
  return { kind: value as 'step' | 'relativeTime' | 'wallTime' };
}

const optionalNumber = (text: string): number | null => (text.trim() === '' || !Number.isFinite(Number(text)) ? null : Number(text));

function LineEditor(props: { panel: LinePanel; ctx: PanelContext; onChange: (panel: LinePanel) => void }) {
  const set = (patch: Partial<LinePanel>) => props.onChange({ ...props.panel, ...patch });
  const toggleMetric = (metric: string, on: boolean) => set({ metrics: on ? [...props.panel.metrics, metric] : props.panel.metrics.filter((m) => m !== metric) });
  return (
    <div class="panel-editor">
      <label>
        Title <input value={props.panel.title ?? ''} placeholder="the metric names" onChange={(e) => set({ title: e.currentTarget.value.trim() || null })} />
      </label>
      <fieldset>
        <legend>y: metrics</legend>
        <label>
          regex <input data-testid="metric-regex" value={props.panel.metricRegex ?? ''} placeholder="e.g. ^val/" onChange={(e) => set({ metricRegex: e.currentTarget.value.trim() || null })} />
        </label>
        <div class="metric-choices">
          <For each={props.ctx.metrics().filter((m) => !m.startsWith('_'))}>
            {(metric) => (
              <label>
                <input type="checkbox" checked={props.panel.metrics.includes(metric)} onChange={(e) => toggleMetric(metric, e.currentTarget.checked)} /> {metric}
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <label>
        x-axis{' '}
        <select value={xAxisValue(props.panel.x)} onChange={(e) => set({ x: parseXAxis(e.currentTarget.value) })}>
          <option value="step">step</option>
          <option value="relativeTime">relative time</option>
          <option value="wallTime">wall time</option>
          <For each={props.ctx.metrics().filter((m) => !m.startsWith('_'))}>{(metric) => <option value={`metric:${metric}`}>{metric}</option>}</For>
        </select>
      </label>
      <label>
        smoothing{' '}
        <select data-testid="smoothing-kind" value={props.panel.smoothing.kind} onChange={(e) => set({ smoothing: smoothingOf(e.currentTarget.value as Smoothing['kind'], smoothingAmount(props.panel.smoothing)) })}>
          <For each={SMOOTHING_KINDS}>{(k) => <option value={k.kind}>{k.label}</option>}</For>
        </select>
        <input
          type="range"
          min="0"
          max="0.99"
          step="0.01"
          disabled={props.panel.smoothing.kind === 'none'}
          value={smoothingAmount(props.panel.smoothing)}
          onChange={(e) => set({ smoothing: smoothingOf(props.panel.smoothing.kind, Number(e.currentTarget.value)) })}
        />
      </label>
      <div class="editor-row">
        <label>
          <input type="checkbox" checked={props.panel.logX} onChange={(e) => set({ logX: e.currentTarget.checked })} /> log x
        </label>
        <label>
          <input type="checkbox" checked={props.panel.logY} onChange={(e) => set({ logY: e.currentTarget.checked })} /> log y
        </label>
        <label>
          <input type="checkbox" checked={props.panel.band} onChange={(e) => set({ band: e.currentTarget.checked })} /> min/max band
        </label>
      </div>
      <div class="editor-row">
        <label>
          y min <input class="short" value={props.panel.yMin ?? ''} onChange={(e) => set({ yMin: optionalNumber(e.currentTarget.value) })} />
        </label>
        <label>
          y max <input class="short" value={props.panel.yMax ?? ''} onChange={(e) => set({ yMax: optionalNumber(e.currentTarget.value) })} />
        </label>
        <label>
          groups as{' '}
          <select value={props.panel.groupBand} onChange={(e) => set({ groupBand: e.currentTarget.value as GroupBand })}>
            <option value="minmax">mean, min–max band</option>
            <option value="std">mean, ±1 std band</option>
            <option value="none">mean only</option>
          </select>
        </label>
      </div>
    </div>
  );
}

/** Line plots: the workspace's default panel. */
export const linePanelKind: PanelKind<LinePanel> = {
  type: 'line',
  label: 'Line plot',
  description: 'Metrics over steps or time for every visible run, smoothed or grouped',
  create: (id, ctx) => defaultLinePanel(id, ctx.metrics().filter((m) => !m.startsWith('_')).slice(0, 1)),
  title: (panel) => panel.title ?? (panel.metricRegex ? `/${panel.metricRegex}/` : panel.metrics.join(', ') || 'Line plot'),
  View: LineView,
  Editor: LineEditor,
};
