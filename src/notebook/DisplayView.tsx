import { createMemo, Match, onCleanup, Show, Switch } from 'solid-js';
import type { DisplayOutput } from '../model/notebook/displayOutput';
import type { LabbookStore } from '../store/labbookStore';
import { formatNumber } from '../ui/format';
import { ProgressBar } from './ProgressBar';
import { RunOutput } from './RunOutput';
import { ValueTreeView } from './ValueTreeView';

type Of<K extends DisplayOutput['kind']> = Extract<DisplayOutput, { kind: K }>;

/** One rich output of a cell. */
export function DisplayView(props: { output: DisplayOutput; store: LabbookStore }) {
  const as = <K extends DisplayOutput['kind']>(kind: K) => (props.output.kind === kind ? (props.output as Of<K>) : false);
  return (
    <Switch>
      <Match when={as('value')}>{(value) => <ValueTreeView node={value().value} open />}</Match>
      <Match when={as('tensor')}>{(tensor) => <TensorView tensor={tensor()} />}</Match>
      <Match when={as('image')}>{(image) => <ImageView image={image()} />}</Match>
      <Match when={as('progress')}>{(progress) => <ProgressBar progress={progress()} />}</Match>
      <Match when={as('run')}>{(run) => <RunOutput store={props.store} runId={run().runId} name={run().name} project={run().project} />}</Match>
    </Switch>
  );
}

function TensorView(props: { tensor: Of<'tensor'> }) {
  const header = () => {
    const t = props.tensor;
    const parts = [`Tensor ${t.dtype} [${t.shape.join(', ')}]`, `${t.size} ${t.size === 1 ? 'value' : 'values'}`];
    if (t.stats) parts.push(`min ${formatNumber(t.stats.min)}`, `max ${formatNumber(t.stats.max)}`, `mean ${formatNumber(t.stats.mean)}`);
    return parts.join(' · ');
  };
  return (
    <div class="tensor" data-testid="tensor">
      <div class="tensor-head">{header()}</div>
      <pre class="tensor-values">{props.tensor.preview}</pre>
    </div>
  );
}

function ImageView(props: { image: Of<'image'> }) {
  const url = createMemo((previous: string | undefined) => {
    if (previous) URL.revokeObjectURL(previous);
    return URL.createObjectURL(new Blob([props.image.png as Uint8Array<ArrayBuffer>], { type: 'image/png' }));
  });
  onCleanup(() => URL.revokeObjectURL(url()));
  // Small images (an MNIST digit) are scaled up with crisp pixels; large ones fit the cell.
  const scale = () => Math.max(1, Math.min(8, Math.floor(160 / Math.max(props.image.width, props.image.height))));
  return (
    <figure class="image-output" data-testid="image">
      <img
        src={url()}
        width={props.image.width * scale()}
        height={props.image.height * scale()}
        alt={props.image.caption ?? `image ${props.image.width}×${props.image.height}`}
      />
      <Show when={props.image.caption}>
        <figcaption>{props.image.caption}</figcaption>
      </Show>
    </figure>
  );
}
