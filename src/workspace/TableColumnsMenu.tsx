import { createSignal, For, onCleanup, Show } from 'solid-js';
import { columnKey, columnLabel } from '../model/runTable/columnNames';
import type { RunColumn } from '../model/runTable/runColumns';
import { PINNED_COLUMN } from '../model/runTable/tableColumns';

/** Props of TableColumnsMenu. */
export interface TableColumnsMenuProps {
  /** Every column, in the table's order. */
  columns: readonly RunColumn[];
  hidden: ReadonlySet<string>;
  /** The new set of hidden column keys. */
  onChange: (hidden: string[]) => void;
}

const KIND_NAMES: Record<RunColumn['kind'], string> = { field: 'run', config: 'config', summary: 'summary' };

/** "Columns (12/20)": a menu of every column of the runs table with a checkbox each; closes on Escape or a click outside. */
export function TableColumnsMenu(props: TableColumnsMenuProps) {
  const [open, setOpen] = createSignal(false);
  let root!: HTMLSpanElement;
  const onPointerDown = (e: PointerEvent) => {
    if (!root.contains(e.target as Node)) setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') setOpen(false);
  };
  document.addEventListener('pointerdown', onPointerDown);
  document.addEventListener('keydown', onKeyDown);
  onCleanup(() => {
    document.removeEventListener('pointerdown', onPointerDown);
    document.removeEventListener('keydown', onKeyDown);
  });
  const shown = () => props.columns.filter((c) => !props.hidden.has(columnKey(c))).length;
  const toggle = (key: string, show: boolean) => props.onChange(show ? [...props.hidden].filter((k) => k !== key) : [...props.hidden, key]);

  return (
    <span class="table-columns-menu" ref={root}>
      <button data-testid="table-columns" aria-expanded={open()} aria-haspopup="true" onClick={() => setOpen(!open())}>
        Columns ({shown()}/{props.columns.length})
      </button>
      <Show when={open()}>
        <div class="table-columns-popover" role="group" aria-label="Shown columns" data-testid="table-columns-menu">
          <div class="table-columns-actions">
            <button class="link" onClick={() => props.onChange([])}>
              show all
            </button>
            <button class="link" onClick={() => props.onChange(props.columns.map(columnKey).filter((k) => k !== PINNED_COLUMN))}>
              hide all
            </button>
          </div>
          <For each={props.columns}>
            {(column) => (
              <label class="table-columns-item" data-column={columnKey(column)}>
                <input
                  type="checkbox"
                  checked={!props.hidden.has(columnKey(column))}
                  disabled={columnKey(column) === PINNED_COLUMN}
                  onChange={(e) => toggle(columnKey(column), e.currentTarget.checked)}
                />
                <span class="muted">{KIND_NAMES[column.kind]}</span> {columnLabel(column)}
              </label>
            )}
          </For>
        </div>
      </Show>
    </span>
  );
}
