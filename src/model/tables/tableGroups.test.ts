import { describe, expect, it } from 'vitest';
import { columnCodes } from './columnCodes';
import { groupRows, numberSummary, scoreHistograms, topValues } from './tableGroups';
import type { TableColumn } from './tableTypes';

const rows = (...r: number[]) => Uint32Array.from(r);

describe('group aggregates', () => {
  it('summarises a number column in one pass: count of values, mean of the finite ones, a histogram on the shared range', () => {
    const column: TableColumn = { name: 'x', type: 'number', values: [1, null, 3, NaN, 4, 10] };
    const summary = numberSummary(column, rows(0, 1, 2, 3, 4), { min: 0, max: 10 }, 5);
    expect(summary.count).toBe(4);
    expect(summary.mean).toBeCloseTo(8 / 3);
    expect(Array.from(summary.histogram.counts)).toEqual([1, 1, 1, 0, 0]);
    expect(numberSummary(column, rows(1), { min: 0, max: 10 }, 5)).toMatchObject({ count: 0, mean: NaN });
  });

  it('bins each class of a score column on its own histogram', () => {
    const column: TableColumn = { name: 's', type: 'scores', width: 2, values: [[0.9, 0.1], null, [0.2, 0.8], [1, 0]] };
    const { count, histograms } = scoreHistograms(column, rows(0, 1, 2, 3), { min: 0, max: 1 }, 2);
    expect(count).toBe(3);
    expect(histograms.map((h) => Array.from(h.counts))).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });

  it('ranks top values by count, equal counts in the order first seen, missing cells not counted', () => {
    const column: TableColumn = { name: 't', type: 'string', values: ['b', 'a', null, 'c', 'a', 'c', 'd', null] };
    expect(topValues(column, rows(0, 1, 2, 3, 4, 5, 6, 7), 3)).toEqual([
      { text: 'a', count: 2 },
      { text: 'c', count: 2 },
      { text: 'b', count: 1 },
    ]);
    expect(topValues(column, rows(6, 0), 5)).toEqual([
      { text: 'd', count: 1 },
      { text: 'b', count: 1 },
    ]);
  });

  it('codes a column once per label, missing cells as -1, and groups by them in order of appearance', () => {
    const column: TableColumn = { name: 's', type: 'scores', width: 2, values: [[0.9, 0.1], null, [0.2, 0.8], [1, 0]] };
    const codes = columnCodes(column);
    expect(Array.from(codes.codes)).toEqual([0, -1, 1, 0]);
    expect(codes.labels).toEqual(['class 0', 'class 1']);
    expect(columnCodes(column)).toBe(codes);
    expect(groupRows(rows(2, 1, 0, 3), column).map((g) => [g.label, Array.from(g.rows)])).toEqual([
      ['class 1', [2]],
      ['(missing)', [1]],
      ['class 0', [0, 3]],
    ]);
  });
});
