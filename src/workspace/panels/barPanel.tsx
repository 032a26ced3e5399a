import { createMemo, For, Show } from 'solid-js';
import { barDomain } from '../../charts/barScale';
import { ValueBar } from '../../charts/ValueBar';
import { metricGoal, type MetricGoal } from '../../model/runs/metricGoal';
import { topRuns } from '../../model/runTable/runSorting';
import type { BarPanel } from '../../model/workspace/workspaceState';
import { formatNumber } from '../../ui/format';
import { ColumnSelect } from './ColumnSelect';
import { preferredMetric } from './panelDefaults';
import type { PanelContext, PanelKind } from '../panelRegistry';
import './runPanels.css';

const DEFAULT_TOP_N = 10;

/** The goal a bar panel ranks by: the one set, or the one the metric's name suggests. */
function panelGoal(panel: BarPanel): MetricGoal {
  return panel.goal === 'auto' ? metricGoal(panel.metric) : panel.goal;
}

function BarView(props: { panel: BarPanel; ctx: PanelContext }) {
  const visible = () => props.ctx.runs().visible;
  const top = createMemo(() => topRuns(visible(), { metric: props.panel.metric, count: props.panel.topN, goal: panelGoal(props.panel) }));
  const scored = createMemo(() => visible().filter((run) => Number.isFinite(run.summary[props.panel.metric])).length);
  const domain = createMemo(() => barDomain(top().map((run) => run.summary[props.panel.metric]!)));
  const unscored = () => visible().length - scored();
  return (
    <div class="bar-panel" data-testid="bar-panel">
      <Show when={props.panel.metric} fallback={<p class="muted panel-note">Choose a summary metric in the settings (⚙).</p>}>
        <p class="muted panel-caption" data-testid="bar-caption">
          top {top().length} of {scored()} by {props.panel.metric}, {panelGoal(props.panel) === 'min' ? 'lowest' : 'highest'} first
          <Show when={unscored() > 0}>
            {' '}
            · {unscored()} {unscored() === 1 ? 'run has' : 'runs have'} no value
          </Show>
        </p>
        <Show when={top().length > 0} fallback={<p class="muted panel-note">No visible run has a finite value of {props.panel.metric}.</p>}>
          <ol class="bar-list">
            <For each={top()}>
              {(run, i) => {
                const value = () => run.summary[props.panel.metric]!;
                return (
                  <li data-testid="bar-row" data-run-id={run.id} data-value={value()} title={`Open ${run.name}`} onClick={() => props.ctx.openRun(run)}>
                    <span class="bar-rank">{i() + 1}</span>
                    <span class="swatch" style={{ background: props.ctx.colorOf(run) }} />
                    <span class="bar-name">{run.name}</span>
                    <ValueBar value={value()} domain={domain()} color={props.ctx.colorOf(run)} label={`${props.panel.metric} ${formatNumber(value())}`} />
                    <span class="bar-number">{formatNumber(value())}</span>
                  </li>
                );
              }}
            </For>
          </ol>
        </Show>
      </Show>
    </div>
  );
}

function BarEditor(props: { panel: BarPanel; ctx: PanelContext; onChange: (panel: BarPanel) => void }) {
  const set = (patch: Partial<BarPanel>) => props.onChange({ ...props.panel, ...patch });
  return (
    <div class="panel-editor">
      <ColumnSelect
        label="metric"
        testId="bar-metric"
        value={props.panel.metric ? { kind: 'summary', key: props.panel.metric } : null}
        columns={props.ctx.columns().filter((c) => c.kind === 'summary')}
        onChange={(column) => set({ metric: column?.key ?? '' })}
      />
      <div class="editor-row">
        <label>
          best is{' '}
          <select data-testid="bar-goal" value={props.panel.goal} onChange={(e) => set({ goal: e.currentTarget.value as BarPanel['goal'] })}>
            <option value="auto">auto ({props.panel.metric ? metricGoal(props.panel.metric) : 'by name'})</option>
            <option value="min">lowest</option>
            <option value="max">highest</option>
          </select>
        </label>
        <label>
          top{' '}
          <input
            class="short"
            type="number"
            min="1"
            data-testid="bar-top-n"
            value={props.panel.topN}
            onChange={(e) => {
              const n = Math.floor(Number(e.currentTarget.value));
              if (n >= 1) set({ topN: n });
            }}
          />
        </label>
      </div>
    </div>
  );
}

/** Top runs by a summary metric as bars, best first ("top scores"). */
export const barPanelKind: PanelKind<BarPanel> = {
  type: 'bar',
  label: 'Bar chart (top scores)',
  description: 'The best runs by a summary metric, ranked, with their values',
  create: (id, ctx) => ({ id, type: 'bar', metric: preferredMetric(ctx.columns()) ?? '', goal: 'auto', topN: DEFAULT_TOP_N }),
  title: (panel) => (panel.metric ? `Top ${panel.topN} by ${panel.metric}` : 'Top runs'),
  View: BarView,
  Editor: BarEditor,
};
