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

/**
 * Radius in CSS pixels of the dot a point gets when it has no neighbour to join (a metric logged once, a point between
 * gaps): a line through it would be nothing, and a chart of runs that each logged `test_acc` once showed nothing.
 */
export const MARKER_RADIUS = 2.5;
