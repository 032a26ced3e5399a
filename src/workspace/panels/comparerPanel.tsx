import { createMemo, createSignal, For, Show } from 'solid-js';
import { isMissing } from '../../model/runTable/cellText';
import { configDiff, type DiffRow } from '../../model/runTable/configDiff';
import { columnKey, columnLabel } from '../../model/runTable/columnNames';
import type { ComparerPanel } from '../../model/workspace/workspaceState';
import type { PanelContext, PanelKind } from '../panelRegistry';
import { valueText } from './valueText';
import './runPanels.css';

/** Runs side by side at most: past this a table of columns stops being readable, as W&B's comparer also caps it. */
const COMPARER_MAX_RUNS = 50;
/** Rows drawn before "show all": thousands of metrics × 50 runs would be 100,000 cells. */
const ROWS_SHOWN = 200;

function ComparerView(props: { panel: ComparerPanel; ctx: PanelContext }) {
  const [showAll, setShowAll] = createSignal(false);
  const visible = () => props.ctx.runs().visible;
  const runs = createMemo(() => visible().slice(0, COMPARER_MAX_RUNS));
  const runIds = createMemo(() => runs().map((r) => r.id));
  const rows = createMemo(() => configDiff(runs(), { diffOnly: props.panel.diffOnly }));
  const shown = () => (showAll() ? rows() : rows().slice(0, ROWS_SHOWN));
  const sections = () => {
    const list = shown();
    return [
      { name: 'Config', rows: list.filter((r) => r.column.kind === 'config') },
      { name: 'Summary', rows: list.filter((r) => r.column.kind === 'summary') },
    ].filter((s) => s.rows.length > 0);
  };
  const setDiffOnly = (diffOnly: boolean) => props.ctx.dispatch({ type: 'updatePanel', panel: { ...props.panel, diffOnly } });

  return (
    <div class="comparer-panel" data-testid="comparer">
      <div class="panel-toolbar">
        <label>
          <input type="checkbox" data-testid="diff-only" checked={props.panel.diffOnly} onChange={(e) => setDiffOnly(e.currentTarget.checked)} /> diff only
        </label>
        <span class="muted" data-testid="comparer-count">
          {rows().length} {rows().length === 1 ? 'key' : 'keys'} · {runs().length} {runs().length === 1 ? 'run' : 'runs'}
        </span>
        <Show when={visible().length > COMPARER_MAX_RUNS}>
          <span class="panel-warning" data-testid="comparer-capped">
            showing the first {COMPARER_MAX_RUNS} of {visible().length} visible runs: hide runs or filter to compare others
          </span>
        </Show>
      </div>
      <Show when={runs().length > 0} fallback={<p class="muted panel-note">No visible runs: open a run's eye in the selector.</p>}>
        <Show when={rows().length > 0} fallback={<p class="muted panel-note">{props.panel.diffOnly ? 'These runs have the same config and summary.' : 'These runs have no config or summary yet.'}</p>}>
          <div class="comparer-scroll">
            <table class="comparer-table">
              <thead>
                <tr>
                  <th class="comparer-key">key</th>
                  <For each={runs()}>
                    {(run) => (
                      <th class="comparer-run" data-testid="comparer-run" data-run-id={run.id}>
                        <span class="swatch" style={{ background: props.ctx.colorOf(run) }} />
                        <button class="link" title={`Open ${run.name}`} onClick={() => props.ctx.openRun(run)}>
                          {run.name}
                        </button>
                      </th>
                    )}
                  </For>
                </tr>
              </thead>
              <For each={sections()}>
                {(section) => (
                  <tbody>
                    <tr class="comparer-section">
                      <th class="comparer-key">{section.name}</th>
                      <td colSpan={runs().length} />
                    </tr>
                    <For each={section.rows}>{(row) => <ComparerRow row={row} runIds={runIds()} />}</For>
                  </tbody>
                )}
              </For>
            </table>
          </div>
          <Show when={rows().length > shown().length}>
            <button class="link" data-testid="comparer-show-all" onClick={() => setShowAll(true)}>
              show all {rows().length} keys
            </button>
          </Show>
        </Show>
      </Show>
    </div>
  );
}

function ComparerRow(props: { row: DiffRow; runIds: readonly string[] }) {
  // When every run has the same value nothing is best, and marking all of them would only add noise.
  const isBest = createMemo(() => {
    const best = new Set(props.row.differs ? props.row.bestRunIds : []);
    return props.runIds.map((id) => best.has(id));
  });
  return (
    <tr data-testid="comparer-row" data-key={columnKey(props.row.column)} classList={{ differs: props.row.differs }}>
      <th class="comparer-key" data-testid="comparer-key" title={columnLabel(props.row.column)}>
        {columnLabel(props.row.column)}
      </th>
      <For each={props.row.values}>
        {(value, i) => (
          <td classList={{ best: isBest()[i()], missing: isMissing(value) }} data-testid={isBest()[i()] ? 'comparer-best' : undefined} title={isBest()[i()] ? 'best' : undefined}>
            {valueText(value)}
          </td>
        )}
      </For>
    </tr>
  );
}

function ComparerEditor(props: { panel: ComparerPanel; ctx: PanelContext; onChange: (panel: ComparerPanel) => void }) {
  return (
    <div class="panel-editor">
      <label>
        <input type="checkbox" checked={props.panel.diffOnly} onChange={(e) => props.onChange({ ...props.panel, diffOnly: e.currentTarget.checked })} /> only keys whose values differ
      </label>
      <p class="muted">Best values are marked per summary metric: lowest for losses and errors, highest otherwise.</p>
    </div>
  );
}

/** Config and summary of the visible runs side by side, as W&B's run comparer. */
export const comparerPanelKind: PanelKind<ComparerPanel> = {
  type: 'comparer',
  label: 'Run comparer',
  description: 'Config and summary of the visible runs side by side; diff only keeps the keys that differ',
  create: (id) => ({ id, type: 'comparer', diffOnly: false }),
  title: (panel) => (panel.diffOnly ? 'Run comparer (diff only)' : 'Run comparer'),
  View: ComparerView,
  Editor: ComparerEditor,
};
