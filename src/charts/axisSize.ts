import type uPlot from 'uplot';

/** What uPlot puts beside an axis's labels: its ticks (10 px) and the gap to the labels (5 px), and a pixel to spare. */
const TICKS_AND_GAP = 16;

let measuring: CanvasRenderingContext2D | null = null;

/**
 * A y-axis size that fits its widest tick label in `font`, and at least `least` px: a fixed width cut the run page's
 * `system/storage_bytes` labels ("123,456,789") to "000,000".
 */
export function fittedAxisSize(font: string, least: number): uPlot.Axis.Size {
  return (_plot, values) => {
    measuring ??= document.createElement('canvas').getContext('2d');
    if (!measuring || !values) return least;
    measuring.font = font;
    let widest = 0;
    for (const value of values) widest = Math.max(widest, measuring.measureText(value ?? '').width);
    return Math.max(least, Math.ceil(widest) + TICKS_AND_GAP);
  };
}
