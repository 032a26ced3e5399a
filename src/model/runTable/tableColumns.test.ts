import { describe, expect, it } from 'vitest';
import { columnKey } from './columnNames';
import type { RunColumn } from './runColumns';
import { columnSpans, moveColumn, PINNED_COLUMN, tableColumns } from './tableColumns';

const lr: RunColumn = { kind: 'config', key: 'lr' };
const dropout: RunColumn = { kind: 'config', key: 'dropout' };
const loss: RunColumn = { kind: 'summary', key: 'loss' };
const keysOf = (columns: readonly RunColumn[]) => columns.map(columnKey);

describe('tableColumns', () => {
  it('tableColumns with no settings lists the fields, then config, then summary, all visible', () => {
    const { all, visible } = tableColumns({ discovered: [dropout, lr, loss], order: [], hidden: [] });
    expect(keysOf(all)).toEqual(['field:name', 'field:state', 'field:createdAt', 'field:runtime', 'config:dropout', 'config:lr', 'summary:loss']);
    expect(visible).toEqual(all);
  });

  it('tableColumns follows the saved order and appends columns the order does not know, ignoring vanished keys', () => {
    const { all } = tableColumns({ discovered: [dropout, lr, loss], order: ['summary:loss', 'config:gone', 'field:state', 'config:lr'], hidden: [] });
    expect(keysOf(all)).toEqual(['field:name', 'summary:loss', 'field:state', 'config:lr', 'field:createdAt', 'field:runtime', 'config:dropout']);
  });

  it('tableColumns keeps the name column first and shown whatever the settings say', () => {
    const { all, visible } = tableColumns({ discovered: [lr], order: ['config:lr', PINNED_COLUMN], hidden: [PINNED_COLUMN, 'config:lr', 'field:runtime'] });
    expect(keysOf(all).slice(0, 2)).toEqual([PINNED_COLUMN, 'config:lr']);
    expect(keysOf(visible)).toEqual([PINNED_COLUMN, 'field:state', 'field:createdAt']);
  });
});

describe('moveColumn', () => {
  const order = ['field:name', 'a', 'b', 'c', 'd'];

  it('moveColumn to the right puts the column in the target place and shifts the ones between left', () => {
    expect(moveColumn(order, 'a', 'c')).toEqual(['field:name', 'b', 'c', 'a', 'd']);
  });

  it('moveColumn to the left puts the column in the target place and shifts the ones between right', () => {
    expect(moveColumn(order, 'd', 'b')).toEqual(['field:name', 'a', 'd', 'b', 'c']);
  });

  it('moveColumn leaves the order alone for the pinned column, unknown keys and a drop onto itself', () => {
    expect(moveColumn(order, 'field:name', 'c')).toEqual(order);
    expect(moveColumn(order, 'c', 'field:name')).toEqual(order);
    expect(moveColumn(order, 'x', 'c')).toEqual(order);
    expect(moveColumn(order, 'c', 'c')).toEqual(order);
  });
});

describe('columnSpans', () => {
  it('columnSpans merges adjacent columns of a kind and splits kinds that reordering interleaved', () => {
    const name: RunColumn = { kind: 'field', key: 'name' };
    expect(columnSpans([name, lr, dropout, loss, { kind: 'config', key: 'x' }])).toEqual([
      { kind: 'field', span: 1 },
      { kind: 'config', span: 2 },
      { kind: 'summary', span: 1 },
      { kind: 'config', span: 1 },
    ]);
    expect(columnSpans([])).toEqual([]);
  });
});
