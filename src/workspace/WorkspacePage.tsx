import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { stepMetricsOfRuns } from '../model/runs/stepMetrics';
import { ExportDialog } from '../ui/ExportDialog';
import { EXPORT_FORMATS, exportWriter } from '../exchange/runExports';
import { randomId } from '../lib/ids';
import { discoverColumns, type RunColumn } from '../model/runTable/runColumns';
import { paletteColor, runColors } from '../model/runs/runColors';
import type { RunRecord } from '../model/runs/runTypes';
import { sameRuns, sameRunSettings, workspaceRuns, type RunSettings } from '../model/workspace/workspaceRuns';
import { emptyWorkspace, MAX_DEFAULT_PANELS, toggledSort, type PanelType, type WorkspaceState } from '../model/workspace/workspaceState';
import type { LabbookStore } from '../store/labbookStore';
import { busyUntil } from '../ui/busyUntil';
import { createLiveResource } from '../ui/liveResource';
import { isChartableMetric } from '../model/runs/systemMetrics';
import { AddPanelDialog } from './AddPanelDialog';
import { BrushChips } from './BrushChips';
import { withoutBrush } from '../model/workspace/brush';
import { ColumnPicker } from './ColumnPicker';
import type { PanelContext } from './panelRegistry';
import { PANEL_KINDS } from './panels';
import { PanelSectionView } from './PanelSectionView';
import { createProjectRuns } from './projectRuns';
import { RunSelector } from './RunSelector';
import { RunsTable } from './RunsTable';
import { createWorkspaceSettings } from './workspaceSettings';
import { DeleteRunsDialog } from '../ui/DeletionDialogs';

/** Props of WorkspacePage. */
export interface WorkspacePageProps {
  store: LabbookStore;
  project: string;
}

/** While runs log, the workspace looks for metrics it has not seen at most this often. */
const METRICS_REFRESH_MS = 1000;

const GROUPABLE_FIELDS: RunColumn[] = [
  { kind: 'field', key: 'group' },
  { kind: 'field', key: 'state' },
];

/**
 * A project's workspace, as in W&B: the run selector (eye toggles, search, filters, grouping, sort, top N) beside
 * sections of panels that all draw the same visible runs, or the runs as a table. Everything the user sets is saved
 * per project and restored on the next visit.
 */
export function WorkspacePage(props: WorkspacePageProps) {
  const { state, dispatch } = createWorkspaceSettings(props.store, props.project);
  const runs = createProjectRuns(props.store, props.project);
  const allRuns = createMemo(() => runs.value() ?? []);
  const metrics = createLiveResource<string[] | undefined>({
    // Not before the runs are read: that read of every series key would compete with theirs and answer nothing.
    fetch: async () => (runs.value() ? props.store.listMetricsOfRuns(allRuns().map((r) => r.id)) : undefined),
    subscribe: (onChange) =>
      props.store.feed.subscribe((n) => {
        if (n.type === 'history' && n.metrics.some((m) => !(metrics.value() ?? []).includes(m))) onChange();
      }),
    minIntervalMs: METRICS_REFRESH_MS,
  });
  // A new or deleted run may change which metrics the project has; a live run's record changing does not.
  const runIds = createMemo(() => allRuns().map((run) => run.id).join('\n'));
  createEffect(on(runIds, () => metrics.refresh()));
  // Until its settings and runs are in (its panels, shown then, hold for themselves), the page holds back the kernel.
  busyUntil(() => state() && runs.value());
  // What runs defined their metrics to be plotted against (define_metric's step_metric): a change is rare.
  const stepMetrics = createMemo(() => stepMetricsOfRuns(allRuns(), metrics.value() ?? []), new Map(), { equals: (a, b) => JSON.stringify([...a]) === JSON.stringify([...b]) });
  // First open, and later a metric no panel has seen: one line panel per metric, in sections by prefix.
  createEffect(() => {
    const logged = metrics.value();
    if (state() && logged && logged.length > 0) dispatch({ type: 'addDefaultPanels', metrics: logged, stepMetrics: stepMetrics(), newId: () => randomId(10) });
  });

  const columns = createMemo(() => discoverColumns(allRuns()));
  // Runs are derived once per change of the runs or of a setting that decides them: a panel edit or resize derives
  // nothing, a brush derives once for the selector and every panel.
  const runSettings = createMemo((): RunSettings => state() ?? emptyState, undefined, { equals: sameRunSettings });
  const view = createMemo(() => workspaceRuns(allRuns(), runSettings()));
  const unbrushed = createMemo(() => view().unbrushed, [], { equals: sameRuns });
  const hidden = () => view().hidden;
  // Runs in creation order over all the project's runs (see runColors); a group's runs take its colour instead.
  const colors = createMemo(() => {
    const map = runColors(allRuns());
    for (const group of view().groups ?? []) for (const run of group.runs) map.set(run.id, group.color);
    return map;
  });
  const runHref = (run: RunRecord) => `#/p/${encodeURIComponent(props.project)}/r/${encodeURIComponent(run.id)}`;
  const ctx: PanelContext = {
    store: props.store,
    project: props.project,
    allRuns,
    runs: view,
    unbrushedRuns: unbrushed,
    columns,
    metrics: () => metrics.value() ?? [],
    state: () => state() ?? emptyState,
    dispatch,
    colorOf: (run) => colors().get(run.id) ?? paletteColor(0),
    openRun: (run) => (location.hash = runHref(run)),
  };

  // Sections are listed by id: an edit to one panel makes new section objects, which must not rebuild every panel.
  const sectionIds = createMemo(() => state()?.sections.map((section) => section.id) ?? [], [], { equals: (a, b) => a.join('\n') === b.join('\n') });
  const [adding, setAdding] = createSignal(false);
  // Runs the delete confirmation asks about (one from the selector, or every listed one from the table).
  const [deleting, setDeleting] = createSignal<string[] | null>(null);
  // What the export dialog exports: runs from the selector or the table, or (no runIds) the whole project.
  const [exporting, setExporting] = createSignal<{ runIds?: string[]; subject: string } | null>(null);
  const [justAdded, setJustAdded] = createSignal<string | null>(null);
  const [dragging, setDragging] = createSignal<string | null>(null);
  const addPanel = (type: PanelType, section: { id: string } | { name: string }) => {
    const kind = PANEL_KINDS[type];
    if (!kind) return;
    let sectionId = 'id' in section ? section.id : null;
    if (sectionId === null) {
      sectionId = randomId(10);
      dispatch({ type: 'addSection', section: { id: sectionId, name: 'name' in section ? section.name : 'charts', collapsed: false, panels: [] } });
    }
    const panel = kind.create(randomId(10), ctx);
    dispatch({ type: 'addPanel', sectionId, panel, size: type === 'comparer' || type === 'parallel' || type === 'table' || type === 'media' ? 'large' : 'medium' });
    setJustAdded(panel.id);
    setAdding(false);
  };

  return (
    <section class="page workspace" data-testid="workspace">
      <header class="page-header">
        <h1>
          <a href="#/">Projects</a> / {props.project}
        </h1>
        <div class="actions">
          <div class="segmented" role="group" aria-label="View">
            <button data-testid="view-panels" aria-pressed={state()?.view !== 'table'} onClick={() => dispatch({ type: 'setView', view: 'panels' })}>
              Panels
            </button>
            <button data-testid="view-table" aria-pressed={state()?.view === 'table'} onClick={() => dispatch({ type: 'setView', view: 'table' })}>
              Table
            </button>
          </div>
          <button data-testid="export-project" title="Export the project: its runs, saved workspace and notebooks" onClick={() => setExporting({ subject: `project ${props.project}` })}>
            Export project…
          </button>
          <button class="primary" data-testid="add-panel" onClick={() => setAdding(true)}>
            + Add panel
          </button>
        </div>
      </header>
      {/* Panels wait for the runs too: built over no runs, each would read and draw twice. */}
      <Show when={runs.value() ? state() : undefined} fallback={<p class="empty">{runs.error() ? `Cannot read the runs: ${runs.error()}` : 'Loading workspace…'}</p>}>
        {(s) => (
          <>
            <Toolbar state={s()} columns={columns()} dispatch={dispatch} filterError={view().filterError?.message ?? null} filterHints={view().filterHints} searchError={view().searchError} />
            <div class="workspace-body" classList={{ 'workspace-table': s().view === 'table' }}>
              <Show
                when={s().view === 'panels'}
                fallback={
                  <RunsTable
                    project={props.project}
                    runs={view().listed}
                    columns={columns()}
                    hidden={hidden()}
                    sort={s().sort}
                    onSort={(c) => dispatch({ type: 'setSort', sort: toggledSort(s().sort, c) })}
                    columnOrder={s().tableOrder}
                    hiddenColumns={s().tableHidden}
                    onColumnsChange={(order, hiddenColumns) => dispatch({ type: 'setTableColumns', order, hidden: hiddenColumns })}
                    onDeleteListed={() => setDeleting(view().listed.map((r) => r.id))}
                    onExport={(listed) => setExporting({ runIds: listed.map((r) => r.id), subject: runsSubject(listed.length) })}
                  />
                }
              >
                <RunSelector
                  runs={view().listed}
                  total={allRuns().length}
                  hidden={hidden()}
                  colorOf={ctx.colorOf}
                  columns={s().selectorColumns}
                  sort={s().sort}
                  onToggle={(runId) => dispatch({ type: 'toggleRun', runId })}
                  onHideAll={(hide) => {
                    const listed = new Set(view().listed.map((r) => r.id));
                    const others = s().hiddenRuns.filter((id) => !listed.has(id));
                    dispatch({ type: 'setHiddenRuns', runIds: hide ? [...others, ...listed] : others });
                  }}
                  onSort={(column) => dispatch({ type: 'setSort', sort: toggledSort(s().sort, column) })}
                  runHref={runHref}
                  onDelete={(run) => setDeleting([run.id])}
                  onExport={(visible) => setExporting({ runIds: visible.map((r) => r.id), subject: runsSubject(visible.length) })}
                />
                <div class="workspace-panels">
                  <Show when={unpanelled(s(), metrics.value() ?? []) > 0}>
                    <p class="muted panel-note" data-testid="unpanelled-note">
                      {unpanelled(s(), metrics.value() ?? [])} more metrics have no panel of their own (a workspace starts with at most {MAX_DEFAULT_PANELS}): add a line
                      plot with a metric regex to chart them.
                    </p>
                  </Show>
                  <Show when={s().sections.length > 0} fallback={<p class="empty">{allRuns().length === 0 ? 'No runs in this project yet.' : 'No metrics logged yet: panels appear as runs log.'}</p>}>
                    <For each={sectionIds()}>
                      {(sectionId) => (
                        <Show when={s().sections.find((section) => section.id === sectionId)}>
                          {(section) => <PanelSectionView section={section()} ctx={ctx} dragging={dragging} setDragging={setDragging} justAdded={justAdded()} />}
                        </Show>
                      )}
                    </For>
                  </Show>
                </div>
              </Show>
            </div>
            <Show when={exporting()} keyed>
              {(what) => (
                <ExportDialog
                  subject={what.subject}
                  formats={EXPORT_FORMATS}
                  write={exportWriter(props.store, what.runIds ? { runIds: what.runIds } : { projects: [props.project] }, what.runIds ? `${props.project}-runs` : props.project)}
                  onClose={() => setExporting(null)}
                />
              )}
            </Show>
            <Show when={adding()}>
              <AddPanelDialog sections={s().sections} onAdd={addPanel} onClose={() => setAdding(false)} />
            </Show>
            <Show when={deleting()} keyed>
              {(runIds) => <DeleteRunsDialog preview={() => props.store.previewRunDeletion(runIds)} remove={(ids) => props.store.deleteRuns(ids)} onClose={() => setDeleting(null)} />}
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}

/** Metrics past the default-panel cap that got no panel (only when the cap was reached). */
function unpanelled(state: WorkspaceState, metrics: readonly string[]): number {
  const panels = state.sections.flatMap((s) => s.panels);
  if (panels.length < MAX_DEFAULT_PANELS) return 0;
  const charted = new Set(panels.flatMap((p) => (p.panel.type === 'line' ? p.panel.metrics : [])));
  return metrics.filter((m) => isChartableMetric(m) && !charted.has(m)).length;
}

/** What panels see before the saved workspace has loaded. */
const emptyState: WorkspaceState = emptyWorkspace();

/** Props of Toolbar. */
interface ToolbarProps {
  state: WorkspaceState;
  columns: readonly RunColumn[];
  dispatch: PanelContext['dispatch'];
  filterError: string | null;
  filterHints: string[];
  searchError: string | null;
}

/** Search, filter, group-by, top N and the selector's columns. */
function Toolbar(props: ToolbarProps) {
  const summaryColumns = () => props.columns.filter((c) => c.kind === 'summary');
  return (
    <div class="workspace-toolbar">
      <label class="toolbar-field">
        <input
          type="search"
          data-testid="run-search"
          placeholder="Search names (text or /regex/)"
          value={props.state.search}
          onInput={(e) => props.dispatch({ type: 'setSearch', search: e.currentTarget.value })}
        />
      </label>
      <label class="toolbar-field grow">
        <input
          data-testid="run-filter"
          placeholder='Filter: lr < 0.01 and state = finished, tags has baseline, optimizer = "adam"'
          value={props.state.filter}
          onChange={(e) => props.dispatch({ type: 'setFilter', filter: e.currentTarget.value })}
        />
      </label>
      <BrushChips
        brushes={props.state.brushes}
        onRemove={(column) => props.dispatch({ type: 'setBrushes', brushes: withoutBrush(props.state.brushes, column) })}
        onClear={() => props.dispatch({ type: 'setBrushes', brushes: [] })}
      />
      <Show when={props.filterError ?? props.searchError}>
        <span class="field-error" role="alert" data-testid="filter-error">
          {props.filterError ? `filter: ${props.filterError}` : `search: ${props.searchError}`}
        </span>
      </Show>
      <Show when={props.filterHints.length > 0}>
        <span class="field-note" role="status" data-testid="filter-hint">
          filter: {props.filterHints.join('; ')}
        </span>
      </Show>
      <ColumnPicker
        label="Group by"
        testId="group-by"
        chosen={props.state.groupBy}
        available={[...GROUPABLE_FIELDS, ...props.columns.filter((c) => c.kind === 'config')]}
        onChange={(columns) => props.dispatch({ type: 'setGroupBy', columns })}
      />
      {/* The table has its own column menu; this one is for the selector beside the panels. */}
      <Show when={props.state.view === 'panels'}>
        <ColumnPicker
          label="Columns"
          testId="selector-columns"
          chosen={props.state.selectorColumns}
          available={props.columns}
          onChange={(columns) => props.dispatch({ type: 'setSelectorColumns', columns })}
        />
      </Show>
      <span class="top-n">
        <span class="muted">Top</span>
        <input
          class="short"
          type="number"
          min="1"
          data-testid="top-n"
          value={props.state.topN?.n ?? ''}
          placeholder="all"
          onChange={(e) => {
            const n = Number(e.currentTarget.value);
            const metric = props.state.topN?.metric ?? summaryColumns()[0]?.key;
            props.dispatch({ type: 'setTopN', topN: n > 0 && metric ? { metric, n, goal: props.state.topN?.goal ?? 'auto' } : null });
          }}
        />
        <Show when={props.state.topN}>
          {(topN) => (
            <select value={topN().metric} aria-label="Top N by" onChange={(e) => props.dispatch({ type: 'setTopN', topN: { ...topN(), metric: e.currentTarget.value } })}>
              <For each={summaryColumns()}>{(c) => <option value={c.key}>by {c.key}</option>}</For>
            </select>
          )}
        </Show>
      </span>
    </div>
  );
}

/** "3 runs", "1 run": what an export of listed runs names in its title. */
function runsSubject(count: number): string {
  return count === 1 ? '1 run' : `${count} runs`;
}
