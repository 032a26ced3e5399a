import { For, Show } from 'solid-js';
import { brushLabel, type Brush } from '../model/workspace/brush';
import { columnKey } from '../model/runTable/columnNames';
import type { RunColumn } from '../model/runTable/runColumns';
import './brushChips.css';

/** Props of BrushChips. */
export interface BrushChipsProps {
  brushes: readonly Brush[];
  onRemove: (column: RunColumn) => void;
  onClear: () => void;
}

/** The parallel-coordinates brushes as filter chips (`0.001 ≤ lr ≤ 0.01 ✕`), each removable, and "clear" for all. */
export function BrushChips(props: BrushChipsProps) {
  return (
    <Show when={props.brushes.length > 0}>
      <span class="brush-chips" data-testid="brush-chips">
        <span class="muted">brushes</span>
        <For each={props.brushes}>
          {(brush) => (
            <span class="chip" data-testid="brush-chip" data-column={columnKey(brush.column)}>
              {brushLabel(brush)}
              <button class="chip-remove" title={`Remove the filter ${brushLabel(brush)}`} onClick={() => props.onRemove(brush.column)}>
                ✕
              </button>
            </span>
          )}
        </For>
        <Show when={props.brushes.length > 1}>
          <button class="link" data-testid="brush-clear" onClick={() => props.onClear()}>
            clear all
          </button>
        </Show>
      </span>
    </Show>
  );
}
