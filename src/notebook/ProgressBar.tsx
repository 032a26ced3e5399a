import { Show } from 'solid-js';
import { progressRate, type ProgressOutput } from '../model/notebook/displayOutput';
import { formatDuration, formatNumber } from '../ui/format';

/** A tqdm-like bar: label, bar, done/total, rate, time left (or time taken once finished), and a detail such as the loss. */
export function ProgressBar(props: { progress: ProgressOutput }) {
  const fraction = () => (props.progress.total ? Math.min(1, props.progress.done / props.progress.total) : null);
  const figures = () => {
    const p = props.progress;
    const { perSecond, etaMs } = progressRate(p);
    const parts = [p.total === null ? `${p.done}` : `${p.done}/${p.total}`];
    if (perSecond !== null) parts.push(`${formatNumber(Number(perSecond.toPrecision(3)))} ${p.unit}/s`);
    parts.push(p.finished ? `took ${formatDuration(p.elapsedMs)}` : etaMs !== null ? `ETA ${formatDuration(etaMs)}` : formatDuration(p.elapsedMs));
    if (p.detail) parts.push(p.detail);
    return parts.join(' · ');
  };
  return (
    <div class="progress" classList={{ 'progress-done': props.progress.finished }} data-testid="progress">
      <Show when={props.progress.label}>
        <span class="progress-label">{props.progress.label}</span>
      </Show>
      <span
        class="progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={props.progress.total ?? undefined}
        aria-valuenow={props.progress.done}
      >
        <span class="progress-fill" classList={{ 'progress-unknown': fraction() === null }} style={{ width: `${(fraction() ?? 1) * 100}%` }} />
      </span>
      <span class="progress-figures">{figures()}</span>
    </div>
  );
}
