import { For, Match, Show, Switch } from 'solid-js';
import { MAX_STREAM_CHARS, type CellRun } from '../model/notebook/cellRun';
import type { LabbookStore } from '../store/labbookStore';
import { DisplayView } from './DisplayView';

/** Everything a cell's last run left under it, in arrival order: printed text, rich displays, then its result or error. */
export function CellOutput(props: { run: CellRun; store: LabbookStore }) {
  // A plain value (number, string, …) reads best as the text a console prints; anything richer gets its view.
  const plainResult = () => {
    const result = props.run.result;
    if (!result || result.text === null) return null;
    const rich = result.rich;
    return rich === null || (rich.kind === 'value' && rich.value.kind === 'leaf') ? result.text : null;
  };
  // A run the cell ended with (`run` as its last line) is already charted under the cell since its init().
  const richResult = () => {
    const rich = props.run.result?.rich ?? null;
    if (rich?.kind !== 'run') return rich;
    const charted = props.run.outputs.some((item) => item.kind === 'display' && item.output.kind === 'run' && item.output.runId === rich.runId);
    return charted ? null : rich;
  };
  return (
    <div class="cell-output" data-testid="output">
      <Show when={props.run.droppedChars}>
        {(dropped) => (
          <p class="output-cut" data-testid="output-cut">
            Output cut: the first {dropped().toLocaleString('en-US')} characters printed are not kept; a cell keeps its last {MAX_STREAM_CHARS.toLocaleString('en-US')}.
          </p>
        )}
      </Show>
      <For each={props.run.outputs}>
        {(item) => (
          <Switch>
            <Match when={item.kind === 'stream' && item}>{(s) => <pre class={`stream stream-${s().stream}`}>{s().text}</pre>}</Match>
            <Match when={item.kind === 'display' && item}>{(d) => <DisplayView output={d().output} store={props.store} />}</Match>
          </Switch>
        )}
      </For>
      <Show when={plainResult() !== null}>
        <pre class="result">{plainResult()}</pre>
      </Show>
      <Show when={plainResult() === null && richResult()}>
        {(rich) => (
          <div class="result">
            <DisplayView output={rich()} store={props.store} />
          </div>
        )}
      </Show>
      <Show when={props.run.error}>
        {(error) => (
          <pre class="cell-error" data-testid="cell-error">
            {error().name}: {error().message}
            {error().position ? `\n  at line ${error().position!.line}, column ${error().position!.column} of this cell` : ''}
          </pre>
        )}
      </Show>
    </div>
  );
}
