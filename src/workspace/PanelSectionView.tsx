import { createMemo, For, Show } from 'solid-js';
import type { PanelSection } from '../model/workspace/workspaceState';
import type { PanelContext } from './panelRegistry';
import { PanelFrame } from './PanelFrame';

/** Props of PanelSectionView. */
export interface PanelSectionViewProps {
  section: PanelSection;
  ctx: PanelContext;
  /** The panel being dragged, from any section. */
  dragging: () => string | null;
  setDragging: (panelId: string | null) => void;
  /** A panel added a moment ago opens with its settings. */
  justAdded: string | null;
}

/** A collapsible section of panels in a grid; panels are dropped onto another panel (takes its place) or the section. */
export function PanelSectionView(props: PanelSectionViewProps) {
  // Panels are listed by id, so changing a panel's settings (a new spec object) keeps its frame, chart and open editor.
  const panelIds = createMemo(() => props.section.panels.map((p) => p.panel.id), [], { equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]) });
  const dropAt = (index: number) => {
    const panelId = props.dragging();
    if (panelId) props.ctx.dispatch({ type: 'movePanel', panelId, sectionId: props.section.id, index });
    props.setDragging(null);
  };
  return (
    <section class="panel-section" data-section={props.section.name}>
      <h2 class="panel-section-head">
        <button class="link" aria-expanded={!props.section.collapsed} onClick={() => props.ctx.dispatch({ type: 'toggleSection', sectionId: props.section.id })}>
          {props.section.collapsed ? '▸' : '▾'} {props.section.name}
        </button>
        <span class="muted"> {props.section.panels.length}</span>
      </h2>
      <Show when={!props.section.collapsed}>
        <div
          class="panel-grid"
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            if (e.target === e.currentTarget) dropAt(props.section.panels.length);
          }}
        >
          <For each={panelIds()}>
            {(panelId, index) => (
              <Show when={props.section.panels.find((p) => p.panel.id === panelId)}>
                {(placed) => (
                  <PanelFrame
                    placed={placed()}
                    ctx={props.ctx}
                    editing={props.justAdded === panelId}
                    onDragStart={(id) => props.setDragging(id)}
                    onDropOn={() => dropAt(index())}
                  />
                )}
              </Show>
            )}
          </For>
        </div>
      </Show>
    </section>
  );
}
