import { describe, expect, it } from 'vitest';
import { confusionCellFilter, confusionMatrix } from './confusion';
import { filterRows, parseTableFilter } from './tableQuery';
import type { TableColumn, TableData } from './tableTypes';

const truth: TableColumn = { name: 'truth', type: 'string', values: ['dress', 'coat', 'dress', 'T-shirt/top', null, 'dress'] };
const prediction: TableColumn = { name: 'prediction', type: 'string', values: ['dress', 'dress', 'bag', 'T-shirt/top', 'coat', 'dress'] };
const all = Uint32Array.from([0, 1, 2, 3, 4, 5]);

describe('confusionMatrix', () => {
  it('counts rows by truth and prediction, labels in order of appearance, rows missing a value left out', () => {
    const matrix = confusionMatrix(truth, prediction, all);
    expect(matrix.labels).toEqual(['dress', 'coat', 'T-shirt/top', 'bag']);
    expect(matrix.counts).toEqual([
      [2, 0, 0, 1],
      [1, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 0],
    ]);
    expect(matrix.total).toBe(5);
  });

  it("gives each cell a filter that selects exactly that cell's rows, quoting labels with slashes and quotes", () => {
    const table: TableData = { rows: 6, columns: [truth, prediction] };
    const rows = (text: string) => {
      const filter = parseTableFilter(text, table);
      if (!filter.ok) throw new Error(filter.error.message);
      return Array.from(filterRows(table.rows, filter.test));
    };
    expect(confusionCellFilter('truth', 'prediction', 'dress', 'dress')).toBe('"truth" = "dress" and "prediction" = "dress"');
    expect(rows(confusionCellFilter('truth', 'prediction', 'dress', 'dress'))).toEqual([0, 5]);
    expect(rows(confusionCellFilter('truth', 'prediction', 'T-shirt/top', 'T-shirt/top'))).toEqual([3]);
    expect(confusionCellFilter('a"b', 'p', 'x\\y', 'z')).toBe('"a\\"b" = "x\\\\y" and "p" = "z"');
  });
});
