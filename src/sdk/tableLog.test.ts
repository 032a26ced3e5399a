import { afterEach, describe, expect, it, vi } from 'vitest';
import { tableFromArrow } from '../model/tables/tableArrow';
import { Image } from './image';
import { Table } from './table';
import { encodeTableLog, snapshotTable, unsentMedia } from './tableLog';

afterEach(() => vi.restoreAllMocks());

describe('encodeTableLog', () => {
  it('encodes a table of 100,000 images (each once), with their boxes and class names', async () => {
    // Node has no OffscreenCanvas: each image's file stands in as bytes naming the image.
    vi.spyOn(Image.prototype, 'toStored').mockImplementation(async function (this: Image) {
      const index = images.indexOf(this);
      return { bytes: Uint8Array.of(137, 80, index & 255, index >> 8), type: 'image/png' };
    });
    const images: Image[] = Array.from({ length: 256 }, (_, i) => new Image({ data: [i], width: 1, height: 1 }, { boxes: { p: { box_data: [{ position: { minX: 0, maxX: 1, minY: 0, maxY: 1 }, class_id: i % 3 }], class_labels: { 0: 'a', 1: 'b', 2: 'c' } } } }));
    const table = new Table({ columns: ['image'] });
    for (let row = 0; row < 100_000; row++) table.addData(images[row % images.length]);
    const { log, media } = await encodeTableLog(snapshotTable(table, 'preds', 3));
    const decoded = tableFromArrow(log.arrow);
    expect(decoded.rows).toBe(100_000);
    expect(decoded.columns[0]!.classes).toEqual({ 0: 'a', 1: 'b', 2: 'c' });
    expect(unsentMedia(media, new Set()).length).toBe(256);
  });
});
