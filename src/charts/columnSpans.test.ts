import { describe, expect, it } from 'vitest';
import { addPolyline, RowStore, widenRows } from './columnSpans';
import type { LineFrame, YMap } from './lineRasterProtocol';

/** Value v at pixel y = 100 − 10 v: 0 at the bottom row's edge, 10 at the top. */
const LINEAR: YMap = { min: 0, max: 10, minPixel: 100, maxPixel: 0, log: false };

function frame(xPixels: number[], options: { width?: number; y?: YMap; from?: number; to?: number } = {}): LineFrame {
  return { width: options.width ?? 10, height: 100, xPixels: Float64Array.from(xPixels), from: options.from ?? 0, to: options.to ?? xPixels.length, y: options.y ?? LINEAR, pixelRatio: 1 };
}

/** The rows a line covers, by column: [top, bottom], or null for a column it leaves empty. */
function rowsOf(lineFrame: LineFrame, ys: number[], pen = 1, partner?: number[]): ([number, number] | null)[] {
  const store = new RowStore();
  store.reserve(1, lineFrame.width);
  const rows = store.spans(0);
  addPolyline(rows, lineFrame, Float64Array.from(ys), partner && Float64Array.from(partner));
  widenRows(rows, pen, lineFrame, { top: new Int16Array(lineFrame.width), bottom: new Int16Array(lineFrame.width) });
  return Array.from({ length: lineFrame.width }, (_, c) => (c >= rows.from && c < rows.to && rows.top[c]! <= rows.bottom[c]! ? [rows.top[c]!, rows.bottom[c]!] : null));
}

describe('addPolyline + widenRows', () => {
  it('a flat line covers one row in every column between its first and last point, and no column outside them', () => {
    // y = 100 − 10 × 4.97 = 50.3: row 50.
    expect(rowsOf(frame([2.5, 5.5, 7.5]), [4.97, 4.97, 4.97])).toEqual([null, null, [50, 50], [50, 50], [50, 50], [50, 50], [50, 50], [50, 50], null, null]);
  });

  it('a steep segment fills every column it crosses, each column meeting the next, so the line is unbroken', () => {
    // From (0.5, y 90) to (4.5, y 10): 20 pixels of y per column.
    const rows = rowsOf(frame([0.5, 4.5]), [1, 9]);
    expect(rows.slice(0, 5)).toEqual([
      [80, 90],
      [60, 80],
      [40, 60],
      [20, 40],
      [10, 20],
    ]);
  });

  it('many points in one column span their min to max (a spike is never lost)', () => {
    expect(rowsOf(frame([3.1, 3.3, 3.5, 3.7]), [5, 9.5, 0.5, 5])[3]).toEqual([5, 95]);
  });

  it('a point alone between gaps is a square dot of the marker size, and only with one (a band\'s edge has none)', () => {
    const store = new RowStore();
    store.reserve(1, 10);
    const rows = store.spans(0);
    // y = 100 − 10 × 5 = 50, in column 4.
    addPolyline(rows, frame([0.5, 4.5, 8.5]), Float64Array.of(NaN, 5, NaN), undefined, 2);
    const covered = Array.from({ length: 10 }, (_, c) => (c >= rows.from && c < rows.to && rows.top[c]! <= rows.bottom[c]! ? [rows.top[c]!, rows.bottom[c]!] : null));
    expect(covered).toEqual([null, null, [48, 52], [48, 52], [48, 52], [48, 52], [48, 52], null, null, null]);
    expect(rowsOf(frame([0.5, 2.5, 4.5]), [NaN, 5, NaN]).every((r) => r === null), 'no marker asked').toBe(true);
    const between = rowsOf(frame([0.5, 1.5, 2.5, 4.5, 6.5, 7.5, 8.5]), [5, 5, NaN, 5, NaN, 5, 5]);
    expect(between.map((r) => r !== null)).toEqual([true, true, false, false, false, false, false, true, true, false]);
  });

  it('NaN and ±Infinity are gaps: the columns between the points around them stay empty, never joined', () => {
    const xs = [0.5, 1.5, 3.5, 5.5, 6.5];
    const drawn = [true, true, false, false, false, true, true, false, false, false];
    for (const gap of [NaN, Infinity, -Infinity]) expect(rowsOf(frame(xs), [5, 5, gap, 5, 5]).map((r) => r !== null)).toEqual(drawn);
  });

  it('on a log y-axis values at or below zero are gaps, and decades are evenly spaced', () => {
    const log: YMap = { min: 1, max: 1000, minPixel: 90, maxPixel: 0, log: true };
    const rows = rowsOf(frame([0.5, 1.5, 3.5, 4.5, 5.5, 7.5, 8.5], { y: log }), [10, 100, 0, 100, 1000, -1, 10]);
    expect(rows.map((r) => r !== null)).toEqual([true, true, false, false, true, true, false, false, false, false]);
    // 10 at y 60, 100 at y 30, 1000 at y 0.
    expect(rows.slice(0, 2)).toEqual([
      [45, 60],
      [30, 45],
    ]);
    expect(rows.slice(4, 6)).toEqual([
      [15, 30],
      [0, 15],
    ]);
  });

  it('only the x indices in [from, to) are drawn', () => {
    expect(rowsOf(frame([0.5, 2.5, 4.5, 6.5], { from: 1, to: 3 }), [5, 5, 5, 5]).map((r) => r !== null)).toEqual([false, false, true, true, true, false, false, false, false, false]);
  });

  it('rows and columns outside the box are clipped: a line above it leaves no row, one crossing its edges is cut there', () => {
    expect(rowsOf(frame([0.5, 9.5]), [20, 20]).every((r) => r === null)).toBe(true);
    // From y −50 (above the box) to y 150 (below it), crossing the border of columns 0 and 1 at y 50.
    expect(rowsOf(frame([0.5, 1.5]), [15, -5]).slice(0, 3)).toEqual([[0, 50], [50, 99], null]);
    // From x −2 (left of the box) to 12 (right of it), y 110 to −10: 8.57 pixels of y per column.
    const rows = rowsOf(frame([-2, 12]), [-1, 11]);
    expect([rows[0], rows[9]]).toEqual([
      [84, 92],
      [7, 15],
    ]);
  });

  it('a pen 2 pixels wide covers two rows of a flat line and two columns of a vertical one', () => {
    expect(rowsOf(frame([2.5, 5.5]), [4.97, 4.97], 2).slice(2, 7)).toEqual([
      [50, 51],
      [50, 51],
      [50, 51],
      [50, 51],
      [50, 51],
    ]);
    const steep = rowsOf(frame([3.2, 3.8]), [1, 9], 2);
    expect(steep.map((r) => r !== null)).toEqual([false, false, false, true, true, false, false, false, false, false]);
  });

  it('with a partner (a band\'s other edge), the points where the partner has no value are gaps too', () => {
    expect(rowsOf(frame([0.5, 2.5, 4.5]), [5, 5, 5], 1, [4, NaN, 4]).every((r) => r === null)).toBe(true);
  });

  it('a second polyline adds to the first\'s spans: a band\'s two edges make one span per column, covering between them', () => {
    const store = new RowStore();
    store.reserve(1, 10);
    const band = store.spans(0);
    const lineFrame = frame([0.5, 9.5]);
    addPolyline(band, lineFrame, Float64Array.of(8, 8));
    addPolyline(band, lineFrame, Float64Array.of(2, 2));
    expect([band.top[5], band.bottom[5], band.from, band.to]).toEqual([20, 80, 0, 10]);
  });

  it('a band whose upper edge is above the box covers its column from the top of the box down to its lower edge', () => {
    const store = new RowStore();
    store.reserve(1, 10);
    const band = store.spans(0);
    const lineFrame = frame([0.5, 9.5]);
    addPolyline(band, lineFrame, Float64Array.of(20, 20));
    addPolyline(band, lineFrame, Float64Array.of(2, 2));
    expect([band.top[5], band.bottom[5]]).toEqual([0, 80]);
  });

  it('a segment from far outside the box (a zoom\'s point beyond its edge) is drawn where it is inside', () => {
    const rows = rowsOf(frame([-1e6, 5.5]), [5, 5]);
    expect(rows.map((r) => r !== null)).toEqual([true, true, true, true, true, true, false, false, false, false]);
  });
});

describe('RowStore', () => {
  it('spans(i) of a store of many lines do not overlap: each line keeps its own rows', () => {
    const store = new RowStore();
    store.reserve(2, 10);
    const lineFrame = frame([0.5, 9.5]);
    const [a, b] = [store.spans(0), store.spans(1)];
    addPolyline(a, lineFrame, Float64Array.of(1, 1));
    addPolyline(b, lineFrame, Float64Array.of(9, 9));
    expect([a.top[a.offset + 5], b.top[b.offset + 5]]).toEqual([90, 10]);
  });

  it('spans(i) are empty even where the store held another frame\'s rows', () => {
    const store = new RowStore();
    store.reserve(1, 10);
    addPolyline(store.spans(0), frame([0.5, 9.5]), Float64Array.of(1, 1));
    const again = store.spans(0);
    expect([again.from, again.to, again.top[5]! > again.bottom[5]!]).toEqual([10, 0, true]);
  });
});
