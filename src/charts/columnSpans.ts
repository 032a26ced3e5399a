import type { LineFrame } from './lineRasterProtocol';

/**
 * The rows a line (or a band) covers in each pixel column of a plot box: rows top[offset + c] … bottom[offset + c] of
 * column c, for c in [from, to), inside the box; none where top > bottom. Row r holds pixel y in [r, r + 1).
 */
export interface RowSpans {
  top: Int16Array;
  bottom: Int16Array;
  offset: number;
  from: number;
  to: number;
}

const NO_TOP = 0x7fff;
const NO_BOTTOM = -0x8000;

/** Empties `rows` (of a box `width` columns wide) for a new line. */
function clearRows(rows: RowSpans, width: number): void {
  rows.top.fill(NO_TOP, rows.offset, rows.offset + width);
  rows.bottom.fill(NO_BOTTOM, rows.offset, rows.offset + width);
  rows.from = width;
  rows.to = 0;
}

/**
 * Adds a polyline to `rows`, sweeping its points left to right: a column's span runs from the least to the greatest y
 * of the points in it and of the line where it enters and leaves the column, so consecutive columns' spans meet (the
 * line stays unbroken however steep it is) and a column holding many points spans their min to max (a spike is never
 * lost). Each column is written once, from values held in locals: this loop is most of the rasteriser's time. Values
 * the frame cannot place (NaN, ±Infinity, ≤ 0 on a log scale) are gaps, never joined across, as are those where
 * `partner` (a band's other edge) has none. A point alone between gaps becomes a square dot `marker` pixels from its
 * centre each way (a line's, not a band's edge). x must ascend, as the shared x array does. What the line covers is
 * added to what `rows` held, so a band's two edges make one span.
 */
export function addPolyline(rows: RowSpans, frame: LineFrame, ys: Float64Array, partner?: Float64Array, marker = 0): void {
  const { xPixels, width, height } = frame;
  const { min, max, minPixel, maxPixel, log } = frame.y;
  // yPixel, inlined.
  const origin = log ? Math.log10(min) : min;
  const scale = max === min ? 0 : (maxPixel - minPixel) / ((log ? Math.log10(max) : max) - origin);
  let placed = false;
  let joined = false;
  let px = 0;
  let py = 0;
  // The column being swept and the least and greatest y of the line in it so far.
  let column = 0;
  let least = 0;
  let greatest = 0;
  let first = width;
  let last = -1;
  const dot = () => {
    const c = Math.floor(px);
    for (let k = Math.max(0, c - marker); k <= Math.min(width - 1, c + marker); k++) putRows(rows, k, py - marker, py + marker, width, height);
    first = Math.min(first, c - marker);
    last = Math.max(last, c + marker);
  };
  for (let i = frame.from; i < frame.to; i++) {
    let v = ys[i]!;
    // v - v is 0 only for finite values.
    if (v - v !== 0 || (log && v <= 0) || (partner !== undefined && !placeable(partner[i]!, log))) {
      if (joined) putRows(rows, column, least, greatest, width, height);
      else if (placed && marker > 0) dot();
      placed = false;
      joined = false;
      continue;
    }
    if (log) v = Math.log10(v);
    const x = xPixels[i]!;
    const y = minPixel + (v - origin) * scale;
    const c = Math.floor(x);
    if (!placed) {
      placed = true;
      column = c;
      least = y;
      greatest = y;
    } else {
      if (!joined && column < first) first = column;
      joined = true;
      if (c <= column) {
        if (y < least) least = y;
        if (y > greatest) greatest = y;
      } else {
        // The segment leaves the column swept at its right border, crosses the columns up to this point's (only those
        // inside the box are walked: a zoom's points beyond the edges can be far off), and enters this point's.
        const slope = (y - py) / (x - px);
        const leaving = py + (column + 1 - px) * slope;
        putRows(rows, column, Math.min(least, leaving), Math.max(greatest, leaving), width, height);
        const start = Math.max(column + 1, 0);
        let border = py + (start - px) * slope;
        for (let crossed = start; crossed < Math.min(c, width); crossed++) {
          const next = py + (crossed + 1 - px) * slope;
          putRows(rows, crossed, Math.min(border, next), Math.max(border, next), width, height);
          border = next;
        }
        const entering = py + (c - px) * slope;
        column = c;
        least = Math.min(entering, y);
        greatest = Math.max(entering, y);
      }
      if (column > last) last = column;
    }
    px = x;
    py = y;
  }
  if (joined) putRows(rows, column, least, greatest, width, height);
  else if (placed && marker > 0) dot();
  if (last >= first) {
    rows.from = Math.min(rows.from, Math.max(0, first));
    rows.to = Math.max(rows.to, Math.min(width, last + 1));
  }
}

function placeable(value: number, log: boolean): boolean {
  return value - value === 0 && (!log || value > 0);
}

/**
 * Adds pixel y `upper` … `lower` of column c to `rows`, clamped to the box: a span wholly above or below it is left
 * empty (top > bottom) but still pulls a band's span to the box's edge, since the band lies between its two edges.
 */
function putRows(rows: RowSpans, c: number, upper: number, lower: number, width: number, height: number): void {
  if (c < 0 || c >= width) return;
  const top = upper < 0 ? 0 : upper >= height ? height : Math.floor(upper);
  const bottom = lower >= height ? height - 1 : lower < 0 ? -1 : Math.floor(lower);
  const at = rows.offset + c;
  if (top < rows.top[at]!) rows.top[at] = top;
  if (bottom > rows.bottom[at]!) rows.bottom[at] = bottom;
}

/**
 * Widens `rows` to a square pen `pen` pixels wide: each column takes the rows of its neighbours within the pen and grows
 * by the pen vertically, so a line wider than 1 pixel (a high-DPI screen's 1 CSS pixel, or a group's mean) keeps its
 * width on steep stretches as well as flat ones. `scratch` holds a copy of one line's rows.
 */
export function widenRows(rows: RowSpans, pen: number, frame: LineFrame, scratch: { top: Int16Array; bottom: Int16Array }): void {
  if (pen <= 1 || rows.from >= rows.to) return;
  const { width, height } = frame;
  const before = Math.floor((pen - 1) / 2);
  const after = pen - 1 - before;
  const { top, bottom, offset } = rows;
  scratch.top.set(top.subarray(offset + rows.from, offset + rows.to), rows.from);
  scratch.bottom.set(bottom.subarray(offset + rows.from, offset + rows.to), rows.from);
  const from = Math.max(0, rows.from - before);
  const to = Math.min(width, rows.to + after);
  for (let c = from; c < to; c++) {
    let upper = NO_TOP;
    let lower = NO_BOTTOM;
    for (let n = Math.max(rows.from, c - after); n <= Math.min(rows.to - 1, c + before); n++) {
      if (scratch.top[n]! <= scratch.bottom[n]!) {
        if (scratch.top[n]! < upper) upper = scratch.top[n]!;
        if (scratch.bottom[n]! > lower) lower = scratch.bottom[n]!;
      }
    }
    top[offset + c] = upper === NO_TOP ? NO_TOP : Math.max(0, upper - before);
    bottom[offset + c] = lower === NO_BOTTOM ? NO_BOTTOM : Math.min(height - 1, lower + after);
  }
  rows.from = from;
  rows.to = to;
}

/**
 * RowSpans of many lines in one pair of arrays, kept from frame to frame: in Chromium a typed array costs ~10 µs to
 * make, and fresh memory a page fault on first write, which made a thousand lines' spans cost more than tracing them.
 */
export class RowStore {
  private top = new Int16Array(0);
  private bottom = new Int16Array(0);
  private width = 0;

  /**
   * Room for `count` lines of `width` columns, made only when the store has less: spans handed out before keep their
   * arrays, so they stay valid until their lines are drawn for another frame.
   */
  reserve(count: number, width: number): void {
    this.width = width;
    if (this.top.length >= count * width) return;
    this.top = new Int16Array(count * width);
    this.bottom = new Int16Array(count * width);
  }

  /** Line i's spans, empty. */
  spans(i: number): RowSpans {
    const rows: RowSpans = { top: this.top, bottom: this.bottom, offset: i * this.width, from: 0, to: 0 };
    clearRows(rows, this.width);
    return rows;
  }
}
