import type { RowSpans } from './columnSpans';

/**
 * Pixel arithmetic of the span rasteriser. A pixel is one Uint32 over ImageData's RGBA bytes, read little-endian (R in
 * the low byte, as on every platform browsers run on), alpha-premultiplied while drawing so that blending is a multiply
 * and an add per channel; unpremultiply() turns the buffer into ImageData's straight alpha once drawing is done.
 */

/** A colour with its alpha, premultiplied and packed as a pixel. */
export type PackedColor = number;

/** x × y / 255 rounded, for x, y in 0 … 255, without a division. */
function mul255(x: number, y: number): number {
  const t = x * y + 128;
  return (t + (t >> 8)) >> 8;
}

/** A CSS colour at `alpha` (0 … 1, times the colour's own alpha) as a premultiplied pixel. */
export function packColor(css: string, alpha: number): PackedColor {
  const [r, g, b, own] = parseColor(css);
  const a = Math.round(Math.min(1, Math.max(0, alpha * own)) * 255);
  return (mul255(r, a) | (mul255(g, a) << 8) | (mul255(b, a) << 16) | (a << 24)) >>> 0;
}

/** Fills every span of `spans` with `color` over what is there (source-over). */
export function fillSpans(pixels: Uint32Array, width: number, spans: RowSpans, color: PackedColor): void {
  const alpha = color >>> 24;
  if (alpha === 0) return;
  const inverse = 255 - alpha;
  const { top, bottom, offset } = spans;
  for (let c = spans.from; c < spans.to; c++) {
    const end = bottom[offset + c]! * width + c;
    if (inverse === 0) for (let i = top[offset + c]! * width + c; i <= end; i += width) pixels[i] = color;
    else for (let i = top[offset + c]! * width + c; i <= end; i += width) pixels[i] = over(color, pixels[i]!, inverse);
  }
}

/**
 * `src` over `dst` (both premultiplied), with inverse = 255 − src's alpha: dst's channels scaled by inverse / 255, two
 * channels at a time (each lane's product stays under 2^16, so the lanes never carry into each other), plus src.
 */
function over(src: number, dst: number, inverse: number): number {
  let rb = (dst & 0xff00ff) * inverse + 0x800080;
  rb = ((rb + ((rb >>> 8) & 0xff00ff)) >>> 8) & 0xff00ff;
  let ag = ((dst >>> 8) & 0xff00ff) * inverse + 0x800080;
  ag = (ag + ((ag >>> 8) & 0xff00ff)) & 0xff00ff00;
  return (src + ((rb | ag) >>> 0)) >>> 0;
}

/** Premultiplied pixels to the straight alpha ImageData holds; opaque and empty pixels are the same in both. */
export function unpremultiply(pixels: Uint32Array): void {
  for (let i = 0; i < pixels.length; i++) {
    const p = pixels[i]!;
    const a = p >>> 24;
    if (a === 0 || a === 255) continue;
    const r = Math.min(255, Math.round(((p & 0xff) * 255) / a));
    const g = Math.min(255, Math.round((((p >>> 8) & 0xff) * 255) / a));
    const b = Math.min(255, Math.round((((p >>> 16) & 0xff) * 255) / a));
    pixels[i] = (r | (g << 8) | (b << 16) | (a << 24)) >>> 0;
  }
}

/**
 * A CSS colour's red, green, blue (0 … 255) and alpha (0 … 1). Hex colours (the run palette's) are read directly; any
 * other is normalised by a canvas, which writes it back as hex or rgba().
 */
export function parseColor(css: string): [number, number, number, number] {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(css.trim());
  if (hex) {
    const digits = hex[1]!.length === 3 ? [...hex[1]!].map((d) => d + d).join('') : hex[1]!;
    return [parseInt(digits.slice(0, 2), 16), parseInt(digits.slice(2, 4), 16), parseInt(digits.slice(4, 6), 16), 1];
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+))?\s*\)$/i.exec(css.trim());
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
  const normaliser = new OffscreenCanvas(1, 1).getContext('2d')!;
  normaliser.fillStyle = css;
  const normal = String(normaliser.fillStyle);
  if (normal === css) throw new Error(`line colour ${css} is not a CSS colour the raster worker can read`);
  return parseColor(normal);
}
