import { For, Show } from 'solid-js';
import { newNotebook } from '../model/notebook';
import type { LabbookStore } from '../store/labbookStore';
import { formatAgo } from '../ui/format';
import { createLiveResource } from '../ui/liveResource';

/** The home page's notebooks: open one, or create a new one and go to it. */
export function NotebooksList(props: { store: LabbookStore }) {
  const notebooks = createLiveResource({
    fetch: () => props.store.listNotebooks(),
    subscribe: (onChange) => props.store.feed.subscribe((n) => n.type === 'notebooks' && onChange()),
  });
  const create = async () => {
    const count = (notebooks.value() ?? []).length;
    const notebook = newNotebook(`Untitled ${count + 1}`, Date.now());
    await props.store.saveNotebook(notebook);
    location.hash = `#/nb/${notebook.id}`;
  };
  return (
    <section class="page">
      <header class="page-header">
        <h1>Notebooks</h1>
        <button class="primary" data-testid="new-notebook" onClick={() => void create()}>
          New notebook
        </button>
      </header>
      <Show when={(notebooks.value() ?? []).length > 0} fallback={<p class="empty">No notebooks yet: a notebook runs TypeScript cells in the kernel and tracks the runs they start.</p>}>
        <table class="grid">
          <thead>
            <tr>
              <th>Notebook</th>
              <th class="num">Cells</th>
              <th>Edited</th>
            </tr>
          </thead>
          <tbody>
            <For each={notebooks.value()}>
              {(nb) => (
                <tr>
                  <td>
                    <a href={`#/nb/${nb.id}`}>{nb.name}</a>
                  </td>
                  <td class="num">{nb.cells.length}</td>
                  <td>{formatAgo(nb.updatedAt)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
