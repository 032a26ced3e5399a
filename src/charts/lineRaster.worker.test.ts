import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { packLines, type LineFrame, type RasterMethod, type RasterLine, type RasterRequest, type RasterResult } from './lineRasterProtocol';
import { FakeCanvas, fakeCreateImageBitmap, FakeImageData, FakePath2D, strokedColors, type FakeBitmap } from './testCanvas';

/** The worker's global scope, as the module sees it: what it posts and the errors it reports are recorded. */
const scope = {
  onmessage: null as ((event: MessageEvent<RasterRequest>) => void) | null,
  posted: [] as { result: RasterResult; transfer: unknown[] }[],
  reported: [] as unknown[],
  postMessage(result: RasterResult, transfer: unknown[]) {
    this.posted.push({ result, transfer });
  },
  reportError(error: unknown) {
    this.reported.push(error);
  },
};

vi.stubGlobal('self', scope);
vi.stubGlobal('OffscreenCanvas', FakeCanvas);
vi.stubGlobal('Path2D', FakePath2D);
vi.stubGlobal('ImageData', FakeImageData);

beforeAll(async () => {
  await import('./lineRaster.worker');
});

beforeEach(() => {
  scope.posted = [];
  scope.reported = [];
  vi.stubGlobal('createImageBitmap', fakeCreateImageBitmap);
});

const FRAME: LineFrame = { width: 30, height: 100, xPixels: Float64Array.of(0, 10, 20), from: 0, to: 3, y: { min: 0, max: 10, minPixel: 100, maxPixel: 0, log: false }, pixelRatio: 1 };

const send = (request: RasterRequest) => scope.onmessage!({ data: request } as MessageEvent<RasterRequest>);

function sendLines(chart: number, colors: string[], method: RasterMethod = 'canvas'): void {
  const lines: RasterLine[] = colors.map((color, i) => ({ color, ys: Float64Array.of(i + 1, i + 1, i + 1), alpha: 1, width: 1, band: null }));
  send({ type: 'lines', chart, lines: packLines(lines), method });
}

const sendRender = (chart: number, key: string, view = 'view') => send({ type: 'render', chart, key, frameKey: key, view, frame: FRAME });

/** Waits for the worker's answer to `chart` (each test's last request, so every earlier one has been dealt with). */
async function answerTo(chart: number): Promise<RasterResult> {
  await vi.waitFor(() => expect(scope.posted.some((p) => p.result.chart === chart)).toBe(true));
  return scope.posted.find((p) => p.result.chart === chart)!.result;
}

const colorsOf = (result: RasterResult) => strokedColors((result.bitmap as unknown as FakeBitmap).marks);

describe('lineRaster.worker', () => {
  it('answers a render with a bitmap of the chart\'s lines, echoing its key and view, the bitmap transferred', async () => {
    sendLines(1, ['red', 'blue']);
    sendRender(1, 'key-1', 'zoom 0..10');
    const result = await answerTo(1);
    expect([result.key, result.view]).toEqual(['key-1', 'zoom 0..10']);
    expect(colorsOf(result)).toEqual(['red', 'blue']);
    expect(scope.posted[0]!.transfer).toEqual([result.bitmap]);
  });

  it('a chart sent with the spans method is answered with its lines\' pixels, in their colours', async () => {
    sendLines(9, ['#ff0000', '#0000ff'], 'spans');
    sendRender(9, 'k');
    const image = ((await answerTo(9)).bitmap as unknown as FakeBitmap).image!;
    // Values 1 and 2 are at y 90 and 80 of the frame's 100 rows.
    expect([image.pixel(15, 90), image.pixel(15, 80), image.pixel(15, 50)]).toEqual([
      [255, 0, 0, 255],
      [0, 0, 255, 255],
      [0, 0, 0, 0],
    ]);
  });

  it('renders asked of one chart before the worker gets to them are coalesced: only the last frame is drawn and answered', async () => {
    sendLines(2, ['red']);
    sendLines(3, ['blue']);
    sendRender(2, 'first');
    sendRender(2, 'second');
    sendRender(3, 'other chart');
    await answerTo(3);
    expect(scope.posted.map((p) => [p.result.chart, p.result.key])).toEqual([
      [2, 'second'],
      [3, 'other chart'],
    ]);
  });

  it('hidden flags leave those lines out of the chart\'s next render', async () => {
    sendLines(4, ['red', 'green', 'blue']);
    send({ type: 'hidden', chart: 4, hidden: Uint8Array.of(0, 1, 0) });
    sendRender(4, 'k');
    expect(colorsOf(await answerTo(4))).toEqual(['red', 'blue']);
  });

  it('a dropped chart\'s pending render is not answered, and a render after the drop finds no lines to draw', async () => {
    sendLines(5, ['red']);
    sendLines(6, ['blue']);
    sendRender(5, 'pending');
    send({ type: 'drop', chart: 5 });
    sendRender(6, 'k');
    await answerTo(6);
    sendRender(5, 'after the drop');
    sendRender(6, 'k2');
    await vi.waitFor(() => expect(scope.posted.map((p) => p.result.key)).toContain('k2'));
    expect(scope.posted.map((p) => p.result.chart)).toEqual([6, 6]);
  });

  it('a render that fails is reported, and the other charts asked at the same time are still drawn', async () => {
    sendLines(7, ['red']);
    sendLines(8, ['blue']);
    const failure = new Error('out of memory');
    vi.stubGlobal('createImageBitmap', vi.fn().mockRejectedValueOnce(failure).mockImplementation(fakeCreateImageBitmap));
    sendRender(7, 'fails');
    sendRender(8, 'drawn');
    expect(colorsOf(await answerTo(8))).toEqual(['blue']);
    expect(scope.reported).toEqual([failure]);
    expect(scope.posted.map((p) => p.result.chart)).toEqual([8]);
    // The worker goes on: the failed chart's next frame is drawn.
    sendRender(7, 'again');
    expect(colorsOf(await answerTo(7))).toEqual(['red']);
  });
});
