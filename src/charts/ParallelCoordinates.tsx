import { batch, createEffect, createMemo, createSignal, For, Index, onCleanup, onMount, Show } from 'solid-js';
import { moveAxis, withBrush, withoutBrush, type Brush, type ParallelAxis } from '../model/workspace/brush';
import { cellText } from '../model/runTable/cellText';
import { columnKey, columnLabel } from '../model/runTable/columnNames';
import type { RunColumn } from '../model/runTable/runColumns';
import { formatNumber } from '../ui/format';
import { ParallelAxisView, type AxisGestureStart } from './ParallelAxisView';
import {
  brushSpan,
  heightAt,
  insideMask,
  lineColor,
  nearestAxis,
  nearestLine,
  parallelLayout,
  positionY,
  runPositions,
  shiftSpan,
  spanBrush,
  type BrushSpan,
  type ParallelLayout,
  type ParallelRun,
} from './parallelGeometry';
import './parallelCoordinates.css';

/** Props of ParallelCoordinates. */
export interface ParallelCoordinatesProps {
  /** The axes, left to right; the last one colours the lines. */
  axes: readonly ParallelAxis[];
  /** Every run to draw, with its value on each axis; runs outside the brushes are drawn faint. */
  runs: readonly ParallelRun[];
  /** The workspace's brushes; those on columns that are not axes here are kept as they are. */
  brushes: readonly Brush[];
  height?: number;
  /** A brush was drawn, moved or cleared: the whole new list. */
  onBrushes: (brushes: Brush[]) => void;
  /** An axis title was dragged to another place: the columns in their new order. */
  onAxesOrder: (columns: RunColumn[]) => void;
  onOpen: (runId: string) => void;
}

const MARGIN = { left: 58, right: 30, top: 40, bottom: 10 };
/** A press that moves less than this is a click (clears a brush, opens a run), not a drag. */
const CLICK_SLOP = 3;
/** Lines this close to the pointer (px) can be hovered. */
const HOVER_TOLERANCE = 6;
const FAINT_STROKE = 'rgba(150, 156, 168, 0.22)';

type Gesture =
  | { kind: 'brush'; axis: number; from: number; to: number }
  | { kind: 'move'; axis: number; from: number; to: number; start: BrushSpan }
  | { kind: 'reorder'; axis: number; from: number; to: number }
  /** A press on the background: a click opens the hovered run. */
  | { kind: 'press'; x: number; y: number; moved: boolean };

/**
 * Parallel coordinates, as W&B draws them: every run a line across one vertical axis per column, coloured by the last
 * axis. The lines are one canvas drawn in one pass (one stroke per colour, so a thousand runs cost a few dozen
 * strokes); axes, brushes and the hovered line are SVG on top. Drag on an axis to brush it, drag a brush to move it,
 * click an empty part of the axis or the brush's ✕ to clear it, drag an axis title sideways to reorder. A brush being
 * dragged filters this chart at once and is handed to `onBrushes` when the pointer is released, so the rest of the
 * workspace redraws once per gesture rather than per mouse move.
 */
export function ParallelCoordinates(props: ParallelCoordinatesProps) {
  let host!: HTMLElement;
  let canvas!: HTMLCanvasElement;
  let overlay!: SVGSVGElement;
  const [width, setWidth] = createSignal(0);
  const [gesture, setGesture] = createSignal<Gesture | null>(null);
  const [hover, setHover] = createSignal<{ run: number; x: number; y: number } | null>(null);
  const height = () => props.height ?? 300;

  const layout = createMemo<ParallelLayout>(() =>
    parallelLayout({ width: width(), height: height(), axisCount: props.axes.length, hasMissing: props.axes.some((a) => a.hasMissing), margin: MARGIN }),
  );
  const positions = createMemo(() => runPositions(props.axes, props.runs));
  const colors = createMemo(() => {
    const last = props.axes.length - 1;
    return last < 0 ? [] : props.runs.map((run) => lineColor(props.axes[last]!, run.values[last]));
  });

  /** The span a brush or move gesture shows on its axis; null while the pointer has hardly moved. */
  const draft = createMemo((): { axis: number; span: BrushSpan | null } | null => {
    const g = gesture();
    if (!g || (g.kind !== 'brush' && g.kind !== 'move') || Math.abs(g.to - g.from) < CLICK_SLOP) return null;
    // The axis may have gone mid-drag (the panel's settings changed under the pointer).
    const axis = props.axes[g.axis];
    if (!axis) return null;
    const [from, to] = [heightAt(layout(), g.from), heightAt(layout(), g.to)];
    if (g.kind === 'move') return { axis: g.axis, span: { span: shiftSpan(g.start.span, to.position - from.position), includeMissing: g.start.includeMissing } };
    if (from.inMissing && to.inMissing) return { axis: g.axis, span: null };
    const clamp = (p: number) => Math.min(1, Math.max(0, p));
    const span: [number, number] = [clamp(Math.min(from.position, to.position)), clamp(Math.max(from.position, to.position))];
    return { axis: g.axis, span: { span, includeMissing: axis.hasMissing && (from.inMissing || to.inMissing) } };
  });
  /** The brushes in effect here: the workspace's, with a gesture's draft in place of its axis's brush. */
  const brushes = createMemo(() => {
    const d = draft();
    const axis = d && props.axes[d.axis];
    if (!d || !axis) return props.brushes;
    const brush = d.span && spanBrush(axis, d.span);
    return brush ? withBrush(props.brushes, brush) : withoutBrush(props.brushes, axis.column);
  });
  const mask = createMemo(() => insideMask(props.axes, props.runs, brushes()));
  const insideCount = createMemo(() => mask().reduce((n, v) => n + v, 0));

  onMount(() => {
    const observer = new ResizeObserver(() => setWidth(host.clientWidth));
    observer.observe(host);
    onCleanup(() => observer.disconnect());
  });

  createEffect(() => {
    const started = performance.now();
    drawLines({ canvas, width: width(), height: height(), layout: layout(), axisCount: props.axes.length, positions: positions(), colors: colors(), mask: mask() });
    host.dataset.drawMs = (performance.now() - started).toFixed(1);
  });

  const local = (e: PointerEvent) => {
    const box = overlay.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };
  const startGesture: AxisGestureStart = (kind, axis, e) => {
    e.stopPropagation();
    e.preventDefault();
    overlay.setPointerCapture(e.pointerId);
    const p = local(e);
    setHover(null);
    if (kind === 'reorder') return setGesture({ kind, axis, from: p.x, to: p.x });
    if (kind === 'brush') return setGesture({ kind, axis, from: p.y, to: p.y });
    const start = brushOn(axis);
    if (start) setGesture({ kind, axis, from: p.y, to: p.y, start });
  };
  const brushOn = (axis: number): BrushSpan | null => {
    const a = props.axes[axis];
    const brush = a && props.brushes.find((b) => columnKey(b.column) === columnKey(a.column));
    return a && brush ? brushSpan(a, brush) : null;
  };
  const clearBrush = (axis: number) => {
    const a = props.axes[axis];
    if (a) props.onBrushes(withoutBrush(props.brushes, a.column));
  };

  const onPointerMove = (e: PointerEvent) => {
    const p = local(e);
    const g = gesture();
    if (g && g.kind !== 'press') return setGesture({ ...g, to: g.kind === 'reorder' ? p.x : p.y });
    if (g && !g.moved && Math.hypot(p.x - g.x, p.y - g.y) >= CLICK_SLOP) setGesture({ ...g, moved: true });
    const m = props.axes.length;
    const mk = mask();
    const order = [...mk.keys()];
    const common = { positions: positions(), axisCount: m, layout: layout(), point: p, tolerance: HOVER_TOLERANCE };
    const run = nearestLine({ ...common, candidates: order.filter((i) => mk[i] === 1) }) ?? nearestLine({ ...common, candidates: order.filter((i) => mk[i] === 0) });
    setHover(run === null ? null : { run, ...p });
  };
  const onPointerUp = (e: PointerEvent) => {
    const g = gesture();
    if (!g) return;
    if (overlay.hasPointerCapture(e.pointerId)) overlay.releasePointerCapture(e.pointerId);
    // Read before the gesture ends: the draft brushes go with it.
    const drafted = brushes();
    batch(() => {
      setGesture(null);
      if (g.kind === 'press') {
        const h = hover();
        if (!g.moved && h) props.onOpen(props.runs[h.run]!.id);
        return;
      }
      const moved = Math.abs(g.to - g.from) >= CLICK_SLOP;
      if (g.kind === 'reorder') {
        const to = nearestAxis(layout(), layout().axisX[g.axis]! + g.to - g.from);
        if (moved && to !== g.axis) props.onAxesOrder(moveAxis(props.axes.map((a) => a.column), { from: g.axis, to }));
      } else if (moved) {
        // A drag that covers nothing (no category, only the missing slot) clears the axis's brush.
        props.onBrushes([...drafted]);
      } else if (g.kind === 'brush') {
        clearBrush(g.axis);
      }
    });
  };

  const hovered = () => {
    const h = hover();
    return h && props.runs[h.run] ? { ...h, data: props.runs[h.run]! } : null;
  };
  const hoverPoints = () => {
    const h = hover();
    if (!h) return '';
    const m = props.axes.length;
    return layout()
      .axisX.map((x, a) => `${x},${positionY(layout(), positions()[h.run * m + a]!)}`)
      .join(' ');
  };

  return (
    <figure class="parallel-coordinates" data-testid="parallel-coordinates" data-runs={props.runs.length} data-inside={insideCount()} ref={host}>
      <canvas ref={canvas} class="pc-lines" style={{ height: `${height()}px` }} />
      <svg
        ref={overlay}
        class="pc-overlay"
        classList={{ 'pc-hovering': hover() !== null, 'pc-reordering': gesture()?.kind === 'reorder' }}
        width={width()}
        height={height()}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          overlay.setPointerCapture(e.pointerId);
          setGesture({ kind: 'press', ...local(e), moved: false });
        }}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setGesture(null)}
        onPointerLeave={() => gesture() === null && setHover(null)}
      >
        <Show when={hoverPoints()}>{(points) => <polyline class="pc-hover-line" points={points()} stroke={colors()[hover()!.run]} />}</Show>
        <Index each={props.axes}>
          {(axis, i) => (
            <ParallelAxisView
              axis={axis()}
              index={i}
              layout={layout()}
              isColorAxis={i === props.axes.length - 1}
              spacing={props.axes.length > 1 ? (layout().axisX[1]! - layout().axisX[0]!) : width()}
              brush={draft()?.axis === i ? draft()!.span : brushOn(i)}
              shift={(() => {
                const g = gesture();
                return g?.kind === 'reorder' && g.axis === i ? g.to - g.from : 0;
              })()}
              onGesture={startGesture}
              onClear={() => clearBrush(i)}
            />
          )}
        </Index>
      </svg>
      <Show when={hovered()}>
        {(h) => (
          <div class="pc-tooltip" data-testid="pc-tooltip" style={{ left: `${Math.min(h().x + 14, Math.max(0, width() - 220))}px`, top: `${h().y + 14}px` }}>
            <div class="pc-tooltip-name">{h().data.name}</div>
            <For each={props.axes}>
              {(axis, a) => (
                <div class="pc-tooltip-row">
                  <span class="muted">{columnLabel(axis.column)}</span>
                  <span>{valueText(h().data.values[a()])}</span>
                </div>
              )}
            </For>
          </div>
        )}
      </Show>
    </figure>
  );
}

function valueText(value: ParallelRun['values'][number]): string {
  return typeof value === 'number' ? formatNumber(value) : cellText(value);
}

interface DrawOptions {
  canvas: HTMLCanvasElement;
  width: number;
  height: number;
  layout: ParallelLayout;
  axisCount: number;
  positions: Float32Array;
  colors: readonly string[];
  mask: Uint8Array;
}

/** Draws every line: the brushed-out ones as one faint grey path behind, then one path per colour. */
function drawLines(options: DrawOptions): void {
  const { canvas, width, height, layout, axisCount: m, positions, mask } = options;
  const dpr = window.devicePixelRatio || 1;
  const [w, h] = [Math.round(width * dpr), Math.round(height * dpr)];
  if (canvas.width !== w || canvas.height !== h) [canvas.width, canvas.height] = [w, h];
  const g = canvas.getContext('2d');
  if (!g) return;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, width, height);
  if (m === 0 || width === 0) return;
  const runCount = mask.length;
  const trace = (r: number) => {
    let pen = false;
    for (let a = 0; a < m; a++) {
      const x = layout.axisX[a]!;
      const y = positionY(layout, positions[r * m + a]!);
      if (Number.isNaN(y)) {
        pen = false;
        continue;
      }
      if (m === 1) {
        g.moveTo(x - 8, y);
        g.lineTo(x + 8, y);
      } else if (pen) g.lineTo(x, y);
      else g.moveTo(x, y);
      pen = true;
    }
  };
  g.lineWidth = 1;
  g.beginPath();
  for (let r = 0; r < runCount; r++) if (mask[r] === 0) trace(r);
  g.strokeStyle = FAINT_STROKE;
  g.stroke();
  const byColor = new Map<string, number[]>();
  for (let r = 0; r < runCount; r++) {
    if (mask[r] === 0) continue;
    const color = options.colors[r]!;
    const list = byColor.get(color);
    if (list) list.push(r);
    else byColor.set(color, [r]);
  }
  // Hundreds of opaque lines hide each other; some transparency shows where they bunch up.
  g.globalAlpha = runCount > 200 ? 0.55 : 0.85;
  g.lineWidth = runCount > 200 ? 1 : 1.4;
  for (const [color, runs] of byColor) {
    g.beginPath();
    for (const r of runs) trace(r);
    g.strokeStyle = color;
    g.stroke();
  }
  g.globalAlpha = 1;
}
