import { createDeferred, createMemo, createSignal, For, Show } from 'solid-js';
import { barDomain } from '../../charts/barScale';
import { ValueBar } from '../../charts/ValueBar';
import { paramImportance } from '../../model/workspace/paramImportance';
import type { ImportancePanel } from '../../model/workspace/workspaceState';
import { formatNumber } from '../../ui/format';
import { ColumnSelect } from './ColumnSelect';
import { importanceInputKey, sortImportanceRows, toggledImportanceSort, type ImportanceSort } from './importanceRows';
import { preferredMetric } from './panelDefaults';
import type { PanelContext, PanelKind } from '../panelRegistry';
import './runPanels.css';

/** Rows listed before "show all": one-hot categories of a big config can make hundreds. */
const ROWS_SHOWN = 30;
/** A forest over 1,000 runs takes up to ~0.1 s; it waits for an idle moment, at most this long, so brushing stays smooth. */
const IDLE_TIMEOUT_MS = 300;
const IMPORTANCE_COLOR = '#4e79a7';
const POSITIVE_COLOR = '#1f8a4c';
const NEGATIVE_COLOR = '#c73a3a';

function ImportanceView(props: { panel: ImportancePanel; ctx: PanelContext }) {
  const [sort, setSort] = createSignal<ImportanceSort>({ by: 'importance', descending: true });
  const [showAll, setShowAll] = createSignal(false);
  const metric = () => props.panel.metric ?? preferredMetric(props.ctx.columns());
  // The forest is regrown only when what it reads changed (see importanceInputKey), and then off the update that
  // changed it.
  const inputs = createMemo(
    () => {
      const m = metric();
      const runs = props.ctx.runs().visible;
      return { metric: m, runs, key: m === null ? '' : importanceInputKey(runs, m) };
    },
    undefined,
    { equals: (a, b) => a.key === b.key },
  );
  const settled = createDeferred(inputs, { timeoutMs: IDLE_TIMEOUT_MS });
  const result = createMemo(() => {
    const { metric: m, runs } = settled();
    return m === null ? null : paramImportance(runs, { metric: m });
  });
  const rows = createMemo(() => sortImportanceRows(result()?.rows ?? [], sort()));
  // Every importance 0: the forest found no split worth making (a handful of runs), which 0.000 in every row hid.
  const noSplit = () => rows().length > 0 && rows().every((row) => row.importance === 0);
  const shown = () => (showAll() ? rows() : rows().slice(0, ROWS_SHOWN));
  const importanceDomain = createMemo(() => barDomain(rows().map((r) => r.importance)));
  const header = (by: ImportanceSort['by'], text: string) => (
    <th class="sortable" data-testid={`sort-${by}`} aria-sort={sort().by === by ? (sort().descending ? 'descending' : 'ascending') : 'none'} onClick={() => setSort(toggledImportanceSort(sort(), by))}>
      {text} {sort().by === by ? (sort().descending ? '▾' : '▴') : ''}
    </th>
  );

  return (
    <div class="importance-panel" data-testid="importance" classList={{ stale: settled() !== inputs() }}>
      <Show when={result()} fallback={<p class="muted panel-note">No summary metric to explain yet: runs need to log one.</p>}>
        {(r) => (
          <>
            <p class="muted panel-caption" data-testid="importance-caption">
              {r().runCount} of {settled().runs.length} visible runs have a value of {r().metric}
            </p>
            <Show when={noSplit()}>
              <p class="panel-note" data-testid="importance-too-few">
                Too few runs for importance: with {r().runCount}, no key splits them into groups that differ. Correlations are shown; log more runs to rank the keys.
              </p>
            </Show>
            <Show when={rows().length > 0}>
              <table class="importance-table">
                <thead>
                  <tr>
                    <th>config key</th>
                    {header('importance', 'importance')}
                    {header('correlation', 'correlation')}
                  </tr>
                </thead>
                <tbody>
                  <For each={shown()}>
                    {(row) => (
                      <tr data-testid="importance-row" data-key={row.key}>
                        <th title={row.label}>{row.label}</th>
                        <td>
                          <Show when={!noSplit()} fallback={<span class="bar-number" title="too few runs to split on">—</span>}>
                            <ValueBar value={row.importance} domain={importanceDomain()} color={IMPORTANCE_COLOR} label={`importance ${formatNumber(row.importance)}`} />
                            <span class="bar-number">{row.importance.toFixed(3)}</span>
                          </Show>
                        </td>
                        <td>
                          <ValueBar value={row.correlation} domain={[-1, 1]} color={row.correlation < 0 ? NEGATIVE_COLOR : POSITIVE_COLOR} label={`correlation ${formatNumber(row.correlation)}`} />
                          <span class="bar-number" title={Number.isNaN(row.correlation) ? 'no correlation: one side is constant' : undefined}>
                            {Number.isNaN(row.correlation) ? '—' : row.correlation.toFixed(2)}
                          </span>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <Show when={rows().length > shown().length}>
                <button class="link" onClick={() => setShowAll(true)}>
                  show all {rows().length} rows
                </button>
              </Show>
            </Show>
            <Show when={r().skipped.length > 0}>
              <details class="importance-skipped" open={rows().length === 0 || r().skipped.length <= 5}>
                <summary class="muted">
                  {r().skipped.length} config {r().skipped.length === 1 ? 'key' : 'keys'} not used
                </summary>
                <ul>
                  <For each={r().skipped}>
                    {(skip) => (
                      <li data-testid="importance-skipped" data-key={skip.key}>
                        <b>{skip.key}</b>: {skip.reason}
                      </li>
                    )}
                  </For>
                </ul>
              </details>
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}

function ImportanceEditor(props: { panel: ImportancePanel; ctx: PanelContext; onChange: (panel: ImportancePanel) => void }) {
  const summaries = () => props.ctx.columns().filter((c) => c.kind === 'summary');
  const metric = () => props.panel.metric ?? preferredMetric(props.ctx.columns());
  return (
    <div class="panel-editor">
      <ColumnSelect
        label="metric"
        testId="importance-metric"
        value={metric() === null ? null : { kind: 'summary', key: metric()! }}
        columns={summaries()}
        onChange={(column) => props.onChange({ ...props.panel, metric: column?.key ?? null })}
      />
      <p class="muted">Importance: share of a random forest's splits (over all config keys at once) that explain the metric. Correlation: linear, per key.</p>
    </div>
  );
}

/** W&B's parameter importance: which config keys explain a summary metric, by random-forest importance and correlation. */
export const importancePanelKind: PanelKind<ImportancePanel> = {
  type: 'importance',
  label: 'Parameter importance',
  description: 'Which config keys explain a metric: random-forest importance and correlation, sortable',
  create: (id, ctx) => ({ id, type: 'importance', metric: preferredMetric(ctx.columns()) }),
  title: (panel) => `Parameter importance${panel.metric ? `: ${panel.metric}` : ''}`,
  View: ImportanceView,
  Editor: ImportanceEditor,
};
