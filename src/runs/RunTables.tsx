import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { TableGrid } from '../charts/tableGrid/TableGrid';
import type { RunRecord, RunTableSummary } from '../model/runs/runTypes';
import { tableOfLogs } from '../model/tables/tableVersions';
import type { LabbookStore } from '../store/labbookStore';

/** The tables a run logged, each as a grid; shown on the run page under its charts. */
export function RunTables(props: { store: LabbookStore; run: RunRecord }) {
  const keys = createMemo(() => Object.keys(props.run.tables ?? {}).sort(), [], { equals: (a, b) => a.join('\n') === b.join('\n') });
  return (
    <Show when={keys().length > 0}>
      <h2 class="section-title">Tables</h2>
      <For each={keys()}>{(key) => <RunTable store={props.store} runId={props.run.id} name={key} summary={() => props.run.tables![key]!} />}</For>
    </Show>
  );
}

/**
 * One table key: an incremental table shows all its increments together; an immutable or mutable one shows a version,
 * the latest unless the step slider picks another. A new log re-reads the key.
 */
function RunTable(props: { store: LabbookStore; runId: string; name: string; summary: () => RunTableSummary }) {
  const [logs] = createResource(
    () => props.summary().versions,
    () => props.store.readTableLogs(props.runId, props.name),
  );
  const [picked, setPicked] = createSignal<number | null>(null);
  const versioned = () => props.summary().mode !== 'incremental' && (logs()?.length ?? 0) > 1;
  const at = () => Math.min(picked() ?? Infinity, (logs()?.length ?? 1) - 1);
  const table = createMemo(() => tableOfLogs(logs() ?? [], at()));
  return (
    <section class="run-table" data-testid="run-table" data-key={props.name}>
      <h3 class="run-table-title">
        {props.name}{' '}
        <span class="muted">
          {props.summary().mode} · {props.summary().versions} {props.summary().versions === 1 ? 'log' : 'logs'}
        </span>
      </h3>
      <Show when={versioned()}>
        <label class="table-step">
          step {logs()![at()]!.step}{' '}
          <input
            type="range"
            data-testid="table-step"
            aria-label={`Version of ${props.name} by step`}
            min="0"
            max={logs()!.length - 1}
            value={at()}
            onInput={(e) => setPicked(Number(e.currentTarget.value))}
          />
        </label>
      </Show>
      <Show when={table()} fallback={<p class="muted">Loading {props.name}…</p>}>
        {(t) => <TableGrid table={t()} name={props.name} readMedia={(hash) => props.store.getMedia(hash)} />}
      </Show>
    </section>
  );
}
