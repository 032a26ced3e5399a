import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LineShare } from './lineShare';
import { MARKER_RADIUS } from './lineRasteriser';
import type { LineFrame, RasterLine, RasterMethod, YMap } from './lineRasterProtocol';
import { drawCalls, FakeCanvas, fakeCreateImageBitmap, FakeImageData, FakePath2D, resetDrawCalls, strokedColors, type FakeBitmap, type Mark } from './testCanvas';

vi.stubGlobal('OffscreenCanvas', FakeCanvas);
vi.stubGlobal('Path2D', FakePath2D);
vi.stubGlobal('ImageData', FakeImageData);
vi.stubGlobal('createImageBitmap', fakeCreateImageBitmap);

const LINEAR: YMap = { min: 0, max: 10, minPixel: 100, maxPixel: 0, log: false };

/** A frame of `points` x values, 10 pixels apart, drawn whole, at pixel ratio 2. */
function frame(points: number, y: YMap = LINEAR, range: { from?: number; to?: number } = {}): LineFrame {
  return { width: points * 10, height: 100, xPixels: Float64Array.from({ length: points }, (_, i) => i * 10), from: range.from ?? 0, to: range.to ?? points, y, pixelRatio: 2 };
}

/** Line `i`, coloured `line-i`. */
function line(i: number, ys: number[], style: Partial<RasterLine> = {}): RasterLine {
  return { color: `line-${i}`, ys: Float64Array.from(ys), alpha: 1, width: 1, band: null, ...style };
}

const manyLines = (count: number) => Array.from({ length: count }, (_, i) => line(i, [1, 2, 3]));

function share(lines: RasterLine[], method: RasterMethod = 'canvas'): LineShare {
  const made = new LineShare();
  made.setLines(lines, method);
  return made;
}

async function render(lineShare: LineShare, lineFrame: LineFrame, frameKey = 'frame'): Promise<Mark[]> {
  return [...((await lineShare.render(lineFrame, frameKey)) as unknown as FakeBitmap).marks];
}

function strokes(marks: readonly Mark[]) {
  return marks.flatMap((m) => (m.kind === 'stroke' ? [m] : []));
}

beforeEach(resetDrawCalls);

describe('LineShare.render, canvas method', () => {
  it('render(frame) draws every line once, in order, in its colour and alpha, its width times the pixel ratio', async () => {
    const drawn = strokes(await render(share([line(0, [1, 2]), line(1, [3, 4], { alpha: 0.22 }), line(2, [5, 6], { width: 2 })]), frame(2)));
    expect(drawn.map((s) => [s.color, s.alpha, s.width])).toEqual([
      ['line-0', 1, 2],
      ['line-1', 0.22, 2],
      ['line-2', 1, 4],
    ]);
  });

  it('render(frame) places each value at its x pixel and at the y map\'s pixel', async () => {
    expect(strokes(await render(share([line(0, [0, 5, 10, 2.5])]), frame(4)))[0]!.path).toEqual([
      ['M', 0, 100],
      ['L', 10, 50],
      ['L', 20, 0],
      ['L', 30, 75],
    ]);
  });

  it('render(frame) leaves NaN and infinite values as gaps: the line starts again after each, never joined across', async () => {
    const marks = await render(share([line(0, [1, NaN, 3, 4, Infinity, 6])]), frame(6));
    expect(strokes(marks)[0]!.path.map((c) => c.slice(0, 2))).toEqual([
      ['M', 0],
      ['M', 20],
      ['L', 30],
      ['M', 50],
    ]);
    // The points at 0 and 50 have no neighbour to join: each is a dot of the marker's radius, in the line's colour.
    const dots = marks.flatMap((m) => (m.kind === 'fill' ? [m] : []));
    expect(dots.map((d) => [d.color, d.path.filter((c) => c[0] === 'A').map((c) => [c[1], c[3]])])).toEqual([['line-0', [[0, 2 * MARKER_RADIUS], [50, 2 * MARKER_RADIUS]]]]);
  });

  it('render(frame) on a log y-axis leaves values at or below zero out, as gaps', async () => {
    const log: YMap = { min: 1, max: 1000, minPixel: 90, maxPixel: 0, log: true };
    const path = strokes(await render(share([line(0, [1, 10, 0, 100, -5, 1000])]), frame(6, log)))[0]!.path;
    expect(path.map((c) => c.slice(0, 2))).toEqual([
      ['M', 0],
      ['L', 10],
      ['M', 30],
      ['M', 50],
    ]);
    expect(path.map((c) => c[2])).toEqual([90, expect.closeTo(60), expect.closeTo(30), expect.closeTo(0)]);
  });

  it('render(frame) draws only the x indices in [from, to)', async () => {
    const path = strokes(await render(share([line(0, [1, 2, 3, 4, 5])]), frame(5, LINEAR, { from: 1, to: 3 })))[0]!.path;
    expect(path.map((c) => c.slice(0, 2))).toEqual([
      ['M', 10],
      ['L', 20],
    ]);
  });

  it('render(frame) fills a line\'s band faintly behind it, one closed polygon per stretch without gaps', async () => {
    const band = { lo: Float64Array.of(0, 1, NaN, 2, 3), hi: Float64Array.of(2, 3, NaN, 4, 5) };
    const marks = await render(share([line(0, [1, 2, 3, 3, 4], { band })]), frame(5));
    expect(marks.map((m) => m.kind)).toEqual(['fill', 'stroke']);
    const fill = marks[0] as Extract<Mark, { kind: 'fill' }>;
    expect([fill.color, fill.alpha]).toEqual(['line-0', 0.14]);
    const y = (v: number) => 100 - v * 10;
    expect(fill.path).toEqual([
      ['M', 0, y(2)],
      ['L', 10, y(3)],
      ['L', 10, y(1)],
      ['L', 0, y(0)],
      ['Z'],
      ['M', 30, y(4)],
      ['L', 40, y(5)],
      ['L', 40, y(3)],
      ['L', 30, y(2)],
      ['Z'],
    ]);
  });
});

describe('LineShare.setHidden, canvas method', () => {
  it('setHidden(flags) leaves hidden lines out of the next render', async () => {
    const lines = share(manyLines(3));
    lines.setHidden(Uint8Array.of(0, 1, 0));
    expect(strokedColors(await render(lines, frame(3)))).toEqual(['line-0', 'line-2']);
  });

  it('an eye toggle redraws the share from the paths kept for the frame: no line\'s path is built again', async () => {
    const lines = share(manyLines(40));
    await render(lines, frame(3));
    resetDrawCalls();
    const hidden = new Uint8Array(40);
    hidden[7] = 1;
    lines.setHidden(hidden);
    expect(strokedColors(await render(lines, frame(3)))).toEqual(manyLines(40).flatMap((l, i) => (i === 7 ? [] : [l.color])));
    lines.setHidden(new Uint8Array(40));
    expect(strokedColors(await render(lines, frame(3)))).toHaveLength(40);
    expect(drawCalls.paths).toBe(0);
  });

  it('setHidden with the same flags changes nothing: the next render strokes no line', async () => {
    const lines = share(manyLines(40));
    lines.setHidden(Uint8Array.of(1));
    await render(lines, frame(3));
    resetDrawCalls();
    lines.setHidden(Uint8Array.of(1));
    expect(strokedColors(await render(lines, frame(3)))).toHaveLength(39);
    expect(drawCalls.strokes).toBe(0);
  });
});

describe('LineShare frames and lines', () => {
  it('a render with the same frame key strokes nothing again; a new frame key redraws every line at the new scale', async () => {
    const lines = share(manyLines(70));
    await render(lines, frame(3), 'a');
    resetDrawCalls();
    expect(strokedColors(await render(lines, frame(3), 'a'))).toHaveLength(70);
    expect(drawCalls.strokes).toBe(0);
    const zoomed = await render(lines, frame(3, { ...LINEAR, max: 5 }), 'b');
    expect([drawCalls.paths, drawCalls.strokes]).toEqual([70, 70]);
    expect(strokes(zoomed)[0]!.path[0]).toEqual(['M', 0, 80]);
  });

  it('setLines(lines) replaces every line and forgets the hidden flags', async () => {
    const lines = share(manyLines(100));
    lines.setHidden(Uint8Array.of(1, 1));
    await render(lines, frame(3));
    lines.setLines(manyLines(10), 'canvas');
    expect(strokedColors(await render(lines, frame(3)))).toEqual(manyLines(10).map((l) => l.color));
  });

  it('no lines: the bitmap is empty', async () => {
    expect(await render(share([]), frame(3))).toEqual([]);
  });
});

describe('LineShare, spans method', () => {
  /** Colours as the span rasteriser reads them: CSS hex. */
  const RED = '#ff0000';
  const BLUE = '#0000ff';

  async function pixels(lineShare: LineShare, lineFrame: LineFrame, frameKey = 'frame'): Promise<FakeImageData> {
    const bitmap = (await lineShare.render(lineFrame, frameKey)) as unknown as FakeBitmap;
    expect(bitmap.marks).toEqual([]);
    return bitmap.image!;
  }

  /** The rows of column x holding any pixel, top to bottom. */
  const rowsAt = (image: FakeImageData, x: number) => Array.from({ length: image.height }, (_, y) => y).filter((y) => image.pixel(x, y)[3]! > 0);

  it('draws each line in its colour, opaque, 1 pixel high where it is flat, at the y map\'s pixel', async () => {
    // 2.5 → y 75, 7.5 → y 25; the frame's pixel ratio is 2, so a 1-pixel line is drawn 2 pixels wide.
    const image = await pixels(share([line(0, [2.5, 2.5, 2.5], { color: RED, width: 0.5 }), line(1, [7.5, 7.5, 7.5], { color: BLUE, width: 0.5 })], 'spans'), frame(3));
    expect(rowsAt(image, 5)).toEqual([25, 75]);
    expect([image.pixel(5, 75), image.pixel(5, 25)]).toEqual([
      [255, 0, 0, 255],
      [0, 0, 255, 255],
    ]);
    // Past the last point (x 20) nothing is drawn.
    expect(rowsAt(image, 25)).toEqual([]);
  });

  it('a line\'s width times the pixel ratio is its pen: width 1 at ratio 2 covers 2 rows', async () => {
    const image = await pixels(share([line(0, [2.5, 2.5, 2.5], { color: RED })], 'spans'), frame(3));
    expect(rowsAt(image, 5)).toEqual([75, 76]);
  });

  it('a later line covers an earlier one where they cross', async () => {
    const image = await pixels(share([line(0, [5, 5, 5], { color: RED, width: 0.5 }), line(1, [0, 5, 10], { color: BLUE, width: 0.5 })], 'spans'), frame(3));
    expect(image.pixel(10, 50)).toEqual([0, 0, 255, 255]);
    expect(image.pixel(3, 50)).toEqual([255, 0, 0, 255]);
  });

  it('NaN values are gaps: nothing is drawn between the points around them', async () => {
    const image = await pixels(share([line(0, [5, 5, NaN, 5, 5], { color: RED, width: 0.5 })], 'spans'), frame(5));
    expect([5, 15, 25, 35].map((x) => rowsAt(image, x).length > 0)).toEqual([true, false, false, true]);
  });

  it('a faint line (a smoothed line\'s raw copy) is drawn translucent, and a band at 0.14 behind its line', async () => {
    const band = { lo: Float64Array.of(2, 2, 2), hi: Float64Array.of(8, 8, 8) };
    const image = await pixels(share([line(0, [5, 5, 5], { color: BLUE, width: 0.5, band }), line(1, [1, 1, 1], { color: RED, width: 0.5, alpha: 0.22 })], 'spans'), frame(3));
    expect(image.pixel(5, 90)).toEqual([255, 0, 0, 56]);
    expect(image.pixel(5, 30)).toEqual([0, 0, 255, 36]);
    expect(image.pixel(5, 50)).toEqual([0, 0, 255, 255]);
  });

  it('hidden lines are left out; showing one again draws it from its kept spans, not from its values again', async () => {
    const lines = [line(0, [2.5, 2.5, 2.5], { color: RED, width: 0.5 }), line(1, [7.5, 7.5, 7.5], { color: BLUE, width: 0.5 })];
    const drawn = share(lines, 'spans');
    drawn.setHidden(Uint8Array.of(1, 0));
    expect(rowsAt(await pixels(drawn, frame(3)), 5)).toEqual([25]);
    drawn.setHidden(Uint8Array.of(0, 1));
    expect(rowsAt(await pixels(drawn, frame(3)), 5)).toEqual([75]);
    // Values changed in place are not read again until the frame changes.
    lines[0]!.ys.fill(5);
    drawn.setHidden(Uint8Array.of(0, 0));
    expect(rowsAt(await pixels(drawn, frame(3)), 5)).toEqual([25, 75]);
    expect(rowsAt(await pixels(drawn, frame(3), 'new frame'), 5)).toEqual([25, 50]);
  });

  it('setLines with another method draws by it from then on', async () => {
    const drawn = share([line(0, [1, 2, 3], { color: RED })], 'spans');
    expect(rowsAt(await pixels(drawn, frame(3)), 5).length).toBeGreaterThan(0);
    drawn.setLines([line(0, [1, 2, 3], { color: RED })], 'canvas');
    expect(strokedColors(await render(drawn, frame(3)))).toEqual([RED]);
  });
});
