import { createEffect, createMemo, createSignal, For, Show } from 'solid-js';
import { flattenConfig } from '../model/runs/configFlatten';
import { runtimeMs, type RunRecord } from '../model/runs/runTypes';
import type { LabbookStore } from '../store/labbookStore';
import { createClock } from '../ui/clock';
import { formatCell, formatDateTime, formatDuration, formatNumber } from '../ui/format';
import { KeyValueTable } from '../ui/KeyValueTable';
import { createLiveResource } from '../ui/liveResource';
import { StateBadge } from '../ui/StateBadge';
import { MetricPanel } from '../charts/MetricPanel';
import { RunTables } from './RunTables';
import { stepMetricOf } from '../model/runs/stepMetrics';
import { seriesAgainst } from '../model/history/alignSeries';
import { isSystemMetric, metricXLabel } from '../model/runs/systemMetrics';
import { RunCode } from './RunCode';
import { DeleteRunsDialog } from '../ui/DeletionDialogs';
import { RunExports } from './RunExports';
import { ExportButton } from '../ui/ExportButton';
import { EXPORT_FORMATS, exportWriter } from '../exchange/runExports';

/** Props of RunPage. */
export interface RunPageProps {
  store: LabbookStore;
  project: string;
  runId: string;
}

function environmentRows(run: RunRecord): [string, string][] {
  const env = run.environment;
  const adapter = env.webgpuAdapter;
  return [
    ['tfjs backend', env.tfjsBackend ?? 'none'],
    ['WebGPU adapter', adapter ? `${adapter.vendor || 'unknown vendor'} · ${adapter.architecture || 'unknown'}${adapter.isFallbackAdapter ? ' (software fallback)' : ''}` : 'none'],
    ['CPU threads', env.hardwareConcurrency === null ? 'not recorded' : formatCell(env.hardwareConcurrency)],
    ['device memory', env.deviceMemoryGb === null ? 'not exposed' : `${env.deviceMemoryGb} GB`],
    ['user agent', env.userAgent],
    ['Labbook version', env.appVersion],
  ];
}

/** One run: its state, config, summary and environment, and a live line chart per logged metric. */
export function RunPage(props: RunPageProps) {
  // Wrapped, so a read that found no run (deleted) is told apart from no read yet.
  const run = createLiveResource({
    fetch: async () => ({ record: await props.store.getRun(props.runId) }),
    subscribe: (onChange) => props.store.feed.onRun(props.runId, onChange),
  });
  const [seen, setSeen] = createSignal(false);
  createEffect(() => run.value()?.record && setSeen(true));
  const [deleting, setDeleting] = createSignal(false);
  const workspaceHref = () => `#/p/${encodeURIComponent(props.project)}`;
  const missing = () => {
    if (run.error()) return <>{run.error()}</>;
    if (!run.value()) return <>Loading run…</>;
    return (
      <span data-testid="run-missing">
        {seen() ? 'This run was deleted.' : `There is no run ${props.runId} in ${props.project}: it was deleted, or the link is wrong.`}{' '}
        <a href={workspaceHref()}>Go to {props.project}</a>.
      </span>
    );
  };
  const metrics = createLiveResource<string[]>({
    fetch: () => props.store.listMetrics(props.runId),
    // Only a metric not charted yet changes the list; new points of known metrics are the panels' business.
    subscribe: (onChange) => props.store.feed.onNewMetric(props.runId, (): readonly string[] => metrics.value() ?? [], onChange),
  });
  // Each metric with what its run defined it to be plotted against (define_metric's step_metric), as "metric\0x":
  // a definition that arrives while the page is open rebuilds that chart alone. A step metric is an axis, not a chart.
  const charted = createMemo(
    () => {
      const logged = (metrics.value() ?? []).filter((m) => !m.startsWith('_') && !isSystemMetric(m));
      const xOf = new Map(logged.map((m) => [m, stepMetricOf(run.value()?.record?.stepMetrics, m) ?? '']));
      const axes = new Set(xOf.values());
      return logged.filter((m) => !axes.has(m)).map((m) => `${m}\0${xOf.get(m)}`);
    },
    [],
    { equals: (a, b) => a.join('\n') === b.join('\n') },
  );
  // Sampled on a clock while the run was open, so charted apart and against time, as W&B's System section is.
  const systemCharted = createMemo(() => (metrics.value() ?? []).filter(isSystemMetric));
  const read = (name: string, buckets: number) => props.store.series(props.runId, name, { buckets });
  const panel = (metric: string, x: string | null) => (
    <MetricPanel
      title={metric}
      xLabel={x ?? metricXLabel(metric)}
      fetch={seriesAgainst(read, metric, x)}
      subscribe={(onChange) => props.store.feed.onHistory(props.runId, metric, onChange)}
    />
  );
  const stepPanel = (entry: string) => {
    const [metric, x] = entry.split('\0') as [string, string];
    return panel(metric, x === '' ? null : x);
  };
  const now = createClock();

  return (
    <section class="page">
      <Show when={run.value()?.record} fallback={<p class="empty">{missing()}</p>}>
        {(r) => (
          <>
            <header class="page-header">
              <h1>
                <a href="#/">Projects</a> / <a href={`#/p/${encodeURIComponent(props.project)}`}>{props.project}</a> / <span data-testid="run-name">{r().name}</span>
              </h1>
              <div class="run-meta">
                <StateBadge state={r().state} />
                <span>created {formatDateTime(r().createdAt)}</span>
                <span>runtime {formatDuration(r().state === 'running' ? now() - r().createdAt : runtimeMs(r()))}</span>
                <Show when={r().group}>
                  <span>group {r().group}</span>
                </Show>
                <Show when={r().tags.length > 0}>
                  <span>tags {r().tags.join(', ')}</span>
                </Show>
                <RunExports store={props.store} run={r()} />
                <ExportButton label="Export…" testId="export-run" subject={`run ${r().name}`} formats={EXPORT_FORMATS} write={exportWriter(props.store, { runIds: [r().id] }, r().name)} />
                <button class="link danger-link" data-testid="delete-run" onClick={() => setDeleting(true)}>
                  Delete run…
                </button>
              </div>
            </header>
            <Show when={r().error}>
              <p class="run-error" data-testid="run-error">
                {r().error}
              </p>
            </Show>
            <Show when={r().notes}>
              <p class="notes">{r().notes}</p>
            </Show>
            <Show when={r().warnings.length > 0}>
              <details class="warnings">
                <summary>{r().warnings.length} warnings</summary>
                <ul>
                  <For each={r().warnings}>{(w) => <li>{w}</li>}</For>
                </ul>
              </details>
            </Show>
            <div class="charts" data-testid="charts">
              <For each={charted()} fallback={<p class="muted">No metrics logged yet.</p>}>
                {stepPanel}
              </For>
            </div>
            <RunTables store={props.store} run={r()} />
            <Show when={systemCharted().length > 0}>
              <h2 class="section-title">System</h2>
              <div class="charts" data-testid="system-charts">
                <For each={systemCharted()}>{(metric) => panel(metric, null)}</For>
              </div>
            </Show>
            <div class="kv-columns">
              <KeyValueTable
                title="Config"
                testId="config"
                rows={Object.entries(flattenConfig(r().config)).map(([k, v]) => [k, formatCell(v)])}
                empty="No config."
              />
              <KeyValueTable
                title="Summary"
                testId="summary"
                rows={Object.entries(r().summary)
                  .filter(([k]) => !k.startsWith('_'))
                  .sort(([a], [b]) => a.localeCompare(b))
                  .map(([k, v]) => [k, formatNumber(v)])}
                empty="Nothing logged yet."
              />
              <KeyValueTable title="Environment" testId="environment" rows={environmentRows(r())} empty="" />
            </div>
            <RunCode store={props.store} run={r()} />
            <Show when={deleting()}>
              <DeleteRunsDialog
                preview={() => props.store.previewRunDeletion([props.runId])}
                remove={async (ids) => {
                  await props.store.deleteRuns(ids);
                  location.hash = workspaceHref();
                }}
                onClose={() => setDeleting(false)}
              />
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
