import { createMemo, For, Show } from 'solid-js';
import { MetricPanel } from '../charts/MetricPanel';
import { chartedMetrics } from './chartedMetrics';
import { seriesAgainst } from '../model/history/alignSeries';
import { stepMetricOf } from '../model/runs/stepMetrics';
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
  // Each metric with the step metric its run defined for it (define_metric), as "metric\0x": a definition arriving
  // while the run logs rebuilds that chart alone.
  const charted = createMemo(() => chartedMetrics(metrics.value() ?? []).map((m) => `${m}\0${stepMetricOf(run.value()?.stepMetrics, m) ?? ''}`), [], {
    equals: (a, b) => a.join('\n') === b.join('\n'),
  });
  const read = (name: string, buckets: number) => props.store.series(props.runId, name, { buckets });
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
          {(entry) => {
            const [metric, x] = entry.split('\0') as [string, string];
            return (
              <MetricPanel
                title={metric}
                height={110}
                xLabel={x || undefined}
                fetch={seriesAgainst(read, metric, x || null)}
                subscribe={(onChange) => props.store.feed.onHistory(props.runId, metric, onChange)}
              />
            );
          }}
        </For>
      </div>
    </div>
  );
}
