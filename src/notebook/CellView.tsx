import { createEffect, createSignal, onCleanup, onMount, Show } from 'solid-js';
import type { CellRun } from '../model/notebook/cellRun';
import type { CodeCell } from '../model/notebook/notebook';
import type { CellEditor } from '../editor/cellEditor';
import type { LabbookStore } from '../store/labbookStore';
import { CellOutput } from './CellOutput';
import { CellArrangeButtons } from './CellArrangeButtons';

/** Props of CellView. */
export interface CellViewProps {
  cell: CodeCell;
  run: CellRun | undefined;
  /** Where the charts of runs a cell starts read from. */
  store: LabbookStore;
  /** Focus this cell's editor once it exists (set after Shift+Enter moves here). */
  focused: boolean;
  /** A cell it reads from ran after it: its output may be out of date. */
  stale: boolean;
  onEdit: (source: string) => void;
  onRun: (advance: boolean) => void;
  onMove: (by: -1 | 1) => void;
  /** Runs every cell above this one, in order. */
  onRunAbove: () => void;
  /** Turns the cell into a markdown cell. */
  onToMarkdown: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
}

/** One code cell: counter, Monaco editor (loaded lazily, so the app shell never waits for it), actions and output. */
export function CellView(props: CellViewProps) {
  let host!: HTMLDivElement;
  let editor: CellEditor | null = null;
  let disposed = false;
  // Until Monaco has loaded (a lazy chunk), the cell shows its source as plain text rather than an empty box.
  const [editorReady, setEditorReady] = createSignal(false);
  onMount(async () => {
    const { createCellEditor } = await import('../editor/cellEditor');
    if (disposed) return;
    editor = createCellEditor(host, {
      value: props.cell.source,
      language: props.cell.language,
      onChange: (source) => props.onEdit(source),
      onRun: (advance) => props.onRun(advance),
    });
    setEditorReady(true);
    if (props.focused) editor.focus();
  });
  createEffect(() => {
    if (props.focused) editor?.focus();
  });
  // The source changes under the editor when another tab's save is adopted (see NotebookSync); typing here changes
  // it too, but then it already equals the editor's text and setValue leaves the editor alone.
  createEffect(() => {
    const source = props.cell.source;
    if (editorReady()) editor?.setValue(source);
  });
  onCleanup(() => {
    disposed = true;
    editor?.dispose();
  });
  const counter = () => (props.run?.status === 'running' || props.run?.status === 'queued' ? '*' : (props.run?.count ?? ' '));
  return (
    <section class={`cell cell-${props.run?.status ?? 'idle'}`} classList={{ 'cell-stale': props.stale }} data-cell-id={props.cell.id}>
      <div class="cell-gutter">
        <button class="run-cell" title="Run (Ctrl+Enter; Shift+Enter runs and moves on)" onClick={() => props.onRun(false)}>
          ▶
        </button>
        <span class="counter" data-testid="counter">
          [{counter()}]
        </span>
        <Show when={props.stale}>
          <span class="stale-badge" data-testid="stale" title="A cell this one reads from ran after it: run it again for an up-to-date result">
            stale
          </span>
        </Show>
      </div>
      <div class="cell-body">
        <Show when={!editorReady()}>
          <pre class="cell-source-preview" data-testid="source-preview">{props.cell.source}</pre>
        </Show>
        <div class="cell-editor" classList={{ 'cell-editor-loading': !editorReady() }} ref={host} />
        <div class="cell-actions">
          <button title="Run the cells above this one" data-testid="run-above" onClick={() => props.onRunAbove()}>run above</button>
          <button title="Make this a markdown cell" data-testid="to-markdown" onClick={() => props.onToMarkdown()}>→ markdown</button>
          <CellArrangeButtons onMove={props.onMove} onDuplicate={props.onDuplicate} onDelete={props.onDelete} />
        </div>
        <Show when={props.run}>{(run) => <CellOutput run={run()} store={props.store} />}</Show>
      </div>
    </section>
  );
}
