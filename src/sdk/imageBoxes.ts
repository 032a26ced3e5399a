import type { BoxCell } from '../model/tables/tableTypes';

/** A box as W&B's `box_data` gives it: corners or middle and size, in pixels (`domain: 'pixel'`) or relative to the image. */
export interface BoxData {
  position: { minX: number; maxX: number; minY: number; maxY: number } | { middle: [number, number]; width: number; height: number };
  domain?: 'pixel';
  class_id: number;
  box_caption?: string;
  /** Scores of the box; the first is the one the score threshold compares. */
  scores?: Record<string, number>;
}

/** Box sets by name (`predictions`, `ground_truth`), as W&B's `boxes` option. */
export type BoxSets = Record<string, { box_data: BoxData[]; class_labels?: Record<number, string> }>;

/**
 * W&B's box sets as boxes relative to the image (0–1) and their class names, checked: a box without a position, with
 * a non-integer class or with corners the wrong way round throws naming its set and index.
 */
export function readBoxes(sets: BoxSets, width: number, height: number): { boxes: BoxCell[]; classes: Record<string, string> } {
  const boxes: BoxCell[] = [];
  const classes: Record<string, string> = {};
  for (const [group, set] of Object.entries(sets)) {
    if (!set || !Array.isArray(set.box_data)) throw new TypeError(`Image boxes["${group}"]: expected { box_data: [...] }`);
    for (const [id, name] of Object.entries(set.class_labels ?? {})) classes[id] = String(name);
    set.box_data.forEach((box, i) => {
      const where = `Image boxes["${group}"].box_data[${i}]`;
      if (!Number.isInteger(box.class_id)) throw new TypeError(`${where}: class_id must be an integer`);
      const p = box.position;
      let [minX, maxX, minY, maxY] =
        p && 'middle' in p ? [p.middle[0] - p.width / 2, p.middle[0] + p.width / 2, p.middle[1] - p.height / 2, p.middle[1] + p.height / 2] : p ? [p.minX, p.maxX, p.minY, p.maxY] : [NaN, NaN, NaN, NaN];
      if (![minX, maxX, minY, maxY].every(Number.isFinite)) throw new TypeError(`${where}: position needs minX, maxX, minY, maxY or middle, width, height`);
      if (minX! > maxX! || minY! > maxY!) throw new RangeError(`${where}: min corner is past max corner`);
      if (box.domain === 'pixel') [minX, maxX, minY, maxY] = [minX! / width, maxX! / width, minY! / height, maxY! / height];
      const score = box.scores ? Object.values(box.scores)[0] : undefined;
      boxes.push({ group, minX: minX!, maxX: maxX!, minY: minY!, maxY: maxY!, classId: box.class_id, caption: box.box_caption ?? null, score: typeof score === 'number' ? score : null });
    });
  }
  return { boxes, classes };
}
