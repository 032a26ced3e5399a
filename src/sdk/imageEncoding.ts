/**
 * Below this many pixels an image is stored as PNG without trying WebP: at 28×28 Chromium 156's lossless WebP was 3×
 * the PNG's size and 10× its encoding time; at 256×256 it was a quarter of the PNG or less.
 */
const WEBP_MIN_PIXELS = 64 * 64;

/** An encoded image file: its bytes and media type. */
export interface EncodedImage {
  bytes: Uint8Array;
  type: 'image/png' | 'image/webp';
}

/** RGBA pixels drawn on a worker's canvas, encoded as `type` (WebP at quality 1, which Chromium encodes losslessly). */
async function encode(rgba: Uint8ClampedArray, width: number, height: number, type: EncodedImage['type']): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('Image: this browser has no 2D canvas in workers');
  context.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, width, height), 0, 0);
  return canvas.convertToBlob(type === 'image/webp' ? { type, quality: 1 } : { type });
}

let webpLossless: Promise<boolean> | null = null;

/**
 * Whether this browser writes WebP, and losslessly at quality 1: asked once, by encoding a small image with varied
 * pixels and reading it back. A browser that writes PNG instead, or lossy WebP, keeps every image as PNG.
 */
function losslessWebp(): Promise<boolean> {
  webpLossless ??= (async () => {
    try {
      const rgba = new Uint8ClampedArray(16 * 16 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 37 + (i >> 6) * 11) & 255));
      const blob = await encode(rgba, 16, 16, 'image/webp');
      if (blob.type !== 'image/webp') return false;
      const bitmap = await createImageBitmap(blob);
      const context = new OffscreenCanvas(16, 16).getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const back = context.getImageData(0, 0, 16, 16).data;
      return back.every((v, i) => v === rgba[i]);
    } catch {
      return false;
    }
  })();
  return webpLossless;
}

/** The image as PNG. */
export async function encodePng(rgba: Uint8ClampedArray, width: number, height: number): Promise<Uint8Array> {
  return new Uint8Array(await (await encode(rgba, width, height, 'image/png')).arrayBuffer());
}

/** The image as the smaller of PNG and lossless WebP (WebP only tried from WEBP_MIN_PIXELS up): the same pixels either way. */
export async function encodeSmallest(rgba: Uint8ClampedArray, width: number, height: number): Promise<EncodedImage> {
  const png: EncodedImage = { bytes: await encodePng(rgba, width, height), type: 'image/png' };
  if (width * height < WEBP_MIN_PIXELS || !(await losslessWebp())) return png;
  const webp = new Uint8Array(await (await encode(rgba, width, height, 'image/webp')).arrayBuffer());
  return webp.length < png.bytes.length ? { bytes: webp, type: 'image/webp' } : png;
}
