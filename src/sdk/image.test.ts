import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Image, toRgba } from './image';

describe('Image', () => {
  it('scales [0, 1] grey values to opaque RGBA bytes', () => {
    expect(Array.from(toRgba({ data: [0, 0.5, 1, 1], width: 2, height: 2 }))).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 255, 255, 255, 255]);
  });

  it('keeps 0–255 RGB values as they are', () => {
    expect(Array.from(toRgba({ data: [10, 20, 30], width: 1, height: 1, channels: 3 }))).toEqual([10, 20, 30, 255]);
  });

  it('takes a [h, w, 3] tensor and leaves it undisposed', () => {
    const tensor = tf.tensor3d([[[255, 0, 0], [0, 255, 0]]]);
    const image = new Image(tensor, { caption: 'two pixels' });
    expect([image.width, image.height, image.caption]).toEqual([2, 1, 'two pixels']);
    expect(Array.from(image.rgba)).toEqual([255, 0, 0, 255, 0, 255, 0, 255]);
    expect(tensor.isDisposed).toBe(false);
    tensor.dispose();
  });

  it('takes nested arrays and frees the tensor it made from them', () => {
    const before = tf.memory().numTensors;
    expect(new Image([[0, 1]]).width).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses shapes that are not an image, saying which shape it got', () => {
    expect(() => new Image(tf.zeros([2, 2, 2]))).toThrow('[2, 2, 2]');
    expect(() => toRgba({ data: [1, 2, 3], width: 2, height: 2 })).toThrow('needs 4 values, got 3');
  });
});
