import { describe, expect, it } from 'vitest';
import { readBoxes } from './imageBoxes';

describe('readBoxes', () => {
  it('takes corners or middle and size, in pixels or relative, as relative corners with class names', () => {
    const { boxes, classes } = readBoxes(
      {
        predictions: {
          box_data: [
            { position: { minX: 10, maxX: 30, minY: 0, maxY: 50 }, domain: 'pixel', class_id: 1, box_caption: 'coat', scores: { confidence: 0.7 } },
            { position: { middle: [0.5, 0.5], width: 0.2, height: 0.4 }, class_id: 0 },
          ],
          class_labels: { 0: 'dress', 1: 'coat' },
        },
      },
      100,
      50,
    );
    expect(boxes).toEqual([
      { group: 'predictions', minX: 0.1, maxX: 0.3, minY: 0, maxY: 1, classId: 1, caption: 'coat', score: 0.7 },
      { group: 'predictions', minX: 0.4, maxX: 0.6, minY: 0.3, maxY: 0.7, classId: 0, caption: null, score: null },
    ]);
    expect(classes).toEqual({ 0: 'dress', 1: 'coat' });
  });

  it('names the set and the box that is wrong', () => {
    expect(() => readBoxes({ p: { box_data: [{ position: { minX: 1, maxX: 0, minY: 0, maxY: 1 }, class_id: 0 }] } }, 1, 1)).toThrow('Image boxes["p"].box_data[0]: min corner is past max corner');
    expect(() => readBoxes({ p: { box_data: [{ position: { minX: 0, maxX: 1, minY: 0, maxY: 1 }, class_id: 0.5 }] } }, 1, 1)).toThrow('class_id must be an integer');
  });
});
