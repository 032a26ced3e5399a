import { describe, expect, it } from 'vitest';
import { tableToArrow } from './tableArrow';
import type { TableData } from './tableTypes';
import { joinRunTables, mergeRunTables, tableOfLogs } from './tableVersions';

const numbers = (values: number[]): TableData => ({ rows: values.length, columns: [{ name: 'x', type: 'number', values }] });

describe('tableOfLogs', () => {
  it('joins an incremental table’s increments and picks a version of the others, the latest by default', () => {
    const logs = (mode: 'incremental' | 'mutable') => [numbers([1]), numbers([2, 3])].map((t) => ({ mode, arrow: tableToArrow(t) }));
    expect(Array.from(tableOfLogs(logs('incremental'))!.columns[0]!.values)).toEqual([1, 2, 3]);
    expect(Array.from(tableOfLogs(logs('mutable'))!.columns[0]!.values)).toEqual([2, 3]);
    expect(Array.from(tableOfLogs(logs('mutable'), 0)!.columns[0]!.values)).toEqual([1]);
    expect(tableOfLogs([])).toBeNull();
  });
});

describe('mergeRunTables', () => {
  it('leads each row with its run’s name, renaming the column if the tables have a run column of their own', () => {
    const merged = mergeRunTables([
      { runName: 'a', table: numbers([1]) },
      { runName: 'b', table: numbers([2, 3]) },
    ]);
    expect(merged.columns.map((c) => [c.name, c.values])).toEqual([
      ['run', ['a', 'b', 'b']],
      ['x', [1, 2, 3]],
    ]);
    const own: TableData = { rows: 1, columns: [{ name: 'run', type: 'number', values: [7] }] };
    expect(mergeRunTables([{ runName: 'a', table: own }]).columns.map((c) => c.name)).toEqual(['run (labbook)', 'run']);
  });
});

describe('joinRunTables', () => {
  it('puts each key value on one row with every other column once per run, and the first two runs’ numeric difference', () => {
    const run = (ids: string[], scores: number[]): TableData => ({
      rows: ids.length,
      columns: [
        { name: 'id', type: 'string', values: ids },
        { name: 'score', type: 'number', values: scores },
      ],
    });
    const joined = joinRunTables(
      [
        { runName: 'a', table: run(['x', 'y'], [0.5, 0.25]) },
        { runName: 'b', table: run(['y', 'z', 'x'], [0.75, 1, 0.5]) },
      ],
      'id',
    );
    expect(joined.rows).toBe(3);
    expect(joined.columns.map((c) => [c.name, c.values])).toEqual([
      ['id', ['x', 'y', 'z']],
      ['score · a', [0.5, 0.25, null]],
      ['score · b', [0.5, 0.75, 1]],
      ['score Δ b − a', [0, 0.5, null]],
    ]);
  });
});
