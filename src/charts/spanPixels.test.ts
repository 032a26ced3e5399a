import { describe, expect, it } from 'vitest';
import type { RowSpans } from './columnSpans';
import { fillSpans, packColor, parseColor, unpremultiply } from './spanPixels';

/** A pixel as [r, g, b, a], from the buffer's little-endian RGBA bytes. */
const rgba = (pixel: number) => [pixel & 0xff, (pixel >>> 8) & 0xff, (pixel >>> 16) & 0xff, pixel >>> 24];

/** Spans of a 4 × 4 box: column c covers rows tops[c] … bottoms[c]. */
function spans(tops: number[], bottoms: number[]): RowSpans {
  return { top: Int16Array.from(tops), bottom: Int16Array.from(bottoms), offset: 0, from: 0, to: tops.length };
}

describe('parseColor', () => {
  it('reads #rrggbb, #rgb and rgb()/rgba() colours', () => {
    expect(parseColor('#4e79a7')).toEqual([0x4e, 0x79, 0xa7, 1]);
    expect(parseColor('#f0a')).toEqual([255, 0, 170, 1]);
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3, 1]);
    expect(parseColor('rgba(1, 2, 3, 0.5)')).toEqual([1, 2, 3, 0.5]);
  });
});

describe('fillSpans', () => {
  it('an opaque colour is written as it is, in exactly the rows of each column\'s span', () => {
    const pixels = new Uint32Array(16);
    fillSpans(pixels, 4, spans([0, 1, 3, 2], [0, 2, 3, 1]), packColor('#102030', 1));
    const painted = [...pixels].map((p) => (p === 0 ? '.' : 'x'));
    // Row by row: column 0 row 0; column 1 rows 1–2; column 2 row 3; column 3 empty (top > bottom).
    expect([0, 1, 2, 3].map((row) => painted.slice(row * 4, row * 4 + 4).join(''))).toEqual(['x...', '.x..', '.x..', '..x.']);
    expect(rgba(pixels[0]!)).toEqual([0x10, 0x20, 0x30, 255]);
  });

  it('a later line covers an earlier one where they cross (drawing order is kept)', () => {
    const pixels = new Uint32Array(16);
    fillSpans(pixels, 4, spans([1, 1, 1, 1], [1, 1, 1, 1]), packColor('#ff0000', 1));
    fillSpans(pixels, 4, spans([0, 1, 2, 3], [0, 1, 2, 3]), packColor('#0000ff', 1));
    expect(rgba(pixels[4 + 1]!)).toEqual([0, 0, 255, 255]);
    expect(rgba(pixels[4 + 0]!)).toEqual([255, 0, 0, 255]);
  });

  it('a translucent colour blends over what is there, and over nothing keeps its colour once unpremultiplied', () => {
    const pixels = new Uint32Array(16);
    fillSpans(pixels, 4, spans([0, 0, 4, 4], [0, 0, 3, 3]), packColor('#ffffff', 1));
    fillSpans(pixels, 4, spans([0, 2, 4, 4], [0, 2, 3, 3]), packColor('#0000ff', 0.25));
    unpremultiply(pixels);
    // Over white: 75 % white, 25 % blue.
    expect(rgba(pixels[0]!)).toEqual([191, 191, 255, 255]);
    // Over nothing: blue at a quarter of full alpha.
    expect(rgba(pixels[2 * 4 + 1]!)).toEqual([0, 0, 255, 64]);
    // Untouched stays empty.
    expect(pixels[3]).toBe(0);
  });

  it('many translucent layers over an opaque pixel keep it opaque', () => {
    const pixels = new Uint32Array(16);
    const column = spans([0], [0]);
    fillSpans(pixels, 4, column, packColor('#336699', 1));
    for (let i = 0; i < 1000; i++) fillSpans(pixels, 4, column, packColor(i % 2 ? '#ff7f00' : '#109618', 0.22));
    expect(rgba(pixels[0]!)[3]).toBe(255);
  });
});
