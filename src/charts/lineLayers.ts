/** One line drawn by LineLayers: values on the chart's shared x array, NaN where it has no point. */
export interface LayerLine {
  key: string;
  color: string;
  ys: Float64Array;
  alpha: number;
  width: number;
  band: { lo: Float64Array; hi: Float64Array } | null;
}

/** Where and how the lines are drawn: plot box in canvas pixels and functions from values to box pixels. */
export interface LayerFrame {
  width: number;
  height: number;
  /** Box-relative pixel x of each shared x value. */
  xPixels: Float64Array;
  /** Box-relative pixel y of a value (NaN stays NaN). */
  yPixel: (value: number) => number;
  pixelRatio: number;
}

/** Lines per layer: small enough that redrawing one layer is cheap, few enough layers that compositing is too. */
const LINES_PER_LAYER = 32;

interface Layer {
  canvas: HTMLCanvasElement;
  dirty: boolean;
}

/**
 * Draws many lines through cached layers: lines are split into layers of LINES_PER_LAYER, each rendered once into its
 * own canvas; hiding or showing a line re-renders only its layer and composites the rest as bitmaps. With 1,000 runs
 * an eye toggle costs one layer and a few dozen image copies instead of redrawing a million segments.
 */
export class LineLayers {
  private layers: Layer[] = [];
  private lines: readonly LayerLine[] = [];
  private hidden: ReadonlySet<string> = new Set();
  private frameKey = '';
  private frame: LayerFrame | null = null;

  /** New lines (or new values): every layer is redrawn on the next composite. */
  setLines(lines: readonly LayerLine[]): void {
    this.lines = lines;
    this.ensureLayers();
    for (const layer of this.layers) layer.dirty = true;
  }

  /** New hidden set: only the layers holding lines whose visibility changed are redrawn. */
  setHidden(hidden: ReadonlySet<string>): void {
    this.lines.forEach((line, i) => {
      if (this.hidden.has(line.key) !== hidden.has(line.key)) this.layers[Math.floor(i / LINES_PER_LAYER)]!.dirty = true;
    });
    this.hidden = hidden;
  }

  /** How many lines are drawn (not hidden). */
  visibleCount(): number {
    let n = 0;
    for (const line of this.lines) if (!this.hidden.has(line.key)) n++;
    return n;
  }

  /** Redraws what changed and copies every layer onto `target` at (left, top); `frameKey` identifies scales and size. */
  composite(target: CanvasRenderingContext2D, left: number, top: number, frame: LayerFrame, frameKey: string): void {
    if (frameKey !== this.frameKey) {
      this.frameKey = frameKey;
      for (const layer of this.layers) layer.dirty = true;
    }
    this.frame = frame;
    this.layers.forEach((layer, index) => {
      if (layer.dirty) this.render(layer, index);
      target.drawImage(layer.canvas, left, top);
    });
  }

  private ensureLayers(): void {
    const wanted = Math.ceil(this.lines.length / LINES_PER_LAYER);
    while (this.layers.length < wanted) this.layers.push({ canvas: document.createElement('canvas'), dirty: true });
    this.layers.length = wanted;
  }

  private render(layer: Layer, index: number): void {
    const frame = this.frame!;
    const { canvas } = layer;
    if (canvas.width !== frame.width || canvas.height !== frame.height) {
      canvas.width = frame.width;
      canvas.height = frame.height;
    }
    const ctx = canvas.getContext('2d')!;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const end = Math.min(this.lines.length, (index + 1) * LINES_PER_LAYER);
    for (let i = index * LINES_PER_LAYER; i < end; i++) {
      const line = this.lines[i]!;
      if (this.hidden.has(line.key)) continue;
      if (line.band) fillBand(ctx, frame, line);
      strokeLine(ctx, frame, line);
    }
    layer.dirty = false;
  }
}

function strokeLine(ctx: CanvasRenderingContext2D, frame: LayerFrame, line: LayerLine): void {
  const { xPixels, yPixel } = frame;
  ctx.globalAlpha = line.alpha;
  ctx.strokeStyle = line.color;
  ctx.lineWidth = line.width * frame.pixelRatio;
  ctx.beginPath();
  let drawing = false;
  for (let i = 0; i < line.ys.length; i++) {
    const y = yPixel(line.ys[i]!);
    if (Number.isNaN(y)) {
      drawing = false;
      continue;
    }
    if (drawing) ctx.lineTo(xPixels[i]!, y);
    else ctx.moveTo(xPixels[i]!, y);
    drawing = true;
  }
  ctx.stroke();
}

/** Fills between lo and hi, one polygon per stretch without gaps. */
function fillBand(ctx: CanvasRenderingContext2D, frame: LayerFrame, line: LayerLine): void {
  const { lo, hi } = line.band!;
  ctx.globalAlpha = 0.14;
  ctx.fillStyle = line.color;
  ctx.beginPath();
  let start = -1;
  const close = (end: number) => {
    for (let i = end; i >= start; i--) ctx.lineTo(frame.xPixels[i]!, frame.yPixel(lo[i]!));
    ctx.closePath();
  };
  for (let i = 0; i <= hi.length; i++) {
    const ok = i < hi.length && Number.isFinite(hi[i]!) && Number.isFinite(lo[i]!);
    if (ok && start < 0) {
      start = i;
      ctx.moveTo(frame.xPixels[i]!, frame.yPixel(hi[i]!));
    } else if (ok) ctx.lineTo(frame.xPixels[i]!, frame.yPixel(hi[i]!));
    else if (start >= 0) {
      close(i - 1);
      start = -1;
    }
  }
  ctx.fill();
}
