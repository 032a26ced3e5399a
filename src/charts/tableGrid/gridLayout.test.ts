import { describe, expect, it } from 'vitest';
import { gridLayout, groupKey } from './gridLayout';

const rows = (...r: number[]) => Uint32Array.from(r);

describe('gridLayout', () => {
  it('places ungrouped rows one under another', () => {
    const layout = gridLayout(rows(4, 2, 7), null, () => false, 30, 80);
    expect([0, 1, 2].map(layout.key)).toEqual([4, 2, 7]);
    expect(layout.top(2)).toBe(60);
    expect(layout.height).toBe(90);
    expect([0, 29, 30, 89, 500, -5].map(layout.indexAt)).toEqual([0, 0, 1, 2, 2, 0]);
  });

  it('puts each group’s header before its rows, and only an open group’s rows', () => {
    const groups = [
      { label: 'a', rows: rows(0, 2) },
      { label: 'b', rows: rows(1, 3, 5) },
      { label: 'c', rows: rows(4) },
    ];
    const layout = gridLayout(rows(0, 1, 2, 3, 4, 5), groups, (g) => g.label !== 'b', 30, 80);
    expect(layout.count).toBe(6);
    expect(Array.from({ length: layout.count }, (_, i) => layout.key(i))).toEqual([groupKey(0), 0, 2, groupKey(1), groupKey(2), 4]);
    expect(Array.from({ length: layout.count }, (_, i) => layout.top(i))).toEqual([0, 80, 110, 140, 220, 300]);
    expect(layout.height).toBe(330);
    expect([0, 79, 80, 139, 140, 219, 220, 299, 300, 1000].map(layout.indexAt)).toEqual([0, 0, 1, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('ends with a header’s height when the last group is closed', () => {
    const layout = gridLayout(rows(0, 1), [{ label: 'a', rows: rows(0, 1) }], () => false, 30, 80);
    expect(layout.count).toBe(1);
    expect(layout.height).toBe(80);
  });
});
