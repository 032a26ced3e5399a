import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import type { PanelSize, PlacedPanel } from '../model/workspace/workspaceState';
import type { PanelContext } from './panelRegistry';
import { panelKind } from './panels';

const NEXT_SIZE: Record<PanelSize, PanelSize> = { small: 'medium', medium: 'large', large: 'small' };

/** Props of PanelFrame. */
export interface PanelFrameProps {
  placed: PlacedPanel;
  ctx: PanelContext;
  /** Starts editing at once (a panel just added). */
  editing?: boolean;
  onDragStart: (panelId: string) => void;
  onDropOn: (panelId: string) => void;
}

/** A panel's frame: title (the drag handle for reordering), settings, size and remove; the kind draws the inside. */
export function PanelFrame(props: PanelFrameProps) {
  let frame!: HTMLDivElement;
  const [editing, setEditing] = createSignal(props.editing ?? false);
  // A workspace may hold hundreds of panels (one per metric): each reads and draws only once it scrolls near the view.
  const [seen, setSeen] = createSignal(false);
  onMount(() => {
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setSeen(true);
        observer.disconnect();
      }
    }, { rootMargin: '300px' });
    observer.observe(frame);
    onCleanup(() => observer.disconnect());
  });
  const [over, setOver] = createSignal(false);
  const kind = () => panelKind(props.placed.panel);
  return (
    <div
      ref={frame}
      class={`panel panel-${props.placed.size}`}
      classList={{ 'panel-drop': over() }}
      data-panel-id={props.placed.panel.id}
      data-panel-type={props.placed.panel.type}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        props.onDropOn(props.placed.panel.id);
      }}
    >
      <div class="panel-head" draggable="true" onDragStart={() => props.onDragStart(props.placed.panel.id)} title="Drag to move">
        <span class="panel-title" data-testid="panel-title">
          {kind()?.title(props.placed.panel) ?? props.placed.panel.type}
        </span>
        <span class="panel-tools">
          <button class="icon" data-testid="panel-edit" title="Settings" aria-pressed={editing()} onClick={() => setEditing(!editing())}>
            ⚙
          </button>
          <button
            class="icon"
            data-testid="panel-size"
            title={`Size: ${props.placed.size} (click for ${NEXT_SIZE[props.placed.size]})`}
            onClick={() => props.ctx.dispatch({ type: 'resizePanel', panelId: props.placed.panel.id, size: NEXT_SIZE[props.placed.size] })}
          >
            ⤢
          </button>
          <button class="icon" data-testid="panel-remove" title="Remove panel" onClick={() => props.ctx.dispatch({ type: 'removePanel', panelId: props.placed.panel.id })}>
            ✕
          </button>
        </span>
      </div>
      <Show when={kind()} fallback={<p class="muted panel-note">This kind of panel ({props.placed.panel.type}) is not available in this version.</p>}>
        {(k) => {
          const Editor = k().Editor;
          const View = k().View;
          return (
            <>
              <Show when={editing()}>
                <Editor panel={props.placed.panel} ctx={props.ctx} onChange={(panel) => props.ctx.dispatch({ type: 'updatePanel', panel })} />
              </Show>
              <Show when={seen()} fallback={<div class="panel-placeholder" />}>
                <View panel={props.placed.panel} ctx={props.ctx} />
              </Show>
            </>
          );
        }}
      </Show>
    </div>
  );
}
