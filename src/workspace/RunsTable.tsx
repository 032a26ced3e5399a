import { createEffect, createMemo, For, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { flattenConfig } from '../model/configFlatten';
import { columnKey } from '../model/columnNames';
import { cellValue, discoverColumns, type RunColumn } from '../model/runColumns';
import type { RunSort } from '../model/runSorting';
import type { RunRecord } from '../model/runTypes';
import { createClock } from '../ui/clock';
import { formatCell, formatDateTime, formatDuration } from '../ui/format';
import { StateBadge } from '../ui/StateBadge';

/** Props of RunsTable. */
export interface RunsTableProps {
  project: string;
  /** The runs the workspace lists, already filtered and sorted. */
  runs: readonly RunRecord[];
  sort: readonly RunSort[];
  onSort: (column: RunColumn) => void;
}

const FIXED: RunColumn[] = [
  { kind: 'field', key: 'name' },
  { kind: 'field', key: 'state' },
  { kind: 'field', key: 'createdAt' },
  { kind: 'field', key: 'runtime' },
];

const FIXED_LABELS: Record<string, string> = { name: 'Name', state: 'State', createdAt: 'Created', runtime: 'Runtime' };

/** The workspace's runs as a table with config and summary columns; click a header to sort, a name to open the run. */
export function RunsTable(props: RunsTableProps) {
  const now = createClock();
  const columns = createMemo(() => discoverColumns(props.runs));
  // Rows are reconciled by run id, so a notice about one run updates its cells instead of rebuilding every row.
  const [rows, setRows] = createStore<RunRecord[]>([]);
  createEffect(() => setRows(reconcile([...props.runs], { key: 'id' })));
  const sortOf = (column: RunColumn) => (props.sort[0] && columnKey(props.sort[0].column) === columnKey(column) ? props.sort[0].direction : null);
  const header = (column: RunColumn, label: string, extraClass = '') => (
    <th class={`sortable ${extraClass}`} onClick={() => props.onSort(column)} data-column={columnKey(column)}>
      {label}
      <Show when={sortOf(column)}>{(direction) => <span class="sort-arrow">{direction() === 'asc' ? ' ▲' : ' ▼'}</span>}</Show>
    </th>
  );
  const cell = (run: RunRecord, column: RunColumn, flat: ReturnType<typeof flattenConfig>) => {
    if (column.kind === 'field' && column.key === 'name') return <a href={`#/p/${encodeURIComponent(props.project)}/r/${run.id}`}>{run.name}</a>;
    if (column.kind === 'field' && column.key === 'state') return <StateBadge state={run.state} />;
    if (column.kind === 'field' && column.key === 'createdAt') return formatDateTime(run.createdAt);
    if (column.kind === 'field' && column.key === 'runtime') return formatDuration(run.state === 'running' ? now() - run.createdAt : cellValue(run, column) as number);
    return formatCell(cellValue(run, column, flat));
  };

  return (
    <div class="runs-table-view">
      <div class="table-scroll">
        <table class="grid runs-table" data-testid="runs-table">
          <thead>
            <tr class="column-groups">
              <th colSpan={FIXED.length} />
              <Show when={columns().some((c) => c.kind === 'config')}>
                <th colSpan={columns().filter((c) => c.kind === 'config').length} class="config-col">
                  Config
                </th>
              </Show>
              <Show when={columns().some((c) => c.kind === 'summary')}>
                <th colSpan={columns().filter((c) => c.kind === 'summary').length} class="summary-col">
                  Summary
                </th>
              </Show>
            </tr>
            <tr>
              <For each={FIXED}>{(column) => header(column, FIXED_LABELS[column.key]!)}</For>
              <For each={columns()}>{(column) => header(column, column.key, column.kind === 'config' ? 'config-col' : 'summary-col')}</For>
            </tr>
          </thead>
          <tbody>
            <For each={rows}>
              {(run) => {
                const flat = createMemo(() => flattenConfig(run.config));
                return (
                  <tr data-run-id={run.id}>
                    <For each={FIXED}>{(column) => <td>{cell(run, column, flat())}</td>}</For>
                    <For each={columns()}>{(column) => <td class="num">{cell(run, column, flat())}</td>}</For>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </div>
    </div>
  );
}
