import { createMemo, For, Show } from 'solid-js';
import type { ParallelAxis } from '../model/workspace/brush';
import { columnKey, columnLabel } from '../model/runTable/columnNames';
import { viridis } from './colorScale';
import { lineColor, positionY, type BrushSpan, type ParallelLayout } from './parallelGeometry';
import { axisTicks } from './parallelTicks';

/** Starts a pointer gesture on an axis: brushing its empty part, moving its brush, or dragging its title. */
export type AxisGestureStart = (kind: 'brush' | 'move' | 'reorder', axis: number, event: PointerEvent) => void;

/** Props of ParallelAxisView. */
export interface ParallelAxisViewProps {
  axis: ParallelAxis;
  index: number;
  layout: ParallelLayout;
  /** The last axis: its line is the colour legend. */
  isColorAxis: boolean;
  /** Pixels to the next axis, which long titles are cut to. */
  spacing: number;
  brush: BrushSpan | null;
  /** Horizontal offset while the title is being dragged. */
  shift: number;
  onGesture: AxisGestureStart;
  onClear: () => void;
}

/** Pixels between numeric ticks, and the least between category labels. */
const TICK_SPACING = 40;
const LABEL_GAP = 13;
const MAX_LABEL_CHARS = 12;
let gradientCounter = 0;

/**
 * One axis of the parallel-coordinates chart, drawn in SVG: title (drag to reorder), ticks, the missing slot, a note
 * for a single-value axis, the brush with its ✕, and a wide invisible strip that takes brushing drags.
 */
export function ParallelAxisView(props: ParallelAxisViewProps) {
  const gradientId = `pc-gradient-${++gradientCounter}`;
  const y = (position: number) => positionY(props.layout, position);
  const axisHeight = () => props.layout.bottom - props.layout.top;
  const ticks = createMemo(() => axisTicks(props.axis, { count: Math.max(2, Math.floor(axisHeight() / TICK_SPACING)), minGap: LABEL_GAP / Math.max(1, axisHeight()) }));
  const oneValue = () => (props.axis.kind === 'numeric' ? props.axis.domain[0] === props.axis.domain[1] : props.axis.categories.length === 1);
  const title = () => columnLabel(props.axis.column);
  const x = () => (props.layout.axisX[props.index] ?? 0) + props.shift;
  return (
    <g class="pc-axis" data-axis={columnKey(props.axis.column)} data-kind={props.axis.kind} transform={`translate(${x()},0)`}>
      <Show when={props.isColorAxis && props.axis.kind === 'numeric'} fallback={<line class="pc-axis-line" y1={props.layout.top} y2={props.layout.bottom} />}>
        <linearGradient id={gradientId} gradientUnits="userSpaceOnUse" x1="0" x2="0" y1={props.layout.bottom} y2={props.layout.top}>
          <For each={[0, 0.25, 0.5, 0.75, 1]}>{(t) => <stop offset={t} stop-color={viridis(t)} />}</For>
        </linearGradient>
        <rect class="pc-color-legend" x={-2} width={4} y={props.layout.top} height={axisHeight()} fill={`url(#${gradientId})`} />
      </Show>
      <For each={ticks()}>
        {(tick) => (
          <g class="pc-tick">
            <line x1={-4} x2={0} y1={y(tick.position)} y2={y(tick.position)} />
            <text x={-10} y={y(tick.position)} fill={props.isColorAxis && props.axis.kind === 'categorical' ? lineColor(props.axis, tick.value) : undefined}>
              {shorten(tick.label)}
              <title>{tick.value}</title>
            </text>
          </g>
        )}
      </For>
      <Show when={props.axis.hasMissing && props.layout.missingY !== null}>
        <g class="pc-missing">
          <line x1={-4} x2={4} y1={props.layout.missingY!} y2={props.layout.missingY!} />
          <text x={-10} y={props.layout.missingY!}>
            missing
          </text>
        </g>
      </Show>
      <text class="pc-axis-title" y={14} onPointerDown={(e) => e.button === 0 && props.onGesture('reorder', props.index, e)}>
        {shorten(title(), Math.max(4, Math.floor(props.spacing / 7)))}
        <title>{`${title()} (${props.axis.column.kind}) — drag sideways to reorder`}</title>
      </text>
      <Show when={oneValue()}>
        <text class="pc-axis-note" data-testid="pc-one-value" y={27}>
          one value
        </text>
      </Show>
      <rect
        class="pc-axis-hit"
        x={-12}
        width={24}
        y={props.layout.top - 6}
        height={(props.layout.missingY ?? props.layout.bottom) - props.layout.top + 12}
        onPointerDown={(e) => e.button === 0 && props.onGesture('brush', props.index, e)}
      >
        <title>Drag to brush; click to clear</title>
      </rect>
      <Show when={props.brush}>
        {(brush) => {
          const top = () => y(Math.max(...brush().span));
          const bottom = () => y(Math.min(...brush().span));
          return (
            <g class="pc-brush-group">
              <rect class="pc-brush" x={-7} width={14} y={top()} height={Math.max(3, bottom() - top())} onPointerDown={(e) => e.button === 0 && props.onGesture('move', props.index, e)} />
              <Show when={brush().includeMissing && props.layout.missingY !== null}>
                <rect class="pc-brush pc-brush-missing" x={-7} width={14} y={props.layout.missingY! - 6} height={12} />
              </Show>
              <g
                class="pc-brush-clear"
                role="button"
                tabindex="0"
                aria-label={`Clear the brush on ${title()}`}
                transform={`translate(14, ${top()})`}
                onPointerDown={(e) => {
                  e.stopPropagation();
                  e.preventDefault();
                  props.onClear();
                }}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && props.onClear()}
              >
                <circle r={6} />
                <text>✕</text>
              </g>
            </g>
          );
        }}
      </Show>
    </g>
  );
}

function shorten(text: string, max = MAX_LABEL_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
