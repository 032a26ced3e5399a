import { createEffect, createMemo, createSignal, For, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { flattenConfig } from '../model/configFlatten';
import { cellValue, discoverColumns, sortRuns, type RunColumn } from '../model/runColumns';
import type { RunRecord } from '../model/runTypes';
import type { LabbookStore } from '../store/labbookStore';
import { createClock } from '../ui/clock';
import { formatCell, formatDateTime, formatDuration } from '../ui/format';
import { createLiveResource } from '../ui/liveResource';
import { StateBadge } from '../ui/StateBadge';

/** Props of RunsTable. */
export interface RunsTableProps {
  store: LabbookStore;
  project: string;
}

const FIXED: RunColumn[] = [
  { kind: 'field', key: 'name' },
  { kind: 'field', key: 'state' },
  { kind: 'field', key: 'createdAt' },
  { kind: 'field', key: 'runtime' },
];

const FIXED_LABELS: Record<string, string> = { name: 'Name', state: 'State', createdAt: 'Created', runtime: 'Runtime' };

function columnId(column: RunColumn): string {
  return `${column.kind}:${column.key}`;
}

/** A project's runs with config and summary columns; click a header to sort, click a name to open the run. */
export function RunsTable(props: RunsTableProps) {
  const runs = createLiveResource({
    fetch: () => props.store.listRuns(props.project),
    subscribe: (onChange) => props.store.feed.subscribe((n) => n.type === 'runs' && n.project === props.project && onChange()),
  });
  const now = createClock();
  const [sort, setSort] = createSignal<{ column: RunColumn; direction: 'asc' | 'desc' }>({ column: FIXED[2]!, direction: 'desc' });
  const columns = createMemo(() => discoverColumns(runs.value() ?? []));
  // Rows are reconciled by run id, so a notice about one run updates its cells instead of rebuilding every row.
  const [rows, setRows] = createStore<RunRecord[]>([]);
  createEffect(() => setRows(reconcile(sortRuns(runs.value() ?? [], sort().column, sort().direction), { key: 'id' })));
  const toggleSort = (column: RunColumn) =>
    setSort((current) =>
      columnId(current.column) === columnId(column) ? { column, direction: current.direction === 'asc' ? 'desc' : 'asc' } : { column, direction: 'asc' },
    );
  const header = (column: RunColumn, label: string, extraClass = '') => (
    <th class={`sortable ${extraClass}`} onClick={() => toggleSort(column)} data-column={columnId(column)}>
      {label}
      <Show when={columnId(sort().column) === columnId(column)}>
        <span class="sort-arrow">{sort().direction === 'asc' ? ' ▲' : ' ▼'}</span>
      </Show>
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
    <section class="page">
      <header class="page-header">
        <h1>
          <a href="#/">Projects</a> / {props.project}
        </h1>
        <span class="muted">{runs.value()?.length ?? 0} runs</span>
      </header>
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
    </section>
  );
}
