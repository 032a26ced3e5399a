import { packLines, rasterMethod, SHARE_BLOCK_LINES, transfersOf, type LineFrame, type RasterLine, type RasterRequest, type RasterResult } from './lineRasterProtocol';

/**
 * Raster workers shared by every chart of the page. Chromium's canvas is software-rendered without a GPU, and drawing a
 * panel of 1,000 runs took 100–150 ms of the page's thread; split over two workers it takes about 60 % of that, off
 * the thread that reads the store and answers the user.
 */
const WORKERS = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));

type ResultHandler = (result: RasterResult) => void;

let pool: { workers: Worker[]; handlers: Map<number, ResultHandler> } | null = null;
let nextChart = 1;
let chartsMade = 0;

function rasterPool() {
  if (pool) return pool;
  const handlers = new Map<number, ResultHandler>();
  const workers = Array.from({ length: WORKERS }, () => {
    const worker = new Worker(new URL('./lineRaster.worker.ts', import.meta.url), { type: 'module', name: 'labbook-lines' });
    worker.onerror = (event) => console.error(`line raster worker: ${event.message}`);
    worker.onmessage = (event: MessageEvent<RasterResult>) => {
      const handler = handlers.get(event.data.chart);
      if (handler) handler(event.data);
      else event.data.bitmap.close();
    };
    return worker;
  });
  return (pool = { workers, handlers });
}

/** One worker's share of a chart: its lines, what it was last asked to draw, and the last bitmap it drew. */
interface Share {
  worker: Worker;
  chart: number;
  from: number;
  to: number;
  /** Bumped when a line of this share is hidden or shown. */
  hiddenVersion: number;
  asked: string;
  bitmap: ImageBitmap | null;
  bitmapKey: string;
  bitmapView: string;
}

/** A bitmap kept on screen until the lines that replaced its lines are drawn. */
interface Shown {
  bitmap: ImageBitmap;
  view: string;
}

/**
 * Draws a chart's lines in the raster workers: each worker holds a contiguous share of them and draws it into one
 * bitmap, and composite() copies the bitmaps onto the chart in line order. Drawing is asynchronous: composite() asks
 * for what is out of date and meanwhile draws the last bitmaps of the same view (the chart's zoom and size: a live run's
 * new points or an eye toggle keep the old lines on screen for the few frames until the new ones arrive, while a zoom
 * shows no lines rather than lines at the wrong scale). `onDrawn` is called when the bitmaps of the state last asked for
 * have all arrived, so the chart can draw again.
 */
export class WorkerLines {
  private shares: Share[] = [];
  /** The bitmaps of the lines before the last setLines, until every share has drawn. */
  private previous: Shown[] = [];
  private linesVersion = 0;
  private hidden: readonly boolean[] = [];
  private askedAt = 0;
  /**
   * This chart's first share goes to worker `rotation`, the next to the one after: a line has the same index in every
   * panel, so without it an eye toggle would redraw every panel's share on one worker while the others idle.
   */
  private readonly rotation = chartsMade++;

  /**
   * `onDrawn` gets the time from the first ask to the last bitmap, for the benchmarks' stages. The workers start now,
   * with the chart, so that loading and compiling them overlaps the chart's first read instead of following it.
   */
  constructor(private readonly onDrawn: (wallMs: number) => void) {
    rasterPool();
  }

  /**
   * New lines (or new values): every share is drawn again on the next composite, by the raster method for this many
   * lines. A worker keeps its share's canvas or pixel buffer from one set of lines to the next: creating a canvas's
   * backing surface cost 2–7 ms each in a trace here.
   */
  setLines(lines: readonly RasterLine[]): void {
    const { workers, handlers } = rasterPool();
    const shown = this.sharesShown();
    // Kept on screen until the new lines are drawn; with no new lines, nothing will replace them.
    if (shown.length > 0) {
      this.closePrevious();
      if (lines.length > 0) this.previous = shown;
      else for (const { bitmap } of shown) bitmap.close();
    }
    this.linesVersion++;
    const blocks = Math.ceil(lines.length / SHARE_BLOCK_LINES);
    const perShare = Math.ceil(blocks / Math.min(workers.length, Math.max(1, blocks))) * SHARE_BLOCK_LINES;
    const method = rasterMethod(lines.length);
    const shares: Share[] = [];
    for (let from = 0, w = 0; from < lines.length; from += perShare, w++) {
      const kept = this.shares[w];
      const chart = kept?.chart ?? nextChart++;
      const share: Share = { worker: workers[(w + this.rotation) % workers.length]!, chart, from, to: Math.min(lines.length, from + perShare), hiddenVersion: 0, asked: '', bitmap: null, bitmapKey: '', bitmapView: '' };
      handlers.set(chart, (result) => this.take(share, result));
      post(share.worker, { type: 'lines', chart, lines: packLines(lines.slice(share.from, share.to)), method });
      shares.push(share);
    }
    this.dropShares(this.shares.slice(shares.length));
    this.shares = shares;
    this.hidden = lines.map(() => false);
  }

  /** Which lines are hidden, by index: shares whose lines changed visibility draw again on the next composite. */
  setHidden(hidden: readonly boolean[]): void {
    for (const share of this.shares) {
      let changed = false;
      for (let i = share.from; i < share.to && !changed; i++) changed = (this.hidden[i] ?? false) !== (hidden[i] ?? false);
      if (!changed) continue;
      share.hiddenVersion++;
      post(share.worker, { type: 'hidden', chart: share.chart, hidden: Uint8Array.from(hidden.slice(share.from, share.to), (h) => (h ? 1 : 0)) });
    }
    this.hidden = hidden;
  }

  /**
   * Copies the lines onto `target` at (left, top), asking the workers for what is out of date; true when what it drew is
   * the current state. `frameKey` identifies the scales and size, `view` the zoom and size.
   */
  composite(target: CanvasRenderingContext2D, left: number, top: number, frame: LineFrame, frameKey: string, view: string): boolean {
    let current = true;
    for (const share of this.shares) {
      const key = `${this.linesVersion}|${share.hiddenVersion}|${frameKey}`;
      if (share.bitmapKey === key) continue;
      current = false;
      if (share.asked === key) continue;
      if (this.shares.every((s) => s.asked === s.bitmapKey)) this.askedAt = performance.now();
      share.asked = key;
      post(share.worker, { type: 'render', chart: share.chart, key, frameKey, view, frame });
    }
    const shown = this.previous.length > 0 ? this.previous : this.sharesShown();
    for (const { bitmap, view: bitmapView } of shown) if (bitmapView === view) target.drawImage(bitmap, left, top);
    return current;
  }

  /** Lets the workers forget this chart's lines. */
  dispose(): void {
    this.closePrevious();
    for (const share of this.shares) share.bitmap?.close();
    this.dropShares(this.shares);
    this.shares = [];
  }

  private take(share: Share, result: RasterResult): void {
    if (!result.key.startsWith(`${this.linesVersion}|`)) {
      // Drawn from lines since replaced.
      result.bitmap.close();
      return;
    }
    share.bitmap?.close();
    share.bitmap = result.bitmap;
    share.bitmapKey = result.key;
    share.bitmapView = result.view;
    if (this.shares.every((s) => s.bitmap)) this.closePrevious();
    if (this.shares.every((s) => s.bitmapKey === s.asked)) this.onDrawn(performance.now() - this.askedAt);
  }

  private sharesShown(): Shown[] {
    return this.shares.flatMap((share) => (share.bitmap ? [{ bitmap: share.bitmap, view: share.bitmapView }] : []));
  }

  private closePrevious(): void {
    for (const { bitmap } of this.previous) bitmap.close();
    this.previous = [];
  }

  private dropShares(shares: readonly Share[]): void {
    const handlers = pool?.handlers;
    for (const share of shares) {
      handlers?.delete(share.chart);
      post(share.worker, { type: 'drop', chart: share.chart });
    }
  }
}

function post(worker: Worker, request: RasterRequest): void {
  worker.postMessage(request, transfersOf(request));
}
