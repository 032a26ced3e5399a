import { describe, expect, it } from 'vitest';
import { filterRows, parseTableFilter, sortRows } from './tableQuery';
import { columnRange, groupRows, histogram, topValues } from './tableGroups';
import type { TableData } from './tableTypes';

const table: TableData = {
  rows: 5,
  columns: [
    { name: 'truth', type: 'string', values: ['dress', 'coat', 'dress', 'bag', null] },
    { name: 'prediction', type: 'string', values: ['dress', 'dress', 'dress', 'bag', 'coat'] },
    { name: 'score', type: 'number', values: [0.95, 0.6, 0.99, null, 0.3] },
    { name: 'scores', type: 'scores', width: 2, values: [[0.9, 0.1], [0.4, 0.6], [1, 0], [0.5, 0.5], null] },
  ],
};
const all = Uint32Array.from([0, 1, 2, 3, 4]);
const rowsWhere = (text: string) => {
  const filter = parseTableFilter(text, table);
  if (!filter.ok) throw new Error(filter.error.message);
  return Array.from(filterRows(table.rows, filter.test));
};

describe('parseTableFilter', () => {
  it('compares a column with a value, with another column, and searches text', () => {
    expect(rowsWhere('truth != prediction')).toEqual([1, 4]);
    expect(rowsWhere('truth = prediction and score > 0.9')).toEqual([0, 2]);
    expect(rowsWhere('truth in [coat, bag]')).toEqual([1, 3]);
    expect(rowsWhere('prediction ~ /^co/')).toEqual([4]);
    expect(rowsWhere('bag')).toEqual([3]);
    expect(rowsWhere('')).toEqual([0, 1, 2, 3, 4]);
  });

  it('says which key is no column, and where', () => {
    const filter = parseTableFilter('truth = dress and cost < 3', table);
    expect(filter.ok).toBe(false);
    if (!filter.ok) expect(filter.error).toEqual({ message: 'no column "cost" (columns: truth, prediction, score, scores)', position: 18, end: 22 });
    expect(parseTableFilter('score >', table).ok).toBe(false);
  });
});

describe('sortRows', () => {
  it('sorts by numbers and text either way, stable, missing values last', () => {
    const score = table.columns[2]!;
    expect(Array.from(sortRows(all, score, 'desc'))).toEqual([2, 0, 1, 4, 3]);
    expect(Array.from(sortRows(all, score, 'asc'))).toEqual([4, 1, 0, 2, 3]);
    expect(Array.from(sortRows(all, table.columns[0]!, 'asc'))).toEqual([3, 1, 0, 2, 4]);
  });
});

describe('groupRows and aggregates', () => {
  it('groups by value in order of appearance, and bins each group on the column’s shared range', () => {
    const groups = groupRows(all, table.columns[0]!);
    expect(groups.map((g) => [g.label, Array.from(g.rows)])).toEqual([
      ['dress', [0, 2]],
      ['coat', [1]],
      ['bag', [3]],
      ['(missing)', [4]],
    ]);
    const range = columnRange(table.columns[2]!)!;
    expect(range).toEqual({ min: 0.3, max: 0.99 });
    const dress = histogram([0.95, 0.99], range, 4);
    expect(Array.from(dress.counts)).toEqual([0, 0, 0, 2]);
    expect(topValues(table.columns[1]!, all, 2)).toEqual([
      { text: 'dress', count: 3 },
      { text: 'bag', count: 1 },
    ]);
  });
});
