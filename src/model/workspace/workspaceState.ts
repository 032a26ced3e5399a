import { assertNever } from '../../lib/assertNever';
import type { Brush } from './brush';
import type { MetricGoal } from '../runs/metricGoal';
import type { RunColumn } from '../runTable/runColumns';
import type { RunSort } from '../runTable/runSorting';
import type { Smoothing } from '../history/smoothing';
import { isChartableMetric } from '../runs/systemMetrics';

/** What a line plot's x-axis is. */
export type XAxis = { kind: 'step' } | { kind: 'relativeTime' } | { kind: 'wallTime' } | { kind: 'metric'; metric: string };

/** How grouped runs are drawn as one line: mean with a min–max band, a ±1 std band, or no band. */
export type GroupBand = 'minmax' | 'std' | 'none';

/** A line plot of one or more metrics (or every metric matching `metricRegex`) of the visible runs. */
export interface LinePanel {
  id: string;
  type: 'line';
  title: string | null;
  metrics: string[];
  metricRegex: string | null;
  x: XAxis;
  smoothing: Smoothing;
  logX: boolean;
  logY: boolean;
  yMin: number | null;
  yMax: number | null;
  /** The faint min–max band of each run's buckets, which keeps spikes visible. */
  band: boolean;
  groupBand: GroupBand;
}

/** Top runs by a summary metric, as bars ("top scores"). */
export interface BarPanel {
  id: string;
  type: 'bar';
  metric: string;
  goal: MetricGoal | 'auto';
  topN: number;
}

/** Runs as points: two config/summary values, coloured by a third. */
export interface ScatterPanel {
  id: string;
  type: 'scatter';
  x: RunColumn | null;
  y: RunColumn | null;
  color: RunColumn | null;
}

/** Parallel coordinates over chosen columns, lines coloured by the last axis (usually a metric). */
export interface ParallelPanel {
  id: string;
  type: 'parallel';
  axes: RunColumn[];
}

/** Config and summary of the visible runs side by side. */
export interface ComparerPanel {
  id: string;
  type: 'comparer';
  diffOnly: boolean;
}

/** Correlation and forest importance of each config key for a metric. */
export interface ImportancePanel {
  id: string;
  type: 'importance';
  metric: string | null;
}

/** A table key logged by the visible runs: merged into one table with a `run` column, or side by side. */
export interface TablePanel {
  id: string;
  type: 'table';
  key: string;
  /**
   * Merged (the default, absent in panels saved before layouts), joined on a key column (`joinKey`, else the first
   * column every run's table has), or side by side: a grid per run sharing one filter, sort and grouping.
   */
  layout?: 'merged' | 'joined' | 'side';
  joinKey?: string;
}

/** Images a key logged per step (`run.log({ samples: [img, …] })`), the visible runs side by side, with a step slider. */
export interface MediaPanel {
  id: string;
  type: 'media';
  key: string;
}

/** Any panel; each kind has a spec (here), a default and a view in the workspace's panel registry. */
export type Panel = LinePanel | BarPanel | ScatterPanel | ParallelPanel | ComparerPanel | ImportancePanel | TablePanel | MediaPanel;

/** The kinds of panel. */
export type PanelType = Panel['type'];

/** How wide a panel is in the section's grid. */
export type PanelSize = 'small' | 'medium' | 'large';

/** A panel with its place. */
export interface PlacedPanel {
  panel: Panel;
  size: PanelSize;
}

/** A named, collapsible group of panels, as W&B's "train", "val", "system" sections. */
export interface PanelSection {
  id: string;
  name: string;
  collapsed: boolean;
  panels: PlacedPanel[];
}

/** Keep only the best N runs by a summary metric. */
export interface TopN {
  metric: string;
  n: number;
  goal: MetricGoal | 'auto';
}

/** Everything about a project's workspace that survives a reload. */
export interface WorkspaceState {
  version: 1;
  sections: PanelSection[];
  /** Runs hidden with their eye toggle (by id): they stay in the selector, dimmed, and leave every panel. */
  hiddenRuns: string[];
  /** Name search: plain text, or /regex/flags. */
  search: string;
  /** Filter expression (`lr < 0.01 and state = finished`). */
  filter: string;
  groupBy: RunColumn[];
  sort: RunSort[];
  topN: TopN | null;
  brushes: Brush[];
  /** Extra columns shown in the selector beside name and state. */
  selectorColumns: RunColumn[];
  view: 'panels' | 'table';
  /** The runs table's column order; columns not listed come after, in discovery order. */
  tableOrder: string[];
  tableHidden: string[];
  /** Metrics for which default line panels were made, so new metrics get panels and removed panels stay removed. */
  seenMetrics: string[];
  /**
   * Metrics whose default panel was moved onto the step metric a run defined for them (define_metric), so that happens
   * once: a user who sets such a panel back to the step keeps it there.
   */
  steppedMetrics: string[];
}

/** Changes a user makes to a workspace; applied by workspaceReducer. */
export type WorkspaceEdit =
  | { type: 'toggleRun'; runId: string }
  | { type: 'setHiddenRuns'; runIds: string[] }
  | { type: 'setSearch'; search: string }
  | { type: 'setFilter'; filter: string }
  | { type: 'setGroupBy'; columns: RunColumn[] }
  | { type: 'setSort'; sort: RunSort[] }
  | { type: 'setTopN'; topN: TopN | null }
  | { type: 'setBrushes'; brushes: Brush[] }
  | { type: 'setSelectorColumns'; columns: RunColumn[] }
  | { type: 'setView'; view: WorkspaceState['view'] }
  | { type: 'setTableColumns'; order: string[]; hidden: string[] }
  | { type: 'addPanel'; sectionId: string; panel: Panel; size?: PanelSize }
  | { type: 'updatePanel'; panel: Panel }
  | { type: 'removePanel'; panelId: string }
  | { type: 'resizePanel'; panelId: string; size: PanelSize }
  | { type: 'movePanel'; panelId: string; sectionId: string; index: number }
  | { type: 'addSection'; section: PanelSection }
  | { type: 'renameSection'; sectionId: string; name: string }
  | { type: 'toggleSection'; sectionId: string }
  /** `stepMetrics`: the metric each logged metric is plotted against, where a run defined one (stepMetricsOfRuns). */
  | { type: 'addDefaultPanels'; metrics: string[]; stepMetrics: ReadonlyMap<string, string>; newId: () => string };

/** An empty workspace: everything visible, no panels until metrics are seen. */
export function emptyWorkspace(): WorkspaceState {
  return {
    version: 1,
    sections: [],
    hiddenRuns: [],
    search: '',
    filter: '',
    groupBy: [],
    sort: [],
    topN: null,
    brushes: [],
    selectorColumns: [],
    view: 'panels',
    tableOrder: [],
    tableHidden: [],
    seenMetrics: [],
    steppedMetrics: [],
  };
}

/**
 * A line panel of metrics against the step (or against `stepMetric`, a metric their run defined as theirs), with W&B's
 * default smoothing off and the min–max band on. System metrics, sampled on a clock, go against time.
 */
export function defaultLinePanel(id: string, metrics: string[], stepMetric: string | null = null): LinePanel {
  return {
    id,
    type: 'line',
    title: null,
    metrics,
    metricRegex: null,
    x: metrics.some((m) => m.startsWith('system/')) ? { kind: 'relativeTime' } : stepMetric !== null ? { kind: 'metric', metric: stepMetric } : { kind: 'step' },
    smoothing: { kind: 'none' },
    logX: false,
    logY: false,
    yMin: null,
    yMax: null,
    band: true,
    groupBand: 'minmax',
  };
}

/** The section a metric's default panel goes to: its prefix (`train/loss` → train), or "charts" without one. */
function sectionNameOf(metric: string): string {
  const slash = metric.indexOf('/');
  return slash > 0 ? metric.slice(0, slash) : 'charts';
}

/** Applies one edit (pure). */
export function workspaceReducer(state: WorkspaceState, edit: WorkspaceEdit): WorkspaceState {
  switch (edit.type) {
    case 'toggleRun': {
      const hidden = state.hiddenRuns.includes(edit.runId) ? state.hiddenRuns.filter((id) => id !== edit.runId) : [...state.hiddenRuns, edit.runId];
      return { ...state, hiddenRuns: hidden };
    }
    case 'setHiddenRuns':
      return { ...state, hiddenRuns: [...new Set(edit.runIds)] };
    case 'setSearch':
      return { ...state, search: edit.search };
    case 'setFilter':
      return { ...state, filter: edit.filter };
    case 'setGroupBy':
      return { ...state, groupBy: edit.columns };
    case 'setSort':
      return { ...state, sort: edit.sort };
    case 'setTopN':
      return { ...state, topN: edit.topN };
    case 'setBrushes':
      return { ...state, brushes: edit.brushes };
    case 'setSelectorColumns':
      return { ...state, selectorColumns: edit.columns };
    case 'setView':
      return { ...state, view: edit.view };
    case 'setTableColumns':
      return { ...state, tableOrder: edit.order, tableHidden: edit.hidden };
    case 'addPanel':
      return mapSections(state, (s) => (s.id === edit.sectionId ? { ...s, collapsed: false, panels: [...s.panels, { panel: edit.panel, size: edit.size ?? 'medium' }] } : s));
    case 'updatePanel':
      return mapPanels(state, (p) => (p.panel.id === edit.panel.id ? { ...p, panel: edit.panel } : p));
    case 'removePanel':
      return mapSections(state, (s) => ({ ...s, panels: s.panels.filter((p) => p.panel.id !== edit.panelId) }));
    case 'resizePanel':
      return mapPanels(state, (p) => (p.panel.id === edit.panelId ? { ...p, size: edit.size } : p));
    case 'movePanel':
      return movePanel(state, edit);
    case 'addSection':
      return { ...state, sections: [...state.sections, edit.section] };
    case 'renameSection':
      return mapSections(state, (s) => (s.id === edit.sectionId ? { ...s, name: edit.name.trim() || s.name } : s));
    case 'toggleSection':
      return mapSections(state, (s) => (s.id === edit.sectionId ? { ...s, collapsed: !s.collapsed } : s));
    case 'addDefaultPanels':
      return applyStepMetrics(addDefaultPanels(state, edit.metrics, edit.stepMetrics, edit.newId), edit.stepMetrics);
    default:
      return assertNever(edit);
  }
}

function mapSections(state: WorkspaceState, f: (section: PanelSection) => PanelSection): WorkspaceState {
  return { ...state, sections: state.sections.map(f) };
}

function mapPanels(state: WorkspaceState, f: (placed: PlacedPanel) => PlacedPanel): WorkspaceState {
  return mapSections(state, (s) => ({ ...s, panels: s.panels.map(f) }));
}

function movePanel(state: WorkspaceState, edit: { panelId: string; sectionId: string; index: number }): WorkspaceState {
  const moving = state.sections.flatMap((s) => s.panels).find((p) => p.panel.id === edit.panelId);
  if (!moving || !state.sections.some((s) => s.id === edit.sectionId)) return state;
  const without = state.sections.map((s) => ({ ...s, panels: s.panels.filter((p) => p.panel.id !== edit.panelId) }));
  return {
    ...state,
    sections: without.map((s) => {
      if (s.id !== edit.sectionId) return s;
      const index = Math.max(0, Math.min(s.panels.length, edit.index));
      return { ...s, panels: [...s.panels.slice(0, index), moving, ...s.panels.slice(index)] };
    }),
  };
}

/** A project logging thousands of metrics gets default panels for this many; the rest are a regex panel away. */
export const MAX_DEFAULT_PANELS = 200;

/**
 * Gives every metric not seen before a line panel in the section of its prefix, as W&B does on first open and when a
 * run logs something new. Metrics seen before get nothing, so a panel the user removed does not come back.
 * Counters (`…/step`, `…/epoch`) and internal metrics (`_…`) get no panel, and past MAX_DEFAULT_PANELS panels in the
 * workspace new metrics get none either.
 */
function addDefaultPanels(state: WorkspaceState, metrics: readonly string[], stepMetrics: ReadonlyMap<string, string>, newId: () => string): WorkspaceState {
  const seen = new Set(state.seenMetrics);
  const fresh = metrics.filter((m) => !seen.has(m));
  if (fresh.length === 0) return state;
  let sections = state.sections;
  let panels = sections.reduce((n, s) => n + s.panels.length, 0);
  for (const metric of [...fresh].sort()) {
    if (!isChartableMetric(metric)) continue;
    if (panels++ >= MAX_DEFAULT_PANELS) break;
    const name = sectionNameOf(metric);
    let section = sections.find((s) => s.name === name);
    if (!section) {
      section = { id: newId(), name, collapsed: false, panels: [] };
      sections = [...sections, section];
    }
    const target = section.id;
    const placed: PlacedPanel = { panel: defaultLinePanel(newId(), [metric], stepMetrics.get(metric) ?? null), size: 'medium' };
    sections = sections.map((s) => (s.id === target ? { ...s, panels: [...s.panels, placed] } : s));
  }
  // The system section comes last, as in W&B: it is what people look at least.
  sections = [...sections.filter((s) => s.name !== 'system'), ...sections.filter((s) => s.name === 'system')];
  return { ...state, sections, seenMetrics: [...state.seenMetrics, ...fresh], steppedMetrics: [...state.steppedMetrics, ...fresh.filter((m) => stepMetrics.has(m))] };
}

/**
 * Moves the default panel of each metric onto its step metric once a run defines one: a run's definitions may be read
 * after the metric it logs (the workspace reads records and metrics apart). Only a panel still as made by default is
 * moved, and each metric only once.
 */
function applyStepMetrics(state: WorkspaceState, stepMetrics: ReadonlyMap<string, string>): WorkspaceState {
  const done = new Set(state.steppedMetrics);
  const due = [...stepMetrics.keys()].filter((m) => !done.has(m) && state.seenMetrics.includes(m));
  if (due.length === 0) return state;
  const moved = mapPanels(state, ({ panel, size }) => {
    if (panel.type !== 'line' || panel.metrics.length !== 1 || !due.includes(panel.metrics[0]!)) return { panel, size };
    const metric = panel.metrics[0]!;
    const untouched = JSON.stringify(panel) === JSON.stringify(defaultLinePanel(panel.id, [metric]));
    return { panel: untouched ? defaultLinePanel(panel.id, [metric], stepMetrics.get(metric)!) : panel, size };
  });
  return { ...moved, steppedMetrics: [...state.steppedMetrics, ...due] };
}

/**
 * A stored workspace read back: anything that is not a version-1 workspace (an older format, a damaged setting)
 * gives an empty one rather than breaking the page.
 */
export function reviveWorkspace(stored: unknown): WorkspaceState {
  if (!stored || typeof stored !== 'object' || (stored as { version?: unknown }).version !== 1) return emptyWorkspace();
  return { ...emptyWorkspace(), ...(stored as Partial<WorkspaceState>) };
}

/** The sort after clicking a column's header: that column ascending, or the other direction when it already leads. */
export function toggledSort(sort: readonly RunSort[], column: RunColumn): RunSort[] {
  const first = sort[0];
  const same = first && first.column.kind === column.kind && first.column.key === column.key;
  return [{ column, direction: same && first.direction === 'asc' ? 'desc' : 'asc' }];
}
