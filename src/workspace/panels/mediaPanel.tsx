import { createMemo, createSignal, For, Show } from 'solid-js';
import { MediaImage } from '../../charts/tableGrid/MediaImage';
import type { RunRecord } from '../../model/runs/runTypes';
import { logAtStep, tableImages, unionSteps } from '../../model/tables/mediaSteps';
import { tableOfLogs } from '../../model/tables/tableVersions';
import type { MediaPanel } from '../../model/workspace/workspaceState';
import type { PanelContext, PanelKind } from '../panelRegistry';
import { createRunTableLogs, loggedTableKeys, TableKeySelect } from './runTableLogs';
import './runPanels.css';

/** Runs shown side by side at most, and images per run. */
const MAX_RUNS = 12;
const MAX_IMAGES = 16;

/** Keys logged a version per step (not incremental tables): what a media panel can show. */
const mediaKeys = (runs: readonly RunRecord[]) => loggedTableKeys(runs, (summary) => summary.mode !== 'incremental');

function MediaView(props: { panel: MediaPanel; ctx: PanelContext }) {
  const runs = createMemo(() => props.ctx.runs().visible.filter((run) => run.tables?.[props.panel.key]).slice(0, MAX_RUNS));
  const logs = createRunTableLogs(props.ctx, () => props.panel.key, runs);
  const steps = createMemo(() => unionSteps((logs() ?? []).map((r) => r.logs.map((log) => log.step))));
  // The step the slider picked, or the latest while the user has not moved it (so a live run's new images show).
  const [picked, setPicked] = createSignal<number | null>(null);
  const step = () => picked() ?? steps()[steps().length - 1] ?? 0;
  const atStep = createMemo(() =>
    (logs() ?? []).map(({ run, logs: runLogs }) => {
      const at = logAtStep(runLogs.map((log) => log.step), step());
      const table = at < 0 ? null : tableOfLogs(runLogs, at);
      return { run, step: at < 0 ? null : runLogs[at]!.step, images: table ? tableImages(table, MAX_IMAGES) : [] };
    }),
  );
  return (
    <div class="media-panel" data-testid="media-panel">
      <Show when={props.panel.key} fallback={<p class="muted panel-note">Choose a key in the settings (⚙).</p>}>
        <Show when={steps().length > 1}>
          <label class="media-step">
            step {step()}{' '}
            <input
              type="range"
              data-testid="media-step"
              aria-label={`Step of ${props.panel.key}`}
              min="0"
              max={steps().length - 1}
              value={steps().indexOf(step())}
              onInput={(e) => setPicked(steps()[Number(e.currentTarget.value)] ?? null)}
            />
          </label>
        </Show>
        <Show when={runs().length > 0} fallback={<p class="muted panel-note">No visible run logged {props.panel.key}.</p>}>
          <div class="media-runs">
            <For each={atStep()}>
              {(entry) => (
                <div class="media-run" data-run-id={entry.run.id}>
                  <div class="media-run-name">
                    <span class="swatch" style={{ background: props.ctx.colorOf(entry.run) }} /> {entry.run.name}
                    <span class="muted"> {entry.step === null ? 'nothing yet' : `step ${entry.step}`}</span>
                  </div>
                  <div class="media-images">
                    <For each={entry.images}>{(image) => <MediaImage image={image} read={(hash) => props.ctx.store.getMedia(hash)} size={64} />}</For>
                  </div>
                </div>
              )}
            </For>
          </div>
        </Show>
      </Show>
    </div>
  );
}

function MediaEditor(props: { panel: MediaPanel; ctx: PanelContext; onChange: (panel: MediaPanel) => void }) {
  return (
    <div class="panel-editor">
      <TableKeySelect label="key" testId="media-panel-key" keys={mediaKeys(props.ctx.allRuns())} value={props.panel.key} onChange={(key) => props.onChange({ ...props.panel, key })} />
    </div>
  );
}

/** Images logged per step, the visible runs side by side at one step chosen with a slider. */
export const mediaPanelKind: PanelKind<MediaPanel> = {
  type: 'media',
  label: 'Media',
  description: 'Images a key logged per step, the visible runs side by side, with a step slider',
  create: (id, ctx) => ({ id, type: 'media', key: mediaKeys(ctx.allRuns())[0] ?? '' }),
  title: (panel) => (panel.key ? `Media: ${panel.key}` : 'Media'),
  View: MediaView,
  Editor: MediaEditor,
};
