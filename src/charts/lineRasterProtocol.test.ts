import { describe, expect, it } from 'vitest';
import { packLines, rasterMethod, SPANS_FROM_LINES, transfersOf, unpackLines, yPixel, type LineFrame, type RasterLine, type RasterRequest, type YMap } from './lineRasterProtocol';

const linear: YMap = { min: 0, max: 10, minPixel: 100, maxPixel: 0, log: false };

describe('yPixel', () => {
  it('maps a linear scale from its min pixel to its max pixel', () => {
    expect(yPixel(linear, 0)).toBe(100);
    expect(yPixel(linear, 10)).toBe(0);
    expect(yPixel(linear, 2.5)).toBe(75);
  });

  it('maps a log scale by decades, and cannot place values at or below zero', () => {
    const log: YMap = { min: 1, max: 1000, minPixel: 90, maxPixel: 0, log: true };
    expect(yPixel(log, 10)).toBeCloseTo(60);
    expect(yPixel(log, 100)).toBeCloseTo(30);
    expect(yPixel(log, 0)).toBeNaN();
    expect(yPixel(log, -1)).toBeNaN();
  });

  it('leaves NaN and infinite values unplaced (gaps), and puts everything at min when the scale is one value', () => {
    expect(yPixel(linear, NaN)).toBeNaN();
    expect(yPixel(linear, Infinity)).toBeNaN();
    expect(yPixel({ ...linear, max: 0 }, 0)).toBe(100);
  });
});

describe('packLines', () => {
  const lines: RasterLine[] = [
    { color: '#f00', alpha: 1, width: 1, ys: Float64Array.of(1, 2, NaN), band: null },
    { color: '#0f0', alpha: 0.3, width: 2, ys: Float64Array.of(4, 5, 6), band: { lo: Float64Array.of(3, 4, 5), hi: Float64Array.of(5, 6, 7) } },
  ];

  it('round-trips lines, bands and styles through one array per kind', () => {
    const back = unpackLines(structuredClone(packLines(lines)));
    expect(back.map((l) => [l.color, l.alpha, l.width])).toEqual([
      ['#f00', 1, 1],
      ['#0f0', 0.3, 2],
    ]);
    expect([...back[0]!.ys]).toEqual([1, 2, NaN]);
    expect(back[0]!.band).toBeNull();
    expect([...back[1]!.band!.lo]).toEqual([3, 4, 5]);
    expect([...back[1]!.band!.hi]).toEqual([5, 6, 7]);
  });

  it('copies the values, so transferring the pack leaves the chart its lines', () => {
    const request = { type: 'lines' as const, chart: 1, lines: packLines(lines), method: 'canvas' as const };
    structuredClone(request, { transfer: transfersOf(request) });
    expect([...lines[1]!.ys]).toEqual([4, 5, 6]);
    expect(request.lines.ys.length).toBe(0);
  });
});

describe('RasterRequest messages', () => {
  /** Posts a request as the page does (structured clone, its buffers transferred) and returns what the worker gets. */
  const post = (request: RasterRequest) => structuredClone(request, { transfer: transfersOf(request) });
  const frame: LineFrame = { width: 300, height: 200, xPixels: Float64Array.of(0, 150, 300), from: 0, to: 3, y: linear, pixelRatio: 2 };

  it('a lines message arrives with every line and its raster method, and lines without a band carry no band arrays', () => {
    const lines: RasterLine[] = [
      { color: '#f00', alpha: 1, width: 1, ys: Float64Array.of(1, NaN), band: null },
      { color: '#00f', alpha: 0.5, width: 1, ys: Float64Array.of(3, 4), band: null },
    ];
    const packed = packLines(lines);
    expect([packed.bandLo.length, packed.bandHi.length]).toEqual([0, 0]);
    const got = post({ type: 'lines', chart: 3, lines: packed, method: 'spans' });
    expect(got.type === 'lines' && got.method).toBe('spans');
    expect(got.type === 'lines' && unpackLines(got.lines).map((l) => [l.color, l.alpha, [...l.ys], l.band])).toEqual([
      ['#f00', 1, [1, NaN], null],
      ['#00f', 0.5, [3, 4], null],
    ]);
  });

  it('no lines pack to an empty pack that unpacks to no lines', () => {
    const got = post({ type: 'lines', chart: 1, lines: packLines([]), method: 'spans' });
    expect(got.type === 'lines' && [got.lines.points, unpackLines(got.lines)]).toEqual([0, []]);
  });

  it('a hidden message moves its flags to the worker', () => {
    const request: RasterRequest = { type: 'hidden', chart: 2, hidden: Uint8Array.of(0, 1, 1) };
    expect(post(request)).toEqual({ type: 'hidden', chart: 2, hidden: Uint8Array.of(0, 1, 1) });
    expect(request.hidden.length).toBe(0);
  });

  it('render and drop messages arrive as sent, and a render leaves the chart its frame (nothing transferred)', () => {
    const render: RasterRequest = { type: 'render', chart: 4, key: '1|0|f', frameKey: 'f', view: 'v', frame };
    expect(transfersOf(render)).toEqual([]);
    expect(post(render)).toEqual(render);
    expect([...frame.xPixels]).toEqual([0, 150, 300]);
    expect(post({ type: 'drop', chart: 4 })).toEqual({ type: 'drop', chart: 4 });
  });
});

describe('rasterMethod', () => {
  it('draws charts of few lines on the canvas, anti-aliased, and from SPANS_FROM_LINES lines on by column spans', () => {
    expect([rasterMethod(0), rasterMethod(3), rasterMethod(SPANS_FROM_LINES - 1)]).toEqual(['canvas', 'canvas', 'canvas']);
    expect([rasterMethod(SPANS_FROM_LINES), rasterMethod(1000)]).toEqual(['spans', 'spans']);
  });
});
