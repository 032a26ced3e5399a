import { createEffect, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { placedTicks, type ScatterLayout, type ScatterPoint } from './scatterLayout';
import './ScatterChart.css';

/** Props of ScatterChart. */
export interface ScatterChartProps {
  layout: ScatterLayout;
  xLabel: string;
  yLabel: string;
  height?: number;
  /** The hover card's title and lines for a point. */
  describe: (point: ScatterPoint) => { title: string; lines: string[] };
  onPick: (point: ScatterPoint) => void;
}

const MARGIN = { left: 56, right: 14, top: 10, bottom: 40 };
const RADIUS = 3.5;
/** How close (CSS pixels) the pointer must be to a point to hover it. */
const HIT_RADIUS = 10;
const GRID = '#eef0f4';
const INK = '#6a7285';

/**
 * Points on one canvas: drawn in one pass with no per-point DOM (1,000 runs draw in a few milliseconds), hovered by
 * the nearest point within a few pixels (a scan of the kept pixel positions), clicked to pick.
 */
export function ScatterChart(props: ScatterChartProps) {
  let host!: HTMLDivElement;
  let canvas!: HTMLCanvasElement;
  const [width, setWidth] = createSignal(0);
  const [hover, setHover] = createSignal<{ point: ScatterPoint; left: number; top: number } | null>(null);
  let pixels: Float32Array = new Float32Array(0);
  const height = () => props.height ?? 260;

  onMount(() => {
    const observer = new ResizeObserver(() => setWidth(host.clientWidth));
    observer.observe(host);
    onCleanup(() => observer.disconnect());
  });

  createEffect(() => {
    const w = width();
    if (w === 0) return;
    pixels = draw({ canvas, layout: props.layout, width: w, height: height(), xLabel: props.xLabel, yLabel: props.yLabel });
    setHover(null);
  });

  const nearest = (e: MouseEvent) => {
    const rect = canvas.getBoundingClientRect();
    const mx = e.clientX - rect.left;
    const my = e.clientY - rect.top;
    let best = -1;
    let bestDistance = HIT_RADIUS * HIT_RADIUS;
    // Later points are drawn on top, so on a tie the later one is the one the user sees.
    for (let i = 0; i < pixels.length; i += 2) {
      const d = (pixels[i]! - mx) ** 2 + (pixels[i + 1]! - my) ** 2;
      if (d <= bestDistance) {
        bestDistance = d;
        best = i / 2;
      }
    }
    return best < 0 ? null : { point: props.layout.points[best]!, left: pixels[best * 2]!, top: pixels[best * 2 + 1]! };
  };

  return (
    <figure class="scatter-chart" data-points={props.layout.points.length}>
      <div class="scatter-host" ref={host} style={{ height: `${height()}px` }}>
        <canvas
          ref={canvas}
          classList={{ picking: hover() !== null }}
          onMouseMove={(e) => setHover(nearest(e))}
          onMouseLeave={() => setHover(null)}
          onClick={(e) => {
            const hit = nearest(e);
            if (hit) props.onPick(hit.point);
          }}
        />
        <Show when={hover()}>
          {(h) => {
            const card = () => props.describe(h().point);
            return (
              <>
                <span class="scatter-ring" style={{ left: `${h().left}px`, top: `${h().top}px`, 'border-color': h().point.color }} />
                <div class="scatter-tip" data-testid="scatter-tip" classList={{ flip: h().left > width() * 0.6 }} style={{ left: `${h().left}px`, top: `${h().top}px` }}>
                  <b>{card().title}</b>
                  <For each={card().lines}>{(line) => <div>{line}</div>}</For>
                </div>
              </>
            );
          }}
        </Show>
      </div>
    </figure>
  );
}

interface DrawOptions {
  canvas: HTMLCanvasElement;
  layout: ScatterLayout;
  width: number;
  height: number;
  xLabel: string;
  yLabel: string;
}

/** Draws axes and points; returns the points' pixel positions (x, y interleaved) for hovering. */
function draw(options: DrawOptions): Float32Array {
  const { canvas, layout, width, height } = options;
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const g = canvas.getContext('2d')!;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, width, height);
  const plotW = Math.max(1, width - MARGIN.left - MARGIN.right);
  const plotH = Math.max(1, height - MARGIN.top - MARGIN.bottom);
  const px = (x: number) => MARGIN.left + x * plotW;
  const py = (y: number) => MARGIN.top + (1 - y) * plotH;

  g.font = '11px system-ui, sans-serif';
  g.lineWidth = 1;
  g.strokeStyle = GRID;
  g.fillStyle = INK;
  g.textAlign = 'center';
  g.textBaseline = 'top';
  for (const tick of placedTicks(layout.x, { count: Math.max(2, Math.floor(plotW / 90)), minGap: 60 / plotW })) {
    const x = Math.round(px(tick.position)) + 0.5;
    g.beginPath();
    g.moveTo(x, MARGIN.top);
    g.lineTo(x, MARGIN.top + plotH);
    g.stroke();
    g.fillText(ellipsis(g, tick.label, 80), x, MARGIN.top + plotH + 5);
  }
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (const tick of placedTicks(layout.y, { count: Math.max(2, Math.floor(plotH / 45)), minGap: 16 / plotH })) {
    const y = Math.round(py(tick.position)) + 0.5;
    g.beginPath();
    g.moveTo(MARGIN.left, y);
    g.lineTo(MARGIN.left + plotW, y);
    g.stroke();
    g.fillText(ellipsis(g, tick.label, MARGIN.left - 8), MARGIN.left - 5, y);
  }
  g.font = '12px system-ui, sans-serif';
  g.textAlign = 'center';
  g.textBaseline = 'bottom';
  g.fillText(options.xLabel, MARGIN.left + plotW / 2, height - 2);
  g.save();
  g.translate(11, MARGIN.top + plotH / 2);
  g.rotate(-Math.PI / 2);
  g.textBaseline = 'middle';
  g.fillText(options.yLabel, 0, 0);
  g.restore();

  const pixels = new Float32Array(layout.points.length * 2);
  g.strokeStyle = 'rgba(20, 24, 35, 0.35)';
  g.globalAlpha = 0.85;
  layout.points.forEach((point, i) => {
    const x = px(point.x);
    const y = py(point.y);
    pixels[i * 2] = x;
    pixels[i * 2 + 1] = y;
    g.fillStyle = point.color;
    g.beginPath();
    g.arc(x, y, RADIUS, 0, 2 * Math.PI);
    g.fill();
    g.stroke();
  });
  g.globalAlpha = 1;
  return pixels;
}

/** A label cut to fit a width, with an ellipsis. */
function ellipsis(g: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (g.measureText(text).width <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && g.measureText(`${cut}…`).width > maxWidth) cut = cut.slice(0, -1);
  return `${cut}…`;
}
