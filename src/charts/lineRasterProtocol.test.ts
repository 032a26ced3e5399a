import { describe, expect, it } from 'vitest';
import { packLines, transfersOf, unpackLines, yPixel, type RasterLine, type YMap } from './lineRasterProtocol';

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
    const request = { type: 'lines' as const, chart: 1, lines: packLines(lines) };
    structuredClone(request, { transfer: transfersOf(request) });
    expect([...lines[1]!.ys]).toEqual([4, 5, 6]);
    expect(request.lines.ys.length).toBe(0);
  });
});
