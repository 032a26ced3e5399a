import { describe, expect, it } from 'vitest';
import { Histogram } from './histogram';
import { Html } from './html';
import { Image } from './image';
import { Table } from './table';
import { snapshotTable } from './tableLog';

const image = () => new Image({ data: [0, 1, 1, 0], width: 2, height: 2 });

describe('Table', () => {
  it('infers each column type from its first non-null value and keeps rows in order', () => {
    const table = new Table({ columns: ['id', 'truth', 'ok', 'scores', 'image', 'note'], data: [[1, 'dress', true, [0.1, 0.9], image(), null]] });
    table.add_data(2, 'coat', false, [0.7, 0.3], null, 'blurry');
    expect(table.rows).toBe(2);
    expect(table.columnsFrom(0).map((c) => [c.name, c.type, c.width])).toEqual([
      ['id', 'number', undefined],
      ['truth', 'string', undefined],
      ['ok', 'boolean', undefined],
      ['scores', 'scores', 2],
      ['image', 'image', undefined],
      ['note', 'string', undefined],
    ]);
    expect(table.getColumn('truth')).toEqual(['dress', 'coat']);
    expect(table.data[1]!.slice(0, 3)).toEqual([2, 'coat', false]);
  });

  it('refuses a row of the wrong length or a value of another type, naming row and column, and keeps nothing of it', () => {
    const table = new Table({ columns: ['id', 'truth'] });
    table.addData(1, 'dress');
    expect(() => table.addData(2)).toThrow('Table row 1: 1 values for 2 columns (id, truth)');
    expect(() => table.addData('two', 'coat')).toThrow('Table row 1, column "id": expected a number, got a string ("two")');
    expect(() => table.addData(2, { a: 1 })).toThrow(/Table row 1, column "truth": expected a string, got an object/);
    expect(table.rows).toBe(1);
    expect(table.getColumn('id')).toEqual([1]);
  });

  it('holds class scores of one width per column, and declared types win over inference', () => {
    const table = new Table({ columns: ['scores', 'label'], dtypes: { label: 'string' } });
    table.addData(Float32Array.of(0.5, 0.5), null);
    expect(() => table.addData([1, 0, 0], 'x')).toThrow('Table row 1, column "scores": 3 scores where the column has 2 per row');
    expect(() => table.addData([1, 0], 3)).toThrow('Table row 1, column "label": expected a string, got a number');
  });

  it('adds and reads columns; refuses a column of the wrong length', () => {
    const table = new Table({ columns: ['a'], data: [[1], [2]] });
    table.addColumn('b', ['x', 'y']);
    expect(table.columns).toEqual(['a', 'b']);
    expect(() => table.add_column('c', [1])).toThrow('Table.addColumn("c"): 1 values for 2 rows');
    expect(() => table.getColumn('nope')).toThrow('Table.getColumn: no column "nope" (columns: a, b)');
  });

  it('holds Histograms and Htmls as their own column types, and refuses one where the other belongs', () => {
    const table = new Table({ columns: ['spread', 'page'], data: [[new Histogram([1, 2, 3], { num_bins: 3 }), new Html('<b>x</b>')]] });
    expect(table.columnsFrom(0).map((c) => c.type)).toEqual(['histogram', 'html']);
    expect(() => table.addData(new Html('y'), null)).toThrow(/^Table row 1, column "spread": expected a Histogram, got an? Html$/);
  });

  it('refuses unknown log modes and repeated column names', () => {
    expect(() => new Table({ columns: ['a'], log_mode: 'sometimes' as never })).toThrow(/log_mode must be one of immutable, mutable, incremental/);
    expect(() => new Table({ columns: ['a', 'a'] })).toThrow('Table: column "a" is named twice');
  });
});

describe('snapshotTable', () => {
  it('sends every row of an immutable or mutable table, and only the new rows of an incremental one', () => {
    const whole = new Table({ columns: ['x'], data: [[1], [2]], log_mode: 'mutable' });
    expect(snapshotTable(whole, 't', 0).rows).toBe(2);
    whole.addData(3);
    expect(snapshotTable(whole, 't', 1).columns[0]!.values).toEqual([1, 2, 3]);

    const increments = new Table({ columns: ['x'], data: [[1], [2]], log_mode: 'incremental' });
    expect(snapshotTable(increments, 't', 0).columns[0]!.values).toEqual([1, 2]);
    increments.addData(3);
    const next = snapshotTable(increments, 't', 1);
    expect([next.rows, next.columns[0]!.values, next.mode]).toEqual([1, [3], 'incremental']);
  });
});
