import { For, Show } from 'solid-js';
import { newCodeCell, newNotebook } from '../model/notebook/notebook';
import type { RunRecord } from '../model/runs/runTypes';
import type { LabbookStore } from '../store/labbookStore';
import { formatDateTime } from '../ui/format';

/** The code that produced a run, cell by cell, with "Open as notebook" to edit and run it again. */
export function RunCode(props: { store: LabbookStore; run: RunRecord }) {
  const cells = () => props.run.code?.cells ?? [];
  const openAsNotebook = async () => {
    const notebook = { ...newNotebook(`${props.run.name} (code)`, Date.now()), cells: cells().map((cell) => newCodeCell(cell.source)) };
    await props.store.saveNotebook(notebook);
    location.hash = `#/nb/${notebook.id}`;
  };
  return (
    <section class="kv run-code" data-testid="code">
      <header class="run-code-header">
        <h2>Code</h2>
        <Show when={cells().length > 0}>
          <button data-testid="open-as-notebook" onClick={() => void openAsNotebook()}>
            Open as notebook
          </button>
        </Show>
      </header>
      <Show when={cells().length > 0} fallback={<p class="muted">No code was recorded for this run.</p>}>
        <For each={cells()}>
          {(cell, index) => (
            <div class="code-cell">
              <span class="muted">
                cell {index() + 1} · run {formatDateTime(cell.executedAt)} · {cell.hash.slice(0, 8)}
              </span>
              <pre>{cell.source}</pre>
            </div>
          )}
        </For>
      </Show>
    </section>
  );
}
