import { createEffect, createSignal, onCleanup } from 'solid-js';
import type { Cell } from '../model/notebook/notebook';
import type { NotebookScope, ScopeSource } from '../editor/monacoNotebookScope';

/**
 * Tells the cell editors' TypeScript what the notebook's TypeScript cells declare at the top level, so a name one cell
 * defines is known in the others, as it is at run time. The editor code is loaded lazily, as the cells load it.
 */
export function createEditorScope(cells: () => readonly Cell[]): void {
  const [scope, setScope] = createSignal<NotebookScope | null>(null);
  let disposed = false;
  void import('../editor/monacoNotebookScope').then(({ createNotebookScope }) => {
    if (!disposed) setScope(createNotebookScope());
  });
  createEffect(() => {
    const sources: ScopeSource[] = cells().flatMap((cell) => (cell.kind === 'code' && cell.language === 'typescript' ? [{ id: cell.id, source: cell.source }] : []));
    scope()?.setCells(sources);
  });
  onCleanup(() => {
    disposed = true;
    scope()?.dispose();
  });
}
