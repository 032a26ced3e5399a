/**
 * A worker's share of a chart is a multiple of this many lines: fewer lines are drawn faster than the messages and the
 * bitmap of another worker cost. An eye toggle redraws the one share holding that line.
 */
export const SHARE_BLOCK_LINES = 32;

/**
 * How a raster worker draws a chart's lines: `canvas` strokes anti-aliased paths on an OffscreenCanvas; `spans` writes
 * each line's vertical span per pixel column into a pixel buffer (columnSpans.ts), which costs pixels rather than
 * points and which software canvas cannot match for many lines, at the price of 1-pixel stair steps on shallow slopes.
 */
export type RasterMethod = 'canvas' | 'spans';

/**
 * From this many lines a chart is drawn by `spans`. Below it lines are few enough to be told apart, so a stair-stepped
 * line would look broken, and few enough that the canvas is fast: in a Chromium 156 worker on the 2-core development VM
 * a line of 1,000 points cost the canvas 0.18–0.28 ms (fastest round – median; the span rasteriser 0.06–0.1), so 63
 * lines take ~11–18 ms. From 64 on, lines overlap enough that anti-aliasing is lost in the crowd (bench/lineRasterMicro.mjs).
 */
export const SPANS_FROM_LINES = 64;

/** The raster method of a chart of `lines` lines (see SPANS_FROM_LINES). */
export function rasterMethod(lines: number): RasterMethod {
  return lines >= SPANS_FROM_LINES ? 'spans' : 'canvas';
}

/** One line as a raster worker draws it: values on the chart's shared x array, NaN where it has no point. */
export interface RasterLine {
  color: string;
  ys: Float64Array;
  alpha: number;
  width: number;
  band: { lo: Float64Array; hi: Float64Array } | null;
}

/**
 * Value to plot-box pixel y, as plain numbers so it can be posted to a worker: the pixels of the scale's min and max,
 * and whether the scale is logarithmic (uPlot's distr 3, base 10).
 */
export interface YMap {
  min: number;
  max: number;
  minPixel: number;
  maxPixel: number;
  log: boolean;
}

/** Where and how lines are drawn: plot box in canvas pixels, x pixels of the shared x array, the y map. */
export interface LineFrame {
  width: number;
  height: number;
  /** Box-relative pixel x of each shared x value in [from, to). */
  xPixels: Float64Array;
  /** The x indices worth drawing (the rest are off the plot). */
  from: number;
  to: number;
  y: YMap;
  pixelRatio: number;
}

/** Box-relative pixel y of a value under a YMap; NaN for values it cannot place (NaN, ±Infinity, ≤ 0 on a log scale). */
export function yPixel(map: YMap, value: number): number {
  if (!Number.isFinite(value)) return NaN;
  if (map.max === map.min) return map.minPixel;
  let fraction: number;
  if (map.log) {
    if (value <= 0) return NaN;
    fraction = (Math.log10(value) - Math.log10(map.min)) / (Math.log10(map.max) - Math.log10(map.min));
  } else fraction = (value - map.min) / (map.max - map.min);
  return map.minPixel + fraction * (map.maxPixel - map.minPixel);
}

/**
 * A chart's lines for one worker, packed so they transfer without copying: line i's values are
 * ys[i × points … (i + 1) × points), and likewise its band's, when it has one.
 */
export interface PackedLines {
  points: number;
  colors: string[];
  alphas: Float64Array;
  widths: Float64Array;
  ys: Float64Array;
  /** 1 where line i has a band. */
  banded: Uint8Array;
  bandLo: Float64Array;
  bandHi: Float64Array;
}

/** What the page asks of a raster worker. `chart` names one chart's share of lines in that worker. */
export type RasterRequest =
  | { type: 'lines'; chart: number; lines: PackedLines; method: RasterMethod }
  | { type: 'hidden'; chart: number; hidden: Uint8Array }
  | { type: 'render'; chart: number; key: string; frameKey: string; view: string; frame: LineFrame }
  | { type: 'drop'; chart: number };

/** A worker's answer to a render: its lines drawn, for the request with that key and view. */
export interface RasterResult {
  chart: number;
  key: string;
  view: string;
  bitmap: ImageBitmap;
}

/** Packs lines for one worker; the arrays are new, so they can be transferred. */
export function packLines(lines: readonly RasterLine[]): PackedLines {
  const points = lines[0]?.ys.length ?? 0;
  const packed: PackedLines = {
    points,
    colors: lines.map((l) => l.color),
    alphas: Float64Array.from(lines, (l) => l.alpha),
    widths: Float64Array.from(lines, (l) => l.width),
    ys: joinRows(lines.map((line) => line.ys), points),
    banded: Uint8Array.from(lines, (l) => (l.band ? 1 : 0)),
    bandLo: new Float64Array(lines.some((l) => l.band) ? lines.length * points : 0),
    bandHi: new Float64Array(lines.some((l) => l.band) ? lines.length * points : 0),
  };
  lines.forEach((line, i) => {
    if (line.band) {
      packed.bandLo.set(line.band.lo, i * points);
      packed.bandHi.set(line.band.hi, i * points);
    }
  });
  return packed;
}

/**
 * Rows of `points` values as one new array: a single copy when they are consecutive views of one buffer, as alignLines
 * makes them (a worker's share of 1,000 lines was a thousand copies).
 */
function joinRows(rows: readonly Float64Array[], points: number): Float64Array {
  const first = rows[0];
  const consecutive = first !== undefined && rows.every((row, i) => row.buffer === first.buffer && row.length === points && row.byteOffset === first.byteOffset + i * points * 8);
  if (consecutive) return new Float64Array(first.buffer.slice(first.byteOffset, first.byteOffset + rows.length * points * 8));
  const joined = new Float64Array(rows.length * points);
  rows.forEach((row, i) => joined.set(row, i * points));
  return joined;
}

/** The lines back out of a pack (views into its arrays). */
export function unpackLines(packed: PackedLines): RasterLine[] {
  const { points } = packed;
  const view = (array: Float64Array, i: number) => array.subarray(i * points, (i + 1) * points);
  return packed.colors.map((color, i) => ({
    color,
    alpha: packed.alphas[i]!,
    width: packed.widths[i]!,
    ys: view(packed.ys, i),
    band: packed.banded[i] ? { lo: view(packed.bandLo, i), hi: view(packed.bandHi, i) } : null,
  }));
}

/** The transferable buffers of a request, so posting it moves them instead of copying. */
export function transfersOf(request: RasterRequest): Transferable[] {
  if (request.type === 'lines') {
    const { alphas, widths, ys, banded, bandLo, bandHi } = request.lines;
    return [alphas.buffer, widths.buffer, ys.buffer, banded.buffer, bandLo.buffer, bandHi.buffer];
  }
  if (request.type === 'hidden') return [request.hidden.buffer];
  return [];
}
