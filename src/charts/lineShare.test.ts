import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LineLayers } from './lineLayers';
import { LINES_PER_LAYER, type LineFrame, type RasterLine, type YMap } from './lineRasterProtocol';
import { drawCalls, FakeCanvas, fakeCreateImageBitmap, FakePath2D, resetDrawCalls, strokedColors, type FakeBitmap, type Mark } from './testCanvas';

vi.stubGlobal('OffscreenCanvas', FakeCanvas);
vi.stubGlobal('Path2D', FakePath2D);
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

async function render(layers: LineLayers, lineFrame: LineFrame, frameKey = 'frame'): Promise<Mark[]> {
  return [...((await layers.render(lineFrame, frameKey)) as unknown as FakeBitmap).marks];
}

function strokes(marks: readonly Mark[]) {
  return marks.flatMap((m) => (m.kind === 'stroke' ? [m] : []));
}

beforeEach(resetDrawCalls);

describe('LineLayers.render', () => {
  it('render(frame) draws every line once, in order, in its colour and alpha, its width times the pixel ratio', async () => {
    const layers = new LineLayers();
    layers.setLines([line(0, [1, 2]), line(1, [3, 4], { alpha: 0.22 }), line(2, [5, 6], { width: 2 })]);
    const drawn = strokes(await render(layers, frame(2)));
    expect(drawn.map((s) => [s.color, s.alpha, s.width])).toEqual([
      ['line-0', 1, 2],
      ['line-1', 0.22, 2],
      ['line-2', 1, 4],
    ]);
  });

  it('render(frame) places each value at its x pixel and at the y map\'s pixel', async () => {
    const layers = new LineLayers();
    layers.setLines([line(0, [0, 5, 10, 2.5])]);
    expect(strokes(await render(layers, frame(4)))[0]!.path).toEqual([
      ['M', 0, 100],
      ['L', 10, 50],
      ['L', 20, 0],
      ['L', 30, 75],
    ]);
  });

  it('render(frame) leaves NaN and infinite values as gaps: the line starts again after each, never joined across', async () => {
    const layers = new LineLayers();
    layers.setLines([line(0, [1, NaN, 3, 4, Infinity, 6])]);
    const commands = strokes(await render(layers, frame(6)))[0]!.path.map((c) => c.slice(0, 2));
    expect(commands).toEqual([
      ['M', 0],
      ['M', 20],
      ['L', 30],
      ['M', 50],
    ]);
  });

  it('render(frame) on a log y-axis leaves values at or below zero out, as gaps', async () => {
    const layers = new LineLayers();
    layers.setLines([line(0, [1, 10, 0, 100, -5, 1000])]);
    const log: YMap = { min: 1, max: 1000, minPixel: 90, maxPixel: 0, log: true };
    const path = strokes(await render(layers, frame(6, log)))[0]!.path;
    expect(path.map((c) => c.slice(0, 2))).toEqual([
      ['M', 0],
      ['L', 10],
      ['M', 30],
      ['M', 50],
    ]);
    expect(path.map((c) => c[2])).toEqual([90, expect.closeTo(60), expect.closeTo(30), expect.closeTo(0)]);
  });

  it('render(frame) draws only the x indices in [from, to)', async () => {
    const layers = new LineLayers();
    layers.setLines([line(0, [1, 2, 3, 4, 5])]);
    const path = strokes(await render(layers, frame(5, LINEAR, { from: 1, to: 3 })))[0]!.path;
    expect(path.map((c) => c.slice(0, 2))).toEqual([
      ['M', 10],
      ['L', 20],
    ]);
  });

  it('render(frame) fills a line\'s band faintly behind it, one closed polygon per stretch without gaps', async () => {
    const layers = new LineLayers();
    const band = { lo: Float64Array.of(0, 1, NaN, 2, 3), hi: Float64Array.of(2, 3, NaN, 4, 5) };
    layers.setLines([line(0, [1, 2, 3, 3, 4], { band })]);
    const marks = await render(layers, frame(5));
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

describe('LineLayers.setHidden', () => {
  it('setHidden(flags) leaves hidden lines out of the next render', async () => {
    const layers = new LineLayers();
    layers.setLines(manyLines(3));
    layers.setHidden(Uint8Array.of(0, 1, 0));
    expect(strokedColors(await render(layers, frame(3)))).toEqual(['line-0', 'line-2']);
  });

  it('hiding a line redraws only the layer that holds it; the other layers are copied as they were', async () => {
    const layers = new LineLayers();
    layers.setLines(manyLines(100));
    expect(strokedColors(await render(layers, frame(3)))).toHaveLength(100);
    resetDrawCalls();
    const hidden = new Uint8Array(100);
    hidden[40] = 1;
    layers.setHidden(hidden);
    const shown = strokedColors(await render(layers, frame(3)));
    expect(shown).toEqual(manyLines(100).flatMap((l, i) => (i === 40 ? [] : [l.color])));
    // Line 40 is in the second layer (lines 32–63): its 31 other lines are stroked again, no line of another layer.
    expect(drawCalls.strokes).toBe(LINES_PER_LAYER - 1);
    resetDrawCalls();
    layers.setHidden(new Uint8Array(100));
    expect(strokedColors(await render(layers, frame(3)))).toHaveLength(100);
    expect(drawCalls.strokes).toBe(LINES_PER_LAYER);
  });

  it('setHidden with the same flags changes nothing: the next render strokes no line', async () => {
    const layers = new LineLayers();
    layers.setLines(manyLines(40));
    layers.setHidden(Uint8Array.of(1));
    await render(layers, frame(3));
    resetDrawCalls();
    layers.setHidden(Uint8Array.of(1));
    expect(strokedColors(await render(layers, frame(3)))).toHaveLength(39);
    expect(drawCalls.strokes).toBe(0);
  });
});

describe('LineLayers frames and lines', () => {
  it('a render with the same frame key strokes nothing again; a new frame key redraws every line at the new scale', async () => {
    const layers = new LineLayers();
    layers.setLines(manyLines(70));
    await render(layers, frame(3), 'a');
    resetDrawCalls();
    expect(strokedColors(await render(layers, frame(3), 'a'))).toHaveLength(70);
    expect(drawCalls.strokes).toBe(0);
    const zoomed = await render(layers, frame(3, { ...LINEAR, max: 5 }), 'b');
    expect(drawCalls.strokes).toBe(70);
    expect(strokes(zoomed)[0]!.path[0]).toEqual(['M', 0, 80]);
  });

  it('setLines(lines) replaces every line and forgets the hidden flags; fewer lines leave no stale layer behind', async () => {
    const layers = new LineLayers();
    layers.setLines(manyLines(100));
    layers.setHidden(Uint8Array.of(1, 1));
    await render(layers, frame(3));
    layers.setLines(manyLines(10));
    resetDrawCalls();
    expect(strokedColors(await render(layers, frame(3)))).toEqual(manyLines(10).map((l) => l.color));
    // One layer is drawn and the bitmap flattened: nothing is spent on the three layers the 100 lines needed.
    expect(drawCalls.clears).toBe(2);
  });

  it('no lines: the bitmap is empty', async () => {
    const layers = new LineLayers();
    layers.setLines([]);
    expect(await render(layers, frame(3))).toEqual([]);
  });
});
