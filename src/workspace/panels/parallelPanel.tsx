import { createMemo, For, Show } from 'solid-js';
import { ParallelCoordinates } from '../../charts/ParallelCoordinates';
import type { ParallelRun } from '../../charts/parallelGeometry';
import { buildAxis, moveAxis, type Brush } from '../../model/workspace/brush';
import { columnFromKey, columnKey, columnLabel } from '../../model/runTable/columnNames';
import { defaultParallelAxes } from '../../model/workspace/parallelAxes';
import { cellValue, type RunColumn } from '../../model/runTable/runColumns';
import { sameRecords } from '../../model/workspace/workspaceRuns';
import type { ParallelPanel } from '../../model/workspace/workspaceState';
import type { PanelContext, PanelKind } from '../panelRegistry';

const sameColumn = (a: RunColumn, b: RunColumn) => columnKey(a) === columnKey(b);

/**
 * The chart gets the runs that pass everything except this panel's own brushes: runs its brushes leave out are drawn
 * faint, and a brush can be widened again to take them back. Brushes on other columns (another parallel-coordinates
 * panel's) still filter, as every other workspace setting does.
 */
function ParallelView(props: { panel: ParallelPanel; ctx: PanelContext }) {
  const ownBrush = (brush: Brush) => props.panel.axes.some((c) => sameColumn(c, brush.column));
  const brushes = createMemo(() => props.ctx.state().brushes);
  // A gesture on this panel's own axes changes only brushes it leaves out: the same records come back, and the axes
  // and lines are not built again.
  const base = createMemo(
    () => {
      const view = props.ctx.runs();
      return view.listedUnder(brushes().filter((b) => !ownBrush(b))).filter((run) => !view.hidden.has(run.id));
    },
    [],
    { equals: sameRecords },
  );
  const axes = createMemo(() => props.panel.axes.map((column) => buildAxis(base(), { column })));
  const runs = createMemo((): ParallelRun[] =>
    base().map((run) => ({ id: run.id, name: run.name, values: props.panel.axes.map((column) => cellValue(run, column)) })),
  );
  const open = (runId: string) => {
    const run = base().find((r) => r.id === runId);
    if (run) props.ctx.openRun(run);
  };
  return (
    <div class="parallel-panel">
      <Show when={axes().length > 0} fallback={<p class="muted panel-note">No axes yet: choose config keys and a metric in this panel's settings (⚙).</p>}>
        <Show when={runs().length > 0} fallback={<p class="muted panel-note">No runs to show: the search, filter or eye toggles leave none.</p>}>
          <ParallelCoordinates
            axes={axes()}
            runs={runs()}
            brushes={props.ctx.state().brushes}
            onBrushes={(brushes) => props.ctx.dispatch({ type: 'setBrushes', brushes })}
            onAxesOrder={(columns) => props.ctx.dispatch({ type: 'updatePanel', panel: { ...props.panel, axes: columns } })}
            onOpen={open}
          />
        </Show>
      </Show>
    </div>
  );
}

function ParallelEditor(props: { panel: ParallelPanel; ctx: PanelContext; onChange: (panel: ParallelPanel) => void }) {
  const set = (axes: RunColumn[]) => props.onChange({ ...props.panel, axes });
  const move = (from: number, to: number) => set(moveAxis(props.panel.axes, { from, to }));
  const unused = (kind: RunColumn['kind']) => props.ctx.columns().filter((c) => c.kind === kind && !props.panel.axes.some((a) => sameColumn(a, c)));
  return (
    <div class="panel-editor">
      <fieldset>
        <legend>axes, left to right (the last one colours the lines)</legend>
        <ol class="pc-editor-axes" data-testid="pc-editor-axes">
          <For each={props.panel.axes}>
            {(column, i) => (
              <li data-axis={columnKey(column)}>
                <span class="pc-editor-axis-name">{columnLabel(column)}</span> <span class="muted">{column.kind}</span>
                <span class="pc-editor-axis-tools">
                  <button class="icon" title="Move left" disabled={i() === 0} onClick={() => move(i(), i() - 1)}>
                    ←
                  </button>
                  <button class="icon" title="Move right" disabled={i() === props.panel.axes.length - 1} onClick={() => move(i(), i() + 1)}>
                    →
                  </button>
                  <button class="icon" title="Remove axis" onClick={() => set(props.panel.axes.filter((_, k) => k !== i()))}>
                    ✕
                  </button>
                </span>
              </li>
            )}
          </For>
        </ol>
        <div class="editor-row">
          <label>
            add axis{' '}
            <select
              data-testid="pc-add-axis"
              value=""
              onChange={(e) => {
                const key = e.currentTarget.value;
                e.currentTarget.value = '';
                if (key) set([...props.panel.axes, columnFromKey(key)]);
              }}
            >
              <option value="">choose…</option>
              <optgroup label="config">
                <For each={unused('config')}>{(c) => <option value={columnKey(c)}>{c.key}</option>}</For>
              </optgroup>
              <optgroup label="summary metrics">
                <For each={unused('summary')}>{(c) => <option value={columnKey(c)}>{c.key}</option>}</For>
              </optgroup>
            </select>
          </label>
          <button onClick={() => set(defaultParallelAxes(props.ctx.allRuns(), props.ctx.columns()))}>default axes</button>
        </div>
      </fieldset>
    </div>
  );
}

/** Parallel coordinates whose brushes filter the whole workspace. */
export const parallelPanelKind: PanelKind<ParallelPanel> = {
  type: 'parallel',
  label: 'Parallel coordinates',
  description: 'Config keys and a metric as axes; drag on an axis to filter the workspace',
  create: (id, ctx) => ({ id, type: 'parallel', axes: defaultParallelAxes(ctx.allRuns(), ctx.columns()) }),
  title: () => 'Parallel coordinates',
  View: ParallelView,
  Editor: ParallelEditor,
};
