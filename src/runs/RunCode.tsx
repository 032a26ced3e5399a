import { reportIfFails } from '../ui/problems';
import { createMemo, createResource, For, Show } from 'solid-js';
import { newCodeCell, newNotebook } from '../model/notebook/notebook';
import type { RunCode as RunCodeRef, RunRecord } from '../model/runs/runTypes';
import type { LabbookStore } from '../store/labbookStore';
import { formatDateTime } from '../ui/format';

/** The code that produced a run, cell by cell, with "Open as notebook" to edit and run it again. */
export function RunCode(props: { store: LabbookStore; run: RunRecord }) {
  // The run record changes with every flush; its code is read again only when it grew (a cell ran while it was open).
  const code = createMemo<RunCodeRef | undefined>(() => props.run.code, undefined, {
    equals: (a, b) => a?.kernelId === b?.kernelId && a?.cells === b?.cells,
  });
  const [read] = createResource(code, (ref) => props.store.readRunCode(ref));
  const cells = () => (read.error ? [] : (read() ?? []));
  const openAsNotebook = async () => {
    const notebook = { ...newNotebook(`${props.run.name} (code)`, Date.now()), cells: cells().map((cell) => newCodeCell(cell.source ?? '')) };
    await props.store.saveNotebook(notebook);
    location.hash = `#/nb/${notebook.id}`;
  };
  return (
    <section class="kv run-code" data-testid="code">
      <header class="run-code-header">
        <h2>Code</h2>
        <Show when={cells().length > 0}>
          <button data-testid="open-as-notebook" onClick={() => reportIfFails('the code could not be opened as a notebook', openAsNotebook())}>
            Open as notebook
          </button>
        </Show>
      </header>
      <Show when={!read.error} fallback={<p class="run-error">The code could not be read: {read.error instanceof Error ? read.error.message : String(read.error)}</p>}>
        <Show when={cells().length > 0} fallback={<p class="muted">{read.loading ? 'Reading the code…' : 'No code was recorded for this run.'}</p>}>
          <For each={cells()}>
            {(cell, index) => (
              <div class="code-cell">
                <span class="muted">
                  cell {index() + 1} · run {formatDateTime(cell.executedAt)} · {cell.hash.slice(0, 8)}
                </span>
                <Show when={cell.source !== null} fallback={<p class="muted">This cell's source was not stored.</p>}>
                  <pre>{cell.source}</pre>
                </Show>
              </div>
            )}
          </For>
        </Show>
      </Show>
    </section>
  );
}
