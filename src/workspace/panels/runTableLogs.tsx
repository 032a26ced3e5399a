import { createMemo, createResource, For, type Accessor } from 'solid-js';
import type { RunRecord, RunTableSummary } from '../../model/runs/runTypes';
import type { TableLogRecord } from '../../store/schema';
import type { PanelContext } from '../panelRegistry';

/** The table keys the runs logged (those `keep` accepts), sorted: what a table or media panel can show. */
export function loggedTableKeys(runs: readonly RunRecord[], keep: (summary: RunTableSummary) => boolean = () => true): string[] {
  return [...new Set(runs.flatMap((run) => Object.entries(run.tables ?? {}).flatMap(([key, summary]) => (keep(summary) ? [key] : []))))].sort();
}

/**
 * Every log of a key for each of some runs, read again when those runs or their versions of the key change, not on
 * every record change of a live run.
 */
export function createRunTableLogs(ctx: PanelContext, key: Accessor<string>, runs: Accessor<readonly RunRecord[]>) {
  const signature = createMemo(() => runs().map((run) => `${run.id}:${run.tables?.[key()]?.versions ?? 0}`).join('\n'));
  const [logs] = createResource(signature, () => Promise.all(runs().map(async (run): Promise<{ run: RunRecord; logs: TableLogRecord[] }> => ({ run, logs: await ctx.store.readTableLogs(run.id, key()) }))));
  return logs;
}

/** A panel setting: which logged key it shows. */
export function TableKeySelect(props: { keys: readonly string[]; value: string; testId: string; label: string; onChange: (key: string) => void }) {
  return (
    <label>
      {props.label}{' '}
      <select data-testid={props.testId} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <For each={props.keys}>{(key) => <option value={key}>{key}</option>}</For>
      </select>
    </label>
  );
}
