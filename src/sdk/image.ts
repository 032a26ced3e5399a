import * as tf from '@tensorflow/tfjs';
import type { BoxCell } from '../model/tables/tableTypes';
import { readBoxes, type BoxSets } from './imageBoxes';
import { readMasks, type MaskPixels, type MaskSets } from './imageMasks';
import { encodePng, encodeSmallest, type EncodedImage } from './imageEncoding';

/** Pixels given as plain data: `channels` values per pixel (1 grey, 3 RGB, 4 RGBA), row by row. */
export interface PixelData {
  data: ArrayLike<number>;
  width: number;
  height: number;
  channels?: 1 | 3 | 4;
}

/** What `new Image(...)` accepts: a tensor or nested array shaped [h, w] or [h, w, c], ImageData, or PixelData. */
export type ImageSource = tf.Tensor | number[][] | number[][][] | ImageData | PixelData;

/** Options of new Image(). */
export interface ImageOptions {
  caption?: string;
  /** Boxes over the image, as W&B's `boxes`: `{ predictions: { box_data: [...], class_labels: { 0: 'dress' } } }`. */
  boxes?: BoxSets;
  /** Class masks over the image, as W&B's `masks`: `{ predictions: { mask_data: [[class id per pixel]], class_labels } }`. */
  masks?: MaskSets;
}

/**
 * An image to show in a cell (`display(new Image(x))`) or, later, to log, as `wandb.Image`. Values in [0, 1] are
 * taken as intensities and scaled to 0–255 (what a model's float output usually is); anything larger as 0–255 bytes.
 */
export class Image {
  /** Tells run.log that this value is an image, without the model layer knowing this class. */
  readonly labbookKind = 'image';
  readonly width: number;
  readonly height: number;
  /** RGBA, 4 bytes per pixel. */
  readonly rgba: Uint8ClampedArray;
  readonly caption: string | null;
  /** Boxes relative to the image (0–1), and their class names by id. */
  readonly boxes: BoxCell[];
  readonly masks: MaskPixels[];
  readonly classes: Record<string, string>;

  constructor(source: ImageSource, options: ImageOptions = {}) {
    const pixels = toPixelData(source);
    this.width = pixels.width;
    this.height = pixels.height;
    this.rgba = toRgba(pixels);
    this.caption = options.caption ?? null;
    const boxes = readBoxes(options.boxes ?? {}, this.width, this.height);
    const masks = readMasks(options.masks ?? {}, this.width, this.height);
    this.boxes = boxes.boxes;
    this.masks = masks.masks;
    this.classes = { ...masks.classes, ...boxes.classes };
  }

  /** The image as PNG bytes (uses OffscreenCanvas, which workers have). */
  toPng(): Promise<Uint8Array> {
    return encodePng(this.rgba, this.width, this.height);
  }

  /** The image as stored in a table: the smaller of PNG and lossless WebP. */
  toStored(): Promise<EncodedImage> {
    return encodeSmallest(this.rgba, this.width, this.height);
  }
}

function toPixelData(source: ImageSource): PixelData {
  if (typeof ImageData !== 'undefined' && source instanceof ImageData) return { data: source.data, width: source.width, height: source.height, channels: 4 };
  if (source instanceof tf.Tensor || Array.isArray(source)) {
    const tensor = source instanceof tf.Tensor ? source : tf.tensor(source);
    try {
      const [height, width, channels = 1] = tensor.shape;
      if ((tensor.rank !== 2 && tensor.rank !== 3) || height === undefined || width === undefined || ![1, 3, 4].includes(channels)) {
        throw new Error(`Image: expected a shape [height, width] or [height, width, 1|3|4], got [${tensor.shape.join(', ')}]`);
      }
      return { data: tensor.dataSync(), width, height, channels: channels as 1 | 3 | 4 };
    } finally {
      if (tensor !== source) tensor.dispose();
    }
  }
  return source as PixelData;
}

/** Converts pixel data with 1, 3 or 4 channels to RGBA bytes, scaling [0, 1] intensities to 0–255. */
export function toRgba(pixels: PixelData): Uint8ClampedArray {
  const { data, width, height } = pixels;
  const channels = pixels.channels ?? 1;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) throw new Error(`Image: width and height must be positive integers, got ${width}×${height}`);
  if (data.length !== width * height * channels) throw new Error(`Image: ${width}×${height}×${channels} needs ${width * height * channels} values, got ${data.length}`);
  let max = 0;
  for (let i = 0; i < data.length; i++) if (data[i]! > max) max = data[i]!;
  const scale = max <= 1 ? 255 : 1;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const at = p * channels;
    const grey = channels === 1;
    out[p * 4] = data[at]! * scale;
    out[p * 4 + 1] = data[grey ? at : at + 1]! * scale;
    out[p * 4 + 2] = data[grey ? at : at + 2]! * scale;
    out[p * 4 + 3] = channels === 4 ? data[at + 3]! * scale : 255;
  }
  return out;
}
