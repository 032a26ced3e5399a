import { createVirtualizer } from '@tanstack/solid-virtual';
import { assertNever } from '../lib/assertNever';
import { createMemo, createSignal, For, Show, type Accessor, type JSX } from 'solid-js';
import { columnKey, columnLabel } from '../model/runTable/columnNames';
import { cellValue, type RunColumn } from '../model/runTable/runColumns';
import { exactCellText, runsToTsv } from '../model/runTable/runsTsv';
import type { RunSort } from '../model/runTable/runSorting';
import type { RunRecord } from '../model/runs/runTypes';
import { columnSpans, moveColumn, PINNED_COLUMN, tableColumns } from '../model/runTable/tableColumns';
import { createClock } from '../ui/clock';
import { formatCell, formatDateTime, formatDuration } from '../ui/format';
import { StateBadge } from '../ui/StateBadge';
import { CopyTsvButton } from './CopyTsvButton';
import { TableColumnsMenu } from './TableColumnsMenu';
import './runsTable.css';

/** Props of RunsTable. */
export interface RunsTableProps {
  project: string;
  /** The runs the workspace lists, already filtered and sorted. */
  runs: readonly RunRecord[];
  /** Config and summary columns of all the project's runs, so a filter does not change the column menu. */
  columns: readonly RunColumn[];
  /** Runs hidden with their eye toggle: listed here too, dimmed. */
  hidden: ReadonlySet<string>;
  sort: readonly RunSort[];
  onSort: (column: RunColumn) => void;
  /** Saved column order and hidden columns (column keys). */
  columnOrder: readonly string[];
  hiddenColumns: readonly string[];
  /** Opens the export dialog for these runs (every listed one). */
  onExport: (runs: readonly RunRecord[]) => void;
  onColumnsChange: (order: string[], hidden: string[]) => void;
  /** Asks to delete the listed runs (opens the confirmation): search and filters choose which. */
  onDeleteListed: () => void;
}

/** Row and header heights fixed in runsTable.css, so the virtualiser knows where every row is without measuring. */
const ROW_HEIGHT = 33;
const HEADER_HEIGHT = 24 + ROW_HEIGHT;

/** Config and summary values (mostly numbers) and runtimes align right, headers with them. */
const isNumeric = (column: RunColumn) => column.kind !== 'field' || column.key === 'runtime';

const SPAN_LABELS: Record<RunColumn['kind'], string> = { field: '', config: 'Config', summary: 'Summary' };

/**
 * The workspace's runs as a table: columns shown, hidden and reordered (drag a header onto another) and saved with the
 * workspace, click a header to sort, a name to open the run, "Copy as TSV" for a spreadsheet. Only the rows in view
 * are in the DOM, so 1,000 runs × 20 columns scroll as smoothly as 20 runs.
 */
export function RunsTable(props: RunsTableProps) {
  const now = createClock();
  const columns = createMemo(() => tableColumns({ discovered: props.columns, order: props.columnOrder, hidden: props.hiddenColumns }));
  const hiddenColumns = createMemo(() => {
    const shown = new Set(columns().visible.map(columnKey));
    return new Set(columns().all.map(columnKey).filter((k) => !shown.has(k)));
  });
  const [dragged, setDragged] = createSignal<string | null>(null);
  const [dropTarget, setDropTarget] = createSignal<string | null>(null);
  const drop = (target: string) => {
    const from = dragged();
    setDragged(null);
    setDropTarget(null);
    if (from) props.onColumnsChange(moveColumn(columns().all.map(columnKey), from, target), [...hiddenColumns()]);
  };

  let scroller!: HTMLDivElement;
  const virtualizer = createVirtualizer({
    get count() {
      return props.runs.length;
    },
    getScrollElement: () => scroller,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: HEADER_HEIGHT,
    overscan: 12,
  });
  // Rows above the rendered ones are a padding above the table rather than spacer rows, so `tbody tr` are runs only.
  const offset = () => (virtualizer.getVirtualItems()[0]?.start ?? HEADER_HEIGHT) - HEADER_HEIGHT;
  const sortOf = (column: RunColumn) => (props.sort[0] && columnKey(props.sort[0].column) === columnKey(column) ? props.sort[0].direction : null);

  const header = (column: RunColumn) => {
    const key = columnKey(column);
    const movable = key !== PINNED_COLUMN;
    return (
      <th
        class={`sortable ${column.kind}-col`}
        classList={{ num: isNumeric(column), 'drop-target': dropTarget() === key, dragging: dragged() === key }}
        data-column={key}
        draggable={movable ? 'true' : 'false'}
        title={movable ? 'Click to sort; drag onto another column to move it' : 'Click to sort'}
        onClick={() => props.onSort(column)}
        onDragStart={(e) => {
          setDragged(key);
          e.dataTransfer?.setData('text/plain', columnLabel(column));
          if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
        }}
        onDragEnd={() => {
          setDragged(null);
          setDropTarget(null);
        }}
        onDragOver={(e) => {
          if (!dragged() || !movable) return;
          e.preventDefault();
          setDropTarget(key);
        }}
        onDragLeave={() => dropTarget() === key && setDropTarget(null)}
        onDrop={(e) => {
          e.preventDefault();
          drop(key);
        }}
      >
        {columnLabel(column)}
        <Show when={sortOf(column)}>{(direction) => <span class="sort-arrow">{direction() === 'asc' ? ' ▲' : ' ▼'}</span>}</Show>
      </th>
    );
  };

  return (
    <div class="runs-table-view">
      <div class="runs-table-bar">
        <span class="muted" data-testid="runs-table-count">
          {props.runs.length} runs
        </span>
        <TableColumnsMenu columns={columns().all} hidden={hiddenColumns()} onChange={(hidden) => props.onColumnsChange(columns().all.map(columnKey), hidden)} />
        <CopyTsvButton runs={props.runs.length} tsv={() => runsToTsv(props.runs, columns().visible)} />
        <button data-testid="export-listed" disabled={props.runs.length === 0} title="Export every run listed here: a Labbook bundle, CSV (with the runs table), Feather, TensorBoard or MLflow" onClick={() => props.onExport(props.runs)}>
          Export…
        </button>
        <button data-testid="delete-listed" disabled={props.runs.length === 0} title="Delete every run listed here (search and filter to choose)" onClick={() => props.onDeleteListed()}>
          Delete {props.runs.length === 1 ? 'this run' : `these ${props.runs.length} runs`}…
        </button>
      </div>
      <div class="table-scroll runs-table-scroll" ref={scroller}>
        <div style={{ height: `${virtualizer.getTotalSize()}px`, 'padding-top': `${offset()}px` }}>
          <table class="grid runs-table" data-testid="runs-table" aria-rowcount={props.runs.length + 2}>
            <thead>
              <tr class="column-groups">
                <For each={columnSpans(columns().visible)}>
                  {(span) => (
                    <th colSpan={span.span} class={`${span.kind}-col`}>
                      {SPAN_LABELS[span.kind]}
                    </th>
                  )}
                </For>
              </tr>
              <tr>
                <For each={columns().visible}>{header}</For>
              </tr>
            </thead>
            <tbody>
              <For each={virtualizer.getVirtualItems()}>
                {(item) => (
                  <Show when={props.runs[item.index]}>
                    {(run) => <RunRow run={run} index={item.index} columns={columns().visible} hidden={props.hidden.has(run().id)} project={props.project} now={now} />}
                  </Show>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}

/** Props of RunRow. */
interface RunRowProps {
  run: Accessor<RunRecord>;
  index: number;
  columns: readonly RunColumn[];
  hidden: boolean;
  project: string;
  now: Accessor<number>;
}

/** One run's row; cells show rounded values and give the exact value (what Copy as TSV writes) on hover. */
function RunRow(props: RunRowProps) {
  return (
    <tr
      data-run-id={props.run().id}
      aria-rowindex={props.index + 3}
      classList={{ 'run-hidden': props.hidden }}
      title={props.hidden ? 'Hidden from the panels (eye toggle in the run selector)' : undefined}
    >
      <For each={props.columns}>{(column) => <RunCell run={props.run()} column={column} project={props.project} now={props.now} />}</For>
    </tr>
  );
}

/** Props of RunCell. */
interface RunCellProps {
  run: RunRecord;
  column: RunColumn;
  project: string;
  now: Accessor<number>;
}

/** A cell: the value as the table rounds it, the exact value (as copied) in its tooltip when that differs. */
function RunCell(props: RunCellProps) {
  const content = createMemo((): { shown: JSX.Element; exact: string | null } => {
    const { run, column } = props;
    if (column.kind !== 'field') {
      const shown = formatCell(cellValue(run, column));
      const exact = exactCellText(run, column);
      return { shown, exact: exact === shown ? null : exact };
    }
    switch (column.key) {
      case 'name':
        return { shown: <a href={`#/p/${encodeURIComponent(props.project)}/r/${encodeURIComponent(run.id)}`}>{run.name}</a>, exact: null };
      case 'state':
        return { shown: <StateBadge state={run.state} />, exact: null };
      case 'group':
        return { shown: formatCell(run.group ?? undefined), exact: null };
      case 'createdAt':
        return { shown: formatDateTime(run.createdAt), exact: exactCellText(run, column) };
      case 'runtime': {
        // A running run's runtime keeps counting on screen (the clock ticks every second).
        const ms = run.state === 'running' ? props.now() - run.createdAt : (cellValue(run, column) as number);
        return { shown: formatDuration(ms), exact: `${exactCellText(run, column)} s` };
      }
      default:
        return assertNever(column);
    }
  });
  return (
    <td class={isNumeric(props.column) ? 'num' : undefined} title={content().exact ?? undefined}>
      {content().shown}
    </td>
  );
}
