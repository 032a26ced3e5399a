import { createEffect, createMemo, createResource, on, onCleanup, onMount, Show } from 'solid-js';
import type { MarkdownCell } from '../model/notebook/notebook';
import type { CellEditor } from '../editor/cellEditor';
import { CellArrangeButtons } from './CellArrangeButtons';

/** Props of MarkdownCellView. */
export interface MarkdownCellViewProps {
  cell: MarkdownCell;
  /** Shows the Monaco editor instead of the rendered markdown. */
  editing: boolean;
  /** Focus this cell (its editor, or its rendered view) once it exists (set after Shift+Enter moves here). */
  focused: boolean;
  onEdit: (source: string) => void;
  /** Switches to the editor (double-click, Enter, the edit button). */
  onStartEditing: () => void;
  /** Renders the cell, as running a code cell does; `advance` moves on to the next cell (Shift+Enter). */
  onRun: (advance: boolean) => void;
  /** Turns the cell into a code cell. */
  onToCode: () => void;
  onMove: (by: -1 | 1) => void;
  onDuplicate: () => void;
  onDelete: () => void;
}

/** A markdown cell: rendered markdown and math, or a Monaco editor while editing (Jupyter's two modes). */
export function MarkdownCellView(props: MarkdownCellViewProps) {
  // The renderer (markdown-it, KaTeX and its CSS) is loaded on first use, so the app shell never waits for it.
  const [renderer] = createResource(() => import('../ui/markdown'));
  const html = createMemo(() => (props.editing ? '' : (renderer()?.renderMarkdown(props.cell.source) ?? '')));
  let rendered: HTMLDivElement | undefined;
  createEffect(() => {
    if (props.focused && !props.editing) rendered?.focus();
  });
  // Rendering in place (Ctrl+Enter) removes the focused editor: keep the keyboard on this cell, as Jupyter does.
  createEffect(
    on(
      () => props.editing,
      (editing, wasEditing) => {
        if (wasEditing && !editing && (document.activeElement === null || document.activeElement === document.body)) rendered?.focus();
      },
    ),
  );
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' && event.shiftKey) props.onRun(true);
    else if (event.key === 'Enter') props.onStartEditing();
    // Jupyter's command-mode key for "make this a code cell".
    else if (event.key === 'y' || event.key === 'Y') props.onToCode();
    else return;
    event.preventDefault();
  };
  return (
    <section class="cell cell-markdown" classList={{ 'cell-editing': props.editing }} data-cell-id={props.cell.id} data-testid="markdown-cell">
      <div class="cell-gutter">
        <Show when={props.editing}>
          <button class="run-cell" data-testid="render-markdown" title="Render (Ctrl+Enter; Shift+Enter renders and moves on)" onClick={() => props.onRun(false)}>
            ▶
          </button>
        </Show>
      </div>
      <div class="cell-body">
        <Show
          when={props.editing}
          fallback={
            <div
              class="markdown-rendered"
              data-testid="markdown-rendered"
              ref={rendered}
              tabIndex={0}
              title="Double-click or press Enter to edit"
              onDblClick={() => props.onStartEditing()}
              onKeyDown={onKeyDown}
            >
              <Show when={props.cell.source.trim() !== ''} fallback={<p class="markdown-placeholder">Empty markdown cell: double-click to edit</p>}>
                <div class="markdown" innerHTML={html()} />
              </Show>
            </div>
          }
        >
          <MarkdownEditor source={props.cell.source} onEdit={props.onEdit} onRun={props.onRun} />
        </Show>
        <div class="cell-actions">
          <Show when={!props.editing}>
            <button title="Edit (double-click, or Enter)" data-testid="edit-markdown" onClick={() => props.onStartEditing()}>edit</button>
          </Show>
          <button title="Make this a code cell (Y)" data-testid="to-code" onClick={() => props.onToCode()}>→ code</button>
          <CellArrangeButtons onMove={props.onMove} onDuplicate={props.onDuplicate} onDelete={props.onDelete} />
        </div>
      </div>
    </section>
  );
}

/** The Monaco editor of a markdown cell, focused as it opens; it exists only while the cell is being edited. */
function MarkdownEditor(props: { source: string; onEdit: (source: string) => void; onRun: (advance: boolean) => void }) {
  let host!: HTMLDivElement;
  let editor: CellEditor | null = null;
  let disposed = false;
  onMount(async () => {
    const { createCellEditor } = await import('../editor/cellEditor');
    if (disposed) return;
    editor = createCellEditor(host, { value: props.source, language: 'markdown', onChange: props.onEdit, onRun: props.onRun });
    editor.focus();
  });
  // Another tab's save adopted while this cell is open for editing (see CellView).
  createEffect(() => editor?.setValue(props.source));
  onCleanup(() => {
    disposed = true;
    editor?.dispose();
  });
  return <div class="cell-editor" data-testid="markdown-editor" ref={host} />;
}
