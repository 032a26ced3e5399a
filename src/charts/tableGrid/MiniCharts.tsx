import { createMemo, For } from 'solid-js';
import type { Histogram } from '../../model/tables/tableGroups';

/** A histogram as a row of bars (a group's numbers, or one class's scores), tallest bar full height. */
export function HistogramBars(props: { histogram: Pick<Histogram, 'min' | 'max'> & { counts: ArrayLike<number> }; width: number; height: number; color?: string; label: string }) {
  // Read once: a histogram given as an expression is recomputed on every read of the prop.
  const counts = createMemo(() => Array.from(props.histogram.counts));
  const peak = createMemo(() => Math.max(1, ...counts()));
  const barWidth = () => props.width / counts().length;
  return (
    <svg class="mini-histogram" width={props.width} height={props.height} role="img" aria-label={props.label}>
      <title>{props.label}</title>
      <For each={counts()}>
        {(count, i) => {
          const h = () => (count / peak()) * (props.height - 1);
          return <rect x={i() * barWidth()} y={props.height - h()} width={Math.max(1, barWidth() - 1)} height={h()} fill={props.color ?? '#2f6fde'} />;
        }}
      </For>
      <line x1="0" x2={props.width} y1={props.height - 0.5} y2={props.height - 0.5} stroke="#c9ced8" />
    </svg>
  );
}

/**
 * Class scores as small bars, the top class darker: a row's prediction at a glance. Two paths rather than a rect per
 * class: a scrolling grid draws one for every row that comes into view.
 */
export function ScoreBars(props: { scores: readonly number[]; height: number; label: string }) {
  const shape = createMemo(() => {
    const top = props.scores.indexOf(Math.max(...props.scores));
    const max = Math.max(1e-12, ...props.scores.map((s) => Math.abs(s)));
    const bar = (score: number, i: number) => {
      const h = (Math.max(0, score) / max) * (props.height - 1);
      return `M${i * 6} ${props.height}h5v${-h}h-5z`;
    };
    return { rest: props.scores.map((score, i) => (i === top ? '' : bar(score, i))).join(''), top: top < 0 ? '' : bar(props.scores[top]!, top) };
  });
  return (
    <svg class="score-bars" width={props.scores.length * 6} height={props.height} role="img" aria-label={props.label}>
      <title>{props.label}</title>
      <path d={shape().rest} fill="#9db7e8" />
      <path d={shape().top} fill="#1d4fb0" />
    </svg>
  );
}
