import { createVirtualizer } from '@tanstack/solid-virtual';
import { createMemo, For, Show } from 'solid-js';
import { cellValue, type RunColumn } from '../model/runTable/runColumns';
import type { RunSort } from '../model/runTable/runSorting';
import type { RunRecord } from '../model/runs/runTypes';
import { StateBadge } from '../ui/StateBadge';
import { columnKey, columnLabel } from '../model/runTable/columnNames';
import { valueText } from './panels/valueText';

/** Props of RunSelector. */
export interface RunSelectorProps {
  /** Opens the export dialog for these runs (the visible ones). */
  onExport: (runs: readonly RunRecord[]) => void;
  /** Runs in the order listed (after search, filters, brushes, top N and sort). */
  runs: readonly RunRecord[];
  /** How many runs the project has, for "12 of 100". */
  total: number;
  hidden: ReadonlySet<string>;
  colorOf: (run: RunRecord) => string;
  columns: readonly RunColumn[];
  sort: readonly RunSort[];
  onToggle: (runId: string) => void;
  /** Shows (false) or hides (true) every listed run. */
  onHideAll: (hide: boolean) => void;
  onSort: (column: RunColumn) => void;
  runHref: (run: RunRecord) => string;
  /** Asks to delete a run (opens the confirmation). */
  onDelete: (run: RunRecord) => void;
}

const ROW_HEIGHT = 30;

/**
 * The runs beside the panels, as in W&B: colour, eye toggle, name, state and chosen columns. Only the rows in view are
 * in the DOM, so 1,000 runs list as fast as 20.
 */
export function RunSelector(props: RunSelectorProps) {
  let scroller!: HTMLDivElement;
  const virtualizer = createVirtualizer({
    get count() {
      return props.runs.length;
    },
    getScrollElement: () => scroller,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const allHidden = createMemo(() => props.runs.length > 0 && props.runs.every((r) => props.hidden.has(r.id)));
  const visibleCount = createMemo(() => props.runs.filter((r) => !props.hidden.has(r.id)).length);
  const sortArrow = (column: RunColumn) => {
    const sort = props.sort[0];
    return sort && columnKey(sort.column) === columnKey(column) ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : '';
  };
  return (
    <aside class="run-selector" data-testid="run-selector">
      <div class="run-selector-head">
        <button
          class="eye"
          data-testid="eye-all"
          title={allHidden() ? 'Show every listed run' : 'Hide every listed run'}
          aria-label="Show every listed run in the panels"
          aria-pressed={!allHidden()}
          onClick={() => props.onHideAll(!allHidden())}
        >
          <span aria-hidden="true">{allHidden() ? '◌' : '◉'}</span>
        </button>
        <button class="link sort-head" onClick={() => props.onSort({ kind: 'field', key: 'name' })}>
          Name{sortArrow({ kind: 'field', key: 'name' })}
        </button>
        <span class="muted run-count" data-testid="run-count">
          {visibleCount()} visible · {props.runs.length} of {props.total}
        </span>
        <button class="link" data-testid="export-visible" disabled={visibleCount() === 0} title="Export the visible runs: a Labbook bundle, CSV, Feather, TensorBoard or MLflow" onClick={() => props.onExport(props.runs.filter((r) => !props.hidden.has(r.id)))}>
          Export…
        </button>
      </div>
      <Show when={props.columns.length > 0}>
        <div class="run-selector-columns">
          <For each={props.columns}>
            {(column) => (
              <button class="link sort-head" title={`sort by ${columnLabel(column)}`} onClick={() => props.onSort(column)}>
                {columnLabel(column)}
                {sortArrow(column)}
              </button>
            )}
          </For>
        </div>
      </Show>
      <div class="run-selector-scroll" ref={scroller}>
        <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
          <For each={virtualizer.getVirtualItems()}>
            {(item) => {
              const run = () => props.runs[item.index]!;
              const hidden = () => props.hidden.has(run().id);
              return (
                <Show when={props.runs[item.index]}>
                  <div
                    class="run-row"
                    classList={{ 'run-hidden': hidden() }}
                    data-run-id={run().id}
                    style={{ transform: `translateY(${item.start}px)`, height: `${ROW_HEIGHT}px` }}
                  >
                    <button class="eye" data-testid="eye" aria-label={`Show ${run().name} in the panels`} aria-pressed={!hidden()} title={hidden() ? 'Show in panels' : 'Hide from panels'} onClick={() => props.onToggle(run().id)}>
                      <span aria-hidden="true">{hidden() ? '◌' : '◉'}</span>
                    </button>
                    <span class="swatch" style={{ background: props.colorOf(run()) }} />
                    <a class="run-row-name" href={props.runHref(run())} title={run().name}>
                      {run().name}
                    </a>
                    <StateBadge state={run().state} />
                    <For each={props.columns}>{(column) => <span class="run-row-cell">{valueText(cellValue(run(), column))}</span>}</For>
                    <button class="icon row-delete" data-testid="delete-run" aria-label={`Delete run ${run().name}`} title="Delete this run" onClick={() => props.onDelete(run())}>
                      ✕
                    </button>
                  </div>
                </Show>
              );
            }}
          </For>
        </div>
      </div>
    </aside>
  );
}
