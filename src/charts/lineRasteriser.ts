import type { LineFrame, RasterLine } from './lineRasterProtocol';

/** One way of drawing a worker's share of a chart's lines (see RasterMethod); LineShare says when to draw. */
export interface LineRasteriser {
  /** New lines (this many): what was kept of the previous ones' geometry is dropped. */
  forget(lines: number): void;
  /** Draws the lines not hidden (hidden[i] = 1), in order, each over the ones before. */
  draw(frame: LineFrame, lines: readonly RasterLine[], hidden: Uint8Array): void;
  /** A bitmap of what was drawn last, to send to the page. */
  bitmap(): Promise<ImageBitmap>;
}

/** Opacity of a line's band, behind it, whichever rasteriser draws it. */
export const BAND_ALPHA = 0.14;
