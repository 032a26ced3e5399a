import { errorMessage } from '../lib/errorMessage';
import { FilePicker } from '../ui/FilePicker';
import { reportIfFails } from '../ui/problems';
import { createResource, createSignal, For, Show } from 'solid-js';
import { notebookFromIpynb } from '../exchange/ipynb';
import { newNotebook, type Notebook } from '../model/notebook/notebook';
import { randomId } from '../lib/ids';
import type { LabbookStore } from '../store/labbookStore';
import { formatAgo } from '../ui/format';
import { createLiveResource } from '../ui/liveResource';

/** An example notebook listed in public/examples/index.json. */
interface ExampleEntry {
  file: string;
  title: string;
  description: string;
}

/** The home page's notebooks: open one, create one, import a .ipynb, or start from an example. */
export function NotebooksList(props: { store: LabbookStore }) {
  const [examples] = createResource(async (): Promise<ExampleEntry[]> => {
    const response = await fetch('./examples/index.json');
    return response.ok ? ((await response.json()) as ExampleEntry[]) : [];
  });
  const [importError, setImportError] = createSignal<string | null>(null);
  const openCopy = async (text: string, fallbackName: string, example?: string) => {
    try {
      const imported = notebookFromIpynb(text, { fallbackName, now: Date.now() });
      const notebook: Notebook = { ...imported.notebook, ...(example === undefined ? {} : { example }) };
      await props.store.saveNotebook(notebook);
      for (const [cellId, run] of imported.outputs) await props.store.saveCellOutput(notebook.id, cellId, run);
      setImportError(null);
      location.hash = `#/nb/${notebook.id}`;
    } catch (error) {
      setImportError(`${fallbackName}: ${errorMessage(error)}`);
    }
  };
  // An example's card makes a copy the first time and opens that copy afterwards (a new copy only once it is deleted).
  const copyOf = (example: ExampleEntry) => (notebooks.value() ?? []).find((nb) => nb.example === example.file);
  const openExample = async (example: ExampleEntry) => {
    const copy = (await props.store.listNotebooks()).find((nb) => nb.example === example.file);
    if (copy) location.hash = `#/nb/${copy.id}`;
    else await openCopy(await (await fetch(`./examples/${example.file}`)).text(), example.title, example.file);
  };
  const importFile = async (file: File) => openCopy(await file.text(), file.name.replace(/\.ipynb$/i, ''));
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
  const duplicate = async (notebook: Notebook) => {
    const now = Date.now();
    const { example: _example, ...copied } = notebook;
    await props.store.saveNotebook({ ...copied, id: randomId(10), name: `${notebook.name} (copy)`, createdAt: now, updatedAt: now });
  };
  const remove = async (notebook: Notebook) => {
    if (confirm(`Delete the notebook "${notebook.name}"? Its runs stay in their projects.`)) await props.store.deleteNotebook(notebook.id);
  };
  return (
    <section class="page">
      <header class="page-header">
        <h1>Notebooks</h1>
        <div class="actions">
          <FilePicker label="Import .ipynb" testId="import-ipynb" accept=".ipynb,application/x-ipynb+json,application/json" onPick={([file]) => void importFile(file!)} />
          <button class="primary" data-testid="new-notebook" onClick={() => reportIfFails('the notebook could not be created', create())}>
            New notebook
          </button>
        </div>
      </header>
      <Show when={importError()}>
        <p class="alert" role="alert" data-testid="import-error">
          Could not open {importError()}. Nothing was changed.
        </p>
      </Show>
      <Show when={(examples() ?? []).length > 0}>
        <div class="examples">
          <For each={examples()}>
            {(example) => (
              <button class="example" data-testid={`example-${example.file}`} onClick={() => void openExample(example)}>
                <b>{example.title}</b>
                <span class="muted">{example.description}</span>
                <Show when={copyOf(example)}>{(copy) => <span class="muted example-copy">Opens your copy, “{copy().name}”</span>}</Show>
              </button>
            )}
          </For>
        </div>
      </Show>
      <Show when={(notebooks.value() ?? []).length > 0} fallback={<p class="empty">No notebooks yet: a notebook runs TypeScript cells in the kernel and tracks the runs they start.</p>}>
        <table class="grid">
          <thead>
            <tr>
              <th>Notebook</th>
              <th class="num">Cells</th>
              <th>Edited</th>
              <th />
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
                  <td class="row-actions">
                    <button class="link" data-testid="duplicate-notebook" onClick={() => reportIfFails(`${nb.name} could not be duplicated`, duplicate(nb))}>
                      duplicate
                    </button>
                    <button class="link" data-testid="delete-notebook" onClick={() => reportIfFails(`${nb.name} could not be deleted`, remove(nb))}>
                      delete
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
