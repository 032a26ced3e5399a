import { createMemo, For, Show } from 'solid-js';
import { TableGrid } from '../../charts/tableGrid/TableGrid';
import { createGridView } from '../../charts/tableGrid/gridView';
import './runPanels.css';
import { joinRunTables, mergeRunTables, tableOfLogs } from '../../model/tables/tableVersions';
import type { TablePanel } from '../../model/workspace/workspaceState';
import type { PanelContext, PanelKind } from '../panelRegistry';
import { createRunTableLogs, loggedTableKeys, TableKeySelect } from './runTableLogs';

/** Runs whose tables a panel merges at most: each is read and decoded whole. */
const MAX_MERGED_RUNS = 50;
/** Runs shown side by side at most. */
const MAX_SIDE_RUNS = 4;

function TableView(props: { panel: TablePanel; ctx: PanelContext }) {
  const withKey = createMemo(() => props.ctx.runs().visible.filter((run) => run.tables?.[props.panel.key]));
  const side = () => props.panel.layout === 'side';
  const merged = () => withKey().slice(0, side() ? MAX_SIDE_RUNS : MAX_MERGED_RUNS);
  const logs = createRunTableLogs(props.ctx, () => props.panel.key, merged);
  const parts = createMemo(() => {
    const read = logs();
    if (!read) return undefined;
    return read.flatMap(({ run, logs: runLogs }) => {
      const table = tableOfLogs(runLogs);
      return table ? [{ runName: run.name, table }] : [];
    });
  });
  // Columns every run's table has (text or numbers), which a join can match rows on.
  const joinable = createMemo(() => {
    const all = parts() ?? [];
    const first = all[0]?.table.columns.filter((c) => c.type === 'string' || c.type === 'number').map((c) => c.name) ?? [];
    return first.filter((name) => all.every((p) => p.table.columns.some((c) => c.name === name)));
  });
  const joinKey = () => (props.panel.joinKey && joinable().includes(props.panel.joinKey) ? props.panel.joinKey : joinable()[0]);
  // The one grid of the merged and joined layouts (side by side shows each run's own).
  const table = createMemo(() => {
    if (!parts() || side()) return undefined;
    if (props.panel.layout === 'joined' && joinKey()) return joinRunTables(parts()!, joinKey()!);
    return mergeRunTables(parts()!);
  });
  // One filter, sort and grouping for every grid side by side.
  const view = createGridView();
  const readMedia = (hash: string) => props.ctx.store.getMedia(hash);
  return (
    <div class="table-panel" data-testid="table-panel">
      <Show when={props.panel.key} fallback={<p class="muted panel-note">Choose a table in the settings (⚙).</p>}>
        <p class="muted panel-caption" data-testid="table-panel-caption">
          {props.panel.key} from {merged().length} of {props.ctx.runs().visible.length} visible runs
          {withKey().length > merged().length ? ` (the first ${merged().length} that logged it)` : ''}
          {side() ? ', side by side' : ''}
          <Show when={props.panel.layout === 'joined'}>
            {', joined on '}
            <select
              data-testid="table-join-key"
              aria-label="Column to join the runs' rows on"
              value={joinKey() ?? ''}
              onChange={(e) => props.ctx.dispatch({ type: 'updatePanel', panel: { ...props.panel, joinKey: e.currentTarget.value } })}
            >
              <For each={joinable()}>{(name) => <option value={name}>{name}</option>}</For>
            </select>
          </Show>
        </p>
        <Show when={merged().length > 0} fallback={<p class="muted panel-note">No visible run logged a table {props.panel.key}.</p>}>
          <Show when={parts()} fallback={<p class="muted panel-note">Reading {props.panel.key}…</p>}>
            {(read) => (
              <Show when={side()} fallback={<Show when={table()}>{(t) => <TableGrid table={t()} name={props.panel.key} readMedia={readMedia} />}</Show>}>
                <div class="side-by-side">
                  <For each={read()}>
                    {(part) => (
                      <div class="side-table" data-run={part.runName}>
                        <div class="side-table-run">{part.runName}</div>
                        <TableGrid table={part.table} name={`${props.panel.key} of ${part.runName}`} readMedia={readMedia} view={view} />
                      </div>
                    )}
                  </For>
                </div>
              </Show>
            )}
          </Show>
        </Show>
      </Show>
    </div>
  );
}

function TableEditor(props: { panel: TablePanel; ctx: PanelContext; onChange: (panel: TablePanel) => void }) {
  return (
    <div class="panel-editor">
      <TableKeySelect label="table" testId="table-panel-key" keys={loggedTableKeys(props.ctx.allRuns())} value={props.panel.key} onChange={(key) => props.onChange({ ...props.panel, key })} />{' '}
      <label>
        runs{' '}
        <select data-testid="table-panel-layout" value={props.panel.layout ?? 'merged'} onChange={(e) => props.onChange({ ...props.panel, layout: e.currentTarget.value as 'merged' | 'joined' | 'side' })}>
          <option value="merged">merged, with a run column</option>
          <option value="joined">joined on a key column, a column per run</option>
          <option value="side">side by side (up to {MAX_SIDE_RUNS}), one filter, sort and grouping</option>
        </select>
      </label>
    </div>
  );
}

/** A logged table key of the visible runs, merged or side by side, with the grid's sort, filter, grouping and confusion matrix. */
export const tablePanelKind: PanelKind<TablePanel> = {
  type: 'table',
  label: 'Table',
  description: 'A logged table of the visible runs, merged with a run column or side by side: sort, filter, group, confusion matrix',
  create: (id, ctx) => ({ id, type: 'table', key: loggedTableKeys(ctx.allRuns())[0] ?? '' }),
  title: (panel) => (panel.key ? `Table: ${panel.key}` : 'Table'),
  View: TableView,
  Editor: TableEditor,
};
