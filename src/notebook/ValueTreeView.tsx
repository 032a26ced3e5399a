import { createSignal, For, Match, Show, Switch } from 'solid-js';
import type { ValueNode } from '../model/notebook/displayOutput';

/** Props of ValueTreeView. */
export interface ValueTreeViewProps {
  node: ValueNode;
  /** Shown before the value, e.g. a property name. */
  name?: string;
  /** Open from the start (the top level of a result is; nested values wait for a click, as in a browser console). */
  open?: boolean;
}

/** A value as an expandable tree: children are rendered only once opened, so a large object costs nothing until looked at. */
export function ValueTreeView(props: ValueTreeViewProps) {
  const [open, setOpen] = createSignal(props.open ?? false);
  const prefix = () => (props.name === undefined ? null : <span class="vt-key">{props.name}: </span>);
  return (
    <Switch>
      <Match when={props.node.kind === 'branch' && props.node}>
        {(branch) => (
          <details class="vt-branch" open={open()} onToggle={(e) => setOpen(e.currentTarget.open)}>
            <summary>
              {prefix()}
              <span class="vt-label">{branch().label}</span> <span class="vt-summary">{branch().summary}</span>
            </summary>
            <Show when={open()}>
              <div class="vt-children">
                <For each={branch().entries}>{(entry) => <ValueTreeView node={entry.value} name={entry.key} />}</For>
                <Show when={branch().hidden > 0}>
                  <div class="vt-more">… {branch().hidden} more</div>
                </Show>
              </div>
            </Show>
          </details>
        )}
      </Match>
      <Match when={props.node.kind === 'tensor' && props.node}>
        {(tensor) => (
          <div class="vt-leaf">
            {prefix()}
            <span class="vt-tensor">{tensor().summary}</span>
          </div>
        )}
      </Match>
      <Match when={props.node.kind === 'leaf' && props.node}>
        {(leaf) => (
          <div class="vt-leaf">
            {prefix()}
            <span class={`vt-${leaf().type}`}>{leaf().text}</span>
          </div>
        )}
      </Match>
    </Switch>
  );
}
