import { createSignal, onCleanup, Show } from 'solid-js';
import type { LabbookStore } from '../store/labbookStore';
import { ImportDialog, type ImportSource } from '../runs/ImportDialog';
import { reportProblem } from '../ui/problems';
import { errorMessage } from '../lib/errorMessage';
import { droppedImport } from './droppedImport';


/**
 * Drop anywhere to import: a `.labbook.zip` bundle, or a TensorBoard log folder. While files are dragged over the
 * page an overlay says what a drop will do; the import dialog takes it from there (while it is open, a drop does
 * nothing: the import under way stays in view).
 */
export function ImportDrop(props: { store: LabbookStore }) {
  const [dragging, setDragging] = createSignal(false);
  const [source, setSource] = createSignal<ImportSource | null>(null);
  // dragenter and dragleave fire for every element crossed: the overlay goes when the count is back to zero, or when
  // the drag leaves the window (relatedTarget null), as an element that re-renders mid-drag never sends its dragleave.
  let depth = 0;
  // A drag that started on the page (an image in a table) carries 'Files' in Chromium too: it is no import.
  let dragFromPage = false;
  const carriesFiles = (event: DragEvent) => !dragFromPage && (event.dataTransfer?.types.includes('Files') ?? false);
  // While an import dialog is open, files dropped are refused (the browser would otherwise open them in the tab).
  const importable = (event: DragEvent) => carriesFiles(event) && source() === null;
  const hide = () => {
    depth = 0;
    setDragging(false);
  };
  const listeners: [string, (event: DragEvent) => void][] = [
    ['dragstart', () => (dragFromPage = true)],
    ['dragend', () => ((dragFromPage = false), hide())],
    ['dragenter', (event) => importable(event) && (depth++, setDragging(true))],
    ['dragleave', (event) => importable(event) && (--depth <= 0 || event.relatedTarget === null) && hide()],
    [
      'dragover',
      (event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer!.dropEffect = importable(event) ? 'copy' : 'none';
      },
    ],
    [
      'drop',
      (event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        hide();
        if (!importable(event)) return;
        const taken = droppedImport(event.dataTransfer!);
        taken?.().then(setSource, (error: unknown) => reportProblem(`the dropped files could not be read: ${errorMessage(error)}`));
      },
    ],
  ];
  for (const [type, listener] of listeners) window.addEventListener(type, listener as EventListener);
  onCleanup(() => {
    for (const [type, listener] of listeners) window.removeEventListener(type, listener as EventListener);
  });
  return (
    <>
      <Show when={dragging()}>
        <div class="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
          <p>
            Drop to import: a Labbook bundle (<code>.labbook.zip</code>) or a TensorBoard log folder
          </p>
        </div>
      </Show>
      <Show when={source()} keyed>
        {(what) => <ImportDialog store={props.store} source={what} onClose={() => setSource(null)} />}
      </Show>
    </>
  );
}
