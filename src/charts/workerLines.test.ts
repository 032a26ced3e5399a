import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SHARE_BLOCK_LINES, SPANS_FROM_LINES, unpackLines, type LineFrame, type RasterLine, type RasterRequest, type RasterResult } from './lineRasterProtocol';
import { FakeBitmap, FakeContext, type Mark } from './testCanvas';
import { WorkerLines } from './workerLines';

// The raster pool has as many workers as the machine has cores, up to 4: this machine has 4.
vi.hoisted(() => vi.stubGlobal('navigator', { hardwareConcurrency: 4 }));

type RenderRequest = Extract<RasterRequest, { type: 'render' }>;

/** A Worker that records what the page posts to it; the test answers its renders as lineRaster.worker.ts does. */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((event: MessageEvent<RasterResult>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  received: RasterRequest[] = [];

  constructor() {
    FakeWorker.made.push(this);
  }

  postMessage(request: RasterRequest): void {
    this.received.push(request);
  }

  renders(): RenderRequest[] {
    return this.received.filter((r): r is RenderRequest => r.type === 'render');
  }

  /** Answers a render with a bitmap labelled by its key, echoing the request's chart, key and view. */
  answer(request: RenderRequest): FakeBitmap {
    const bitmap = new FakeBitmap(request.key);
    const result: RasterResult = { chart: request.chart, key: request.key, view: request.view, bitmap: bitmap as unknown as ImageBitmap };
    this.onmessage!({ data: result } as MessageEvent<RasterResult>);
    return bitmap;
  }
}

vi.stubGlobal('Worker', FakeWorker);

const FRAME: LineFrame = { width: 100, height: 50, xPixels: Float64Array.of(0, 50), from: 0, to: 2, y: { min: 0, max: 1, minPixel: 50, maxPixel: 0, log: false }, pixelRatio: 1 };

const lines = (count: number, name = 'line'): RasterLine[] => Array.from({ length: count }, (_, i) => ({ color: `${name}-${i}`, ys: Float64Array.of(i, i), alpha: 1, width: 1, band: null }));

/**
 * The workers of the pool (made on first use, shared by every chart of the page), in the order of the chart's shares:
 * each chart starts its shares on another worker (see WorkerLines.rotation), the one sent its line 0 since the last
 * reset of what the workers received.
 */
function workers(): FakeWorker[] {
  const pool = FakeWorker.made;
  const first = pool.findIndex((w) => w.received.some((r) => r.type === 'lines' && /-0$/.test(r.lines.colors[0] ?? '')));
  return first < 0 ? pool : [...pool.slice(first), ...pool.slice(0, first)];
}

/** The lines each worker was given (by colour), in worker order; [] for a worker given none. */
const sharesGiven = () => workers().map((w) => w.received.flatMap((r) => (r.type === 'lines' ? unpackLines(r.lines).map((l) => l.color) : [])));

/** Answers every render request not answered yet, worker by worker; returns the bitmaps sent back. */
function answerAll(answered: Set<RenderRequest>): FakeBitmap[] {
  const bitmaps: FakeBitmap[] = [];
  for (const worker of workers()) {
    for (const request of worker.renders()) {
      if (answered.has(request)) continue;
      answered.add(request);
      bitmaps.push(worker.answer(request));
    }
  }
  return bitmaps;
}

/** Composites onto a fresh target; returns whether it was current and the labels of the bitmaps drawn, in order. */
function composite(chart: WorkerLines, frameKey = 'frame', view = 'view'): { current: boolean; drawn: string[] } {
  const target = new FakeContext();
  const current = chart.composite(target as unknown as CanvasRenderingContext2D, 5, 7, FRAME, frameKey, view);
  expect(target.marks.every((m: Mark) => m.kind === 'bitmap' && m.x === 5 && m.y === 7)).toBe(true);
  return { current, drawn: target.marks.flatMap((m) => (m.kind === 'bitmap' ? [m.label] : [])) };
}

let chart: WorkerLines;
let drawnCalls: number;

beforeEach(() => {
  for (const worker of workers()) worker.received = [];
  drawnCalls = 0;
  chart = new WorkerLines(() => drawnCalls++);
});

afterEach(() => chart.dispose());

describe('WorkerLines', () => {
  it('the first chart made starts the raster workers, before it has lines to draw (so they load during its read)', async () => {
    const pool = FakeWorker.made;
    FakeWorker.made = [];
    vi.resetModules();
    try {
      const { WorkerLines: FreshWorkerLines } = await import('./workerLines');
      expect(FakeWorker.made).toHaveLength(0);
      new FreshWorkerLines(() => {}).dispose();
      expect(FakeWorker.made).toHaveLength(4);
    } finally {
      FakeWorker.made = pool;
    }
  });
});

describe('WorkerLines.setLines', () => {
  it('setLines(100 lines) gives each of the 4 workers a contiguous share of whole layers, in line order', () => {
    chart.setLines(lines(100));
    expect(workers()).toHaveLength(4);
    const shares = sharesGiven();
    expect(shares.map((s) => s.length)).toEqual([SHARE_BLOCK_LINES, SHARE_BLOCK_LINES, SHARE_BLOCK_LINES, 100 - 3 * SHARE_BLOCK_LINES]);
    expect(shares.flat()).toEqual(lines(100).map((l) => l.color));
  });

  it('setLines(40 lines) uses only as many workers as there are layers', () => {
    chart.setLines(lines(40));
    expect(sharesGiven().map((s) => s.length)).toEqual([SHARE_BLOCK_LINES, 40 - SHARE_BLOCK_LINES, 0, 0]);
  });

  it('setLines tells every share its raster method: anti-aliased canvas below SPANS_FROM_LINES lines, spans from there', () => {
    const methods = () => FakeWorker.made.flatMap((w) => w.received.flatMap((r) => (r.type === 'lines' ? [r.method] : [])));
    chart.setLines(lines(SPANS_FROM_LINES - 1));
    expect(new Set(methods())).toEqual(new Set(['canvas']));
    for (const worker of FakeWorker.made) worker.received = [];
    chart.setLines(lines(SPANS_FROM_LINES));
    expect(methods()).toEqual(['spans', 'spans']);
  });

  it('two charts of the same lines start their shares on different workers, so an eye toggle in both is drawn in parallel', () => {
    const other = new WorkerLines(() => {});
    chart.setLines(lines(100));
    other.setLines(lines(100));
    const givenLine0 = FakeWorker.made.map((w) => w.received.filter((r) => r.type === 'lines' && r.lines.colors[0] === 'line-0').length);
    expect(givenLine0.filter((n) => n === 1)).toHaveLength(2);
    other.dispose();
  });

  it('setLines with fewer lines lets the workers no longer needed forget the chart', () => {
    chart.setLines(lines(100));
    chart.setLines(lines(10));
    expect(workers().map((w) => w.received.filter((r) => r.type === 'drop').length)).toEqual([0, 1, 1, 1]);
  });
});

describe('WorkerLines.composite', () => {
  it('composite() asks every share once, shows the bitmaps in line order once all are in, and reports drawn once', () => {
    chart.setLines(lines(100));
    expect(composite(chart)).toEqual({ current: false, drawn: [] });
    expect(composite(chart)).toEqual({ current: false, drawn: [] });
    expect(workers().map((w) => w.renders().length)).toEqual([1, 1, 1, 1]);
    // Answers arriving out of order still composite in line order.
    for (const w of [3, 1, 0, 2]) workers()[w]!.answer(workers()[w]!.renders()[0]!);
    expect(drawnCalls).toBe(1);
    const { current, drawn } = composite(chart);
    expect(current).toBe(true);
    expect(drawn).toEqual(workers().map((w) => w.renders()[0]!.key));
    expect(workers().map((w) => w.renders().length)).toEqual([1, 1, 1, 1]);
  });

  it('an eye toggle asks only the share holding that line to draw again; the other bitmaps stay on screen meanwhile', () => {
    const answered = new Set<RenderRequest>();
    chart.setLines(lines(100));
    composite(chart);
    answerAll(answered);
    const hidden = Array.from({ length: 100 }, (_, i) => i === 70);
    chart.setHidden(hidden);
    // Line 70 is in the third share (lines 64–95), at its index 6.
    const hiddenMessages = workers().map((w) => w.received.filter((r): r is Extract<RasterRequest, { type: 'hidden' }> => r.type === 'hidden'));
    expect(hiddenMessages.map((m) => m.length)).toEqual([0, 0, 1, 0]);
    expect([...hiddenMessages[2]![0]!.hidden].flatMap((h, i) => (h ? [i] : []))).toEqual([6]);
    const before = composite(chart);
    expect(before.current).toBe(false);
    expect(before.drawn).toHaveLength(4);
    expect(workers().map((w) => w.renders().length)).toEqual([1, 1, 2, 1]);
    expect(answerAll(answered)).toHaveLength(1);
    const after = composite(chart);
    expect(after.current).toBe(true);
    expect(after.drawn[2]).toBe(workers()[2]!.renders()[1]!.key);
    // The same flags again change nothing.
    chart.setHidden([...hidden]);
    expect(workers().flatMap((w) => w.received.filter((r) => r.type === 'hidden'))).toHaveLength(1);
  });

  /** Asks for frames A (full view), B (zoomed), A again, before any answer; returns the three render requests. */
  function askABA(): RenderRequest[] {
    chart.setLines(lines(10));
    composite(chart, 'A', 'full');
    composite(chart, 'B', 'zoomed');
    composite(chart, 'A', 'full');
    const asked = workers()[0]!.renders();
    expect(asked.map((r) => r.view)).toEqual(['full', 'zoomed', 'full']);
    return asked;
  }

  it('frames A, B, A asked while A is in flight, B and A coalesced by the worker: the chart ends showing A', () => {
    const [firstA, , secondA] = askABA();
    workers()[0]!.answer(firstA!);
    const last = workers()[0]!.answer(secondA!);
    expect(composite(chart, 'A', 'full')).toEqual({ current: true, drawn: [last.label] });
    expect(last.closed).toBe(false);
  });

  it('frames A, B, A each answered in turn: the chart ends showing A, never B', () => {
    const [firstA, b, secondA] = askABA();
    for (const request of [firstA!, b!]) workers()[0]!.answer(request);
    expect(composite(chart, 'A', 'full').current).toBe(false);
    const last = workers()[0]!.answer(secondA!);
    expect(composite(chart, 'A', 'full')).toEqual({ current: true, drawn: [last.label] });
  });

  it('a new view (a zoom) shows no lines until its bitmaps arrive, rather than lines at the old scale', () => {
    const answered = new Set<RenderRequest>();
    chart.setLines(lines(10));
    composite(chart, 'full', 'full');
    answerAll(answered);
    expect(composite(chart, 'zoomed', 'zoomed')).toEqual({ current: false, drawn: [] });
    const [zoomed] = answerAll(answered);
    expect(composite(chart, 'zoomed', 'zoomed')).toEqual({ current: true, drawn: [zoomed!.label] });
  });

  it('new values keep the old lines on screen until every share has drawn the new ones; then the old bitmaps are closed', () => {
    const answered = new Set<RenderRequest>();
    chart.setLines(lines(100));
    composite(chart);
    const oldBitmaps = answerAll(answered);
    const old = composite(chart).drawn;
    chart.setLines(lines(100, 'newer'));
    expect(composite(chart)).toEqual({ current: false, drawn: old });
    const [first, ...rest] = workers().map((w) => w.renders().at(-1)!);
    workers()[0]!.answer(first!);
    answered.add(first!);
    expect(composite(chart).drawn).toEqual(old);
    answerAll(answered);
    const fresh = composite(chart);
    expect(fresh.current).toBe(true);
    expect(fresh.drawn).toEqual([first!, ...rest].map((r) => r.key));
    expect(oldBitmaps.map((b) => b.closed)).toEqual([true, true, true, true]);
  });

  it('an answer drawn from lines since replaced is closed, never shown', () => {
    chart.setLines(lines(10));
    composite(chart);
    const stale = workers()[0]!.renders()[0]!;
    chart.setLines(lines(10, 'newer'));
    composite(chart);
    const staleBitmap = workers()[0]!.answer(stale);
    expect(staleBitmap.closed).toBe(true);
    expect(composite(chart)).toEqual({ current: false, drawn: [] });
  });

  it('no lines: nothing to ask for, nothing drawn, and the chart is current', () => {
    chart.setLines([]);
    expect(composite(chart)).toEqual({ current: true, drawn: [] });
    expect(workers().flatMap((w) => w.renders())).toEqual([]);
  });

  it('dispose() lets every worker forget the chart and closes its bitmaps', () => {
    chart.setLines(lines(100));
    composite(chart);
    const bitmaps = answerAll(new Set());
    chart.dispose();
    expect(workers().map((w) => w.received.filter((r) => r.type === 'drop').length)).toEqual([1, 1, 1, 1]);
    expect(bitmaps.map((b) => b.closed)).toEqual([true, true, true, true]);
    chart = new WorkerLines(() => drawnCalls++);
  });
});
