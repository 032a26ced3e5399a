import { For } from 'solid-js';
import { columnFromKey, columnKey, columnLabel } from '../../model/runTable/columnNames';
import type { RunColumn } from '../../model/runTable/runColumns';

const KINDS = ['config', 'summary'] as const;

/** Props of ColumnSelect. */
export interface ColumnSelectProps {
  label: string;
  value: RunColumn | null;
  columns: readonly RunColumn[];
  onChange: (column: RunColumn | null) => void;
  /** The option meaning "no column" (e.g. "run colour"); without it a column must be chosen. */
  noneLabel?: string;
  testId?: string;
}

/** A labelled select of config and summary columns, grouped as the runs table groups them. */
export function ColumnSelect(props: ColumnSelectProps) {
  const group = (kind: RunColumn['kind']) => props.columns.filter((c) => c.kind === kind);
  return (
    <label>
      {props.label}{' '}
      <select data-testid={props.testId} value={props.value ? columnKey(props.value) : ''} onChange={(e) => props.onChange(e.currentTarget.value ? columnFromKey(e.currentTarget.value) : null)}>
        <option value="" disabled={props.noneLabel === undefined}>
          {props.noneLabel ?? 'choose…'}
        </option>
        <For each={KINDS.filter((kind) => group(kind).length > 0)}>
          {(kind) => (
            <optgroup label={kind}>
              <For each={group(kind)}>{(column) => <option value={columnKey(column)}>{columnLabel(column)}</option>}</For>
            </optgroup>
          )}
        </For>
      </select>
    </label>
  );
}
