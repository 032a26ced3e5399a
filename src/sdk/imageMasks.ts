import * as tf from '@tensorflow/tfjs';
import { encodePng } from './imageEncoding';

/** Mask sets by name (`predictions`, `ground_truth`), as W&B's `masks` option: a class id per pixel. */
export type MaskSets = Record<string, { mask_data: number[][] | tf.Tensor; class_labels?: Record<number, string> }>;

/** A mask as the SDK keeps it until it is encoded: a class id (0–255) per pixel, row by row. */
export interface MaskPixels {
  group: string;
  classIds: Uint8Array;
}

/** W&B's mask sets, checked against the image's size: each a class id from 0 to 255 per pixel. */
export function readMasks(sets: MaskSets, width: number, height: number): { masks: MaskPixels[]; classes: Record<string, string> } {
  const masks: MaskPixels[] = [];
  const classes: Record<string, string> = {};
  for (const [group, set] of Object.entries(sets)) {
    const where = `Image masks["${group}"]`;
    if (!set || set.mask_data === undefined) throw new TypeError(`${where}: expected { mask_data: [[…], …] }`);
    for (const [id, name] of Object.entries(set.class_labels ?? {})) classes[id] = String(name);
    const data = set.mask_data;
    const shape = data instanceof tf.Tensor ? data.shape : [data.length, data[0]?.length ?? 0];
    if (shape.length !== 2 || shape[0] !== height || shape[1] !== width) throw new RangeError(`${where}: mask_data is [${shape.join(', ')}], the image is [${height}, ${width}]`);
    const flat = data instanceof tf.Tensor ? data.dataSync() : data.flat();
    const classIds = new Uint8Array(width * height);
    for (let i = 0; i < classIds.length; i++) {
      const id = flat[i]!;
      if (!Number.isInteger(id) || id < 0 || id > 255) throw new RangeError(`${where}: class ids are integers from 0 to 255, got ${id} at pixel ${i}`);
      classIds[i] = id;
    }
    masks.push({ group, classIds });
  }
  return { masks, classes };
}

/** A mask as a PNG whose grey level is the class id: lossless, and as small as such masks get. */
export async function maskPng(mask: MaskPixels, width: number, height: number): Promise<Uint8Array> {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < mask.classIds.length; i++) {
    rgba.fill(mask.classIds[i]!, i * 4, i * 4 + 3);
    rgba[i * 4 + 3] = 255;
  }
  return encodePng(rgba, width, height);
}
