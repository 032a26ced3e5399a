import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readMasks } from './imageMasks';

describe('readMasks', () => {
  it('takes a class id per pixel from nested arrays or a tensor, with class names', () => {
    const { masks, classes } = readMasks({ truth: { mask_data: [[0, 1], [2, 3]], class_labels: { 1: 'coat' } }, guess: { mask_data: tf.tensor2d([[1, 1], [0, 0]]) } }, 2, 2);
    expect(masks.map((m) => [m.group, Array.from(m.classIds)])).toEqual([
      ['truth', [0, 1, 2, 3]],
      ['guess', [1, 1, 0, 0]],
    ]);
    expect(classes).toEqual({ 1: 'coat' });
  });

  it('refuses a mask of another size or a class id outside 0–255, naming the set', () => {
    expect(() => readMasks({ p: { mask_data: [[0, 1]] } }, 2, 2)).toThrow('Image masks["p"]: mask_data is [1, 2], the image is [2, 2]');
    expect(() => readMasks({ p: { mask_data: [[0, 256], [0, 0]] } }, 2, 2)).toThrow('class ids are integers from 0 to 255, got 256 at pixel 1');
  });
});
