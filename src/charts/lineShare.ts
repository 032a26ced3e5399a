import { CanvasLines } from './canvasLines';
import type { LineRasteriser } from './lineRasteriser';
import type { LineFrame, RasterLine, RasterMethod } from './lineRasterProtocol';
import { SpanLines } from './spanLines';

/**
 * One worker's share of a chart's lines (see workerLines.ts), drawn by the chart's raster method. It draws again only
 * when its lines, their hidden flags or the frame changed; each line's geometry (path or spans) is kept for the frame,
 * so an eye toggle or a brush redraws the share from what is kept rather than from the values.
 */
export class LineShare {
  private lines: readonly RasterLine[] = [];
  private hidden: Uint8Array = new Uint8Array(0);
  private rasteriser: LineRasteriser = new CanvasLines();
  private method: RasterMethod = 'canvas';
  private frameKey = '';
  private dirty = true;

  /** New lines (or new values), none hidden until setHidden says so, drawn by `method` from the next render. */
  setLines(lines: readonly RasterLine[], method: RasterMethod): void {
    if (method !== this.method) {
      this.rasteriser = method === 'spans' ? new SpanLines() : new CanvasLines();
      this.method = method;
    }
    this.lines = lines;
    this.hidden = new Uint8Array(0);
    this.rasteriser.forget(lines.length);
    this.dirty = true;
  }

  /** New hidden flags (1 = hidden, by line): the next render draws again if any line's visibility changed. */
  setHidden(hidden: Uint8Array): void {
    for (let i = 0; i < this.lines.length && !this.dirty; i++) this.dirty = (this.hidden[i] ?? 0) !== (hidden[i] ?? 0);
    this.hidden = hidden;
  }

  /** Draws what changed and returns a bitmap of the share; `frameKey` identifies the scales and size. */
  render(frame: LineFrame, frameKey: string): Promise<ImageBitmap> {
    if (frameKey !== this.frameKey) {
      this.frameKey = frameKey;
      this.rasteriser.forget(this.lines.length);
      this.dirty = true;
    }
    if (this.dirty) this.rasteriser.draw(frame, this.lines, this.hidden);
    this.dirty = false;
    return this.rasteriser.bitmap();
  }
}
