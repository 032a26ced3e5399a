import { For } from 'solid-js';
import { columnFromKey, columnKey, columnLabel } from '../model/runTable/columnNames';
import type { RunColumn } from '../model/runTable/runColumns';

/** Props of ColumnPicker. */
export interface ColumnPickerProps {
  label: string;
  chosen: readonly RunColumn[];
  available: readonly RunColumn[];
  onChange: (columns: RunColumn[]) => void;
  testId?: string;
}

/** Chosen columns as removable chips, and a menu to add one (used for group-by and the selector's columns). */
export function ColumnPicker(props: ColumnPickerProps) {
  const chosenKeys = () => new Set(props.chosen.map(columnKey));
  return (
    <span class="column-picker" data-testid={props.testId}>
      <span class="muted">{props.label}</span>
      <For each={props.chosen}>
        {(column) => (
          <span class="chip">
            {columnLabel(column)}
            <button class="chip-remove" title={`remove ${columnLabel(column)}`} aria-label={`remove ${columnLabel(column)}`} onClick={() => props.onChange(props.chosen.filter((c) => columnKey(c) !== columnKey(column)))}>
              ✕
            </button>
          </span>
        )}
      </For>
      <select
        aria-label={`${props.label}: add a column`}
        value=""
        onChange={(e) => {
          const key = e.currentTarget.value;
          e.currentTarget.value = '';
          if (key) props.onChange([...props.chosen, columnFromKey(key)]);
        }}
      >
        <option value="">+ add…</option>
        <For each={props.available.filter((c) => !chosenKeys().has(columnKey(c)))}>
          {(column) => (
            <option value={columnKey(column)}>
              {column.kind === 'summary' ? 'summary: ' : column.kind === 'config' ? 'config: ' : ''}
              {columnLabel(column)}
            </option>
          )}
        </For>
      </select>
    </span>
  );
}
