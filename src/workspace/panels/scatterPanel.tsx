import { createMemo, For, Show } from 'solid-js';
import { columnColoring, type ColorLegend } from '../../charts/columnColors';
import { MISSING_COLOR } from '../../charts/parallelGeometry';
import { ScatterChart } from '../../charts/ScatterChart';
import { scatterLayout, type ScatterPoint } from '../../charts/scatterLayout';
import { columnLabel } from '../../model/runTable/columnNames';
import { cellValue, type RunColumn } from '../../model/runTable/runColumns';
import type { ScatterPanel } from '../../model/workspace/workspaceState';
import { ColumnSelect } from './ColumnSelect';
import { preferredMetric } from './panelDefaults';
import type { PanelContext, PanelKind } from '../panelRegistry';
import { valueText } from './valueText';
import './runPanels.css';

function ScatterView(props: { panel: ScatterPanel; ctx: PanelContext }) {
  const visible = () => props.ctx.runs().visible;
  const coloring = createMemo(() => (props.panel.color ? columnColoring(visible(), props.panel.color) : null));
  const layout = createMemo(() => {
    const { x, y } = props.panel;
    if (!x || !y) return null;
    return scatterLayout({ runs: visible(), x, y, colorOf: coloring()?.colorOf ?? props.ctx.colorOf });
  });
  const describe = (point: ScatterPoint) => ({
    title: point.run.name,
    lines: [props.panel.x, props.panel.y, props.panel.color].filter((c): c is RunColumn => c !== null).map((c) => `${columnLabel(c)}: ${valueText(cellValue(point.run, c))}`),
  });

  return (
    <div class="scatter-panel" data-testid="scatter-panel">
      <Show when={layout()} fallback={<p class="muted panel-note">Choose x and y in the settings (⚙).</p>}>
        {(l) => (
          <>
            <ScatterChart layout={l()} xLabel={columnLabel(props.panel.x!)} yLabel={columnLabel(props.panel.y!)} describe={describe} onPick={(point) => props.ctx.openRun(point.run)} />
            <Show when={coloring()}>{(c) => <Legend legend={c().legend} column={props.panel.color!} />}</Show>
            <For each={l().notes}>
              {(note) => (
                <p class="muted panel-caption" data-testid="scatter-note">
                  {note}
                </p>
              )}
            </For>
          </>
        )}
      </Show>
    </div>
  );
}

function Legend(props: { legend: ColorLegend; column: RunColumn }) {
  const missing = () => props.legend.missing && (
    <span class="legend-entry">
      <span class="swatch" style={{ background: MISSING_COLOR }} /> no value
    </span>
  );
  return (
    <div class="scatter-legend" data-testid="scatter-legend">
      <span class="muted">{columnLabel(props.column)}</span>
      {props.legend.kind === 'numeric' ? (
        <span class="legend-entry">
          {props.legend.low}
          <span class="legend-gradient" style={{ background: `linear-gradient(to right, ${props.legend.lowColor}, ${props.legend.highColor})` }} />
          {props.legend.high}
          {props.legend.log ? ' (log)' : ''}
        </span>
      ) : (
        <>
          <For each={props.legend.entries}>
            {(entry) => (
              <span class="legend-entry">
                <span class="swatch" style={{ background: entry.color }} /> {entry.label}
              </span>
            )}
          </For>
          {props.legend.more > 0 && <span class="muted">and {props.legend.more} more</span>}
        </>
      )}
      {missing()}
    </div>
  );
}

function ScatterEditor(props: { panel: ScatterPanel; ctx: PanelContext; onChange: (panel: ScatterPanel) => void }) {
  const set = (patch: Partial<ScatterPanel>) => props.onChange({ ...props.panel, ...patch });
  const columns = () => props.ctx.columns().filter((c) => c.kind !== 'field');
  return (
    <div class="panel-editor editor-row">
      <ColumnSelect label="x" testId="scatter-x" value={props.panel.x} columns={columns()} onChange={(x) => set({ x })} />
      <ColumnSelect label="y" testId="scatter-y" value={props.panel.y} columns={columns()} onChange={(y) => set({ y })} />
      <ColumnSelect label="colour" testId="scatter-color" value={props.panel.color} columns={columns()} noneLabel="run colour" onChange={(color) => set({ color })} />
    </div>
  );
}

/** Runs as points of any two config or summary values, coloured by a third; click one to open the run. */
export const scatterPanelKind: PanelKind<ScatterPanel> = {
  type: 'scatter',
  label: 'Scatter plot',
  description: 'Each run as a point of two config or summary values, coloured by a third',
  create: (id, ctx) => {
    const metric = preferredMetric(ctx.columns());
    return { id, type: 'scatter', x: ctx.columns().find((c) => c.kind === 'config') ?? null, y: metric === null ? null : { kind: 'summary', key: metric }, color: null };
  },
  title: (panel) => (panel.x && panel.y ? `${columnLabel(panel.y)} vs ${columnLabel(panel.x)}` : 'Scatter plot'),
  View: ScatterView,
  Editor: ScatterEditor,
};
