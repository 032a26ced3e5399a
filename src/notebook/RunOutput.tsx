import { createMemo, For, Show } from 'solid-js';
import { MetricPanel } from '../charts/MetricPanel';
import { chartedMetrics } from './chartedMetrics';
import type { LabbookStore } from '../store/labbookStore';
import { createLiveResource } from '../ui/liveResource';
import { StateBadge } from '../ui/StateBadge';

/** Props of RunOutput. */
export interface RunOutputProps {
  store: LabbookStore;
  runId: string;
  name: string;
  project: string;
}

/** Like W&B's notebook display of a run: its name and state with a link to its page, and live charts of its metrics. */
export function RunOutput(props: RunOutputProps) {
  const run = createLiveResource({
    fetch: () => props.store.getRun(props.runId),
    subscribe: (onChange) => props.store.feed.onRun(props.runId, onChange),
  });
  const metrics = createLiveResource<string[]>({
    fetch: () => props.store.listMetrics(props.runId),
    subscribe: (onChange) => props.store.feed.onNewMetric(props.runId, (): readonly string[] => metrics.value() ?? [], onChange),
  });
  const charted = createMemo(() => chartedMetrics(metrics.value() ?? []), [], { equals: (a, b) => a.join('\n') === b.join('\n') });
  return (
    <div class="run-output" data-testid="run-output" data-run-id={props.runId}>
      <div class="run-output-head">
        <span class="muted">run</span>{' '}
        <a href={`#/p/${encodeURIComponent(props.project)}/r/${encodeURIComponent(props.runId)}`} data-testid="run-link">
          {props.name}
        </a>{' '}
        <Show when={run.value()}>{(r) => <StateBadge state={r().state} />}</Show>
        <span class="muted"> in {props.project}</span>
      </div>
      <div class="run-output-charts">
        <For each={charted()}>
          {(metric) => (
            <MetricPanel
              title={metric}
              height={110}
              fetch={(buckets) => props.store.series(props.runId, metric, { buckets })}
              subscribe={(onChange) => props.store.feed.onHistory(props.runId, metric, onChange)}
            />
          )}
        </For>
      </div>
    </div>
  );
}
