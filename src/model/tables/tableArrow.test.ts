import { describe, expect, it } from 'vitest';
import { Dictionary, Int32, Table, Utf8, makeData, makeVector, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { concatTables, tableFromArrow, tableToArrow } from './tableArrow';
import { columnCodes } from './columnCodes';
import type { TableData } from './tableTypes';
import { plainColumns } from './testTables';

const sample: TableData = {
  rows: 3,
  columns: [
    { name: 'id', type: 'number', values: [1, NaN, -Infinity] },
    { name: 'score', type: 'number', values: [0.5, null, 2] },
    { name: 'truth', type: 'string', values: ['dress', null, 'coat'] },
    { name: 'correct', type: 'boolean', values: [true, false, null] },
    { name: 'scores', type: 'scores', width: 2, values: [[0.25, 0.75], null, [1, 0]] },
    {
      name: 'image',
      type: 'image',
      classes: { '3': 'dress' },
      values: [
        { hash: 'ab', width: 28, height: 28, caption: 'a dress', boxes: [{ group: 'predictions', minX: 0.1, maxX: 0.5, minY: 0, maxY: 1, classId: 3, caption: 'dress 0.9', score: 0.9 }, { group: 'truth', minX: 0, maxX: 1, minY: 0.2, maxY: 0.4, classId: 3, caption: null, score: null }], masks: [{ group: 'predictions', hash: 'ef' }] },
        null,
        { hash: 'cd', width: 200, height: 300, caption: null, type: 'image/webp' },
      ],
    },
    { name: 'spread', type: 'histogram', values: [{ min: 0, max: 1, counts: [1, 2, 3] }, null, { min: -1, max: 1, counts: [5] }] },
    { name: 'page', type: 'html', values: [{ html: '<b>bold</b>' }, null, { html: 'é' }] },
    { name: 'nothing', type: 'empty', values: [null, null, null] },
  ],
};

describe('tableToArrow / tableFromArrow', () => {
  it('round-trips every column type, nulls, NaN and infinities included', () => {
    const back = tableFromArrow(tableToArrow(sample));
    expect(back.rows).toBe(3);
    expect(plainColumns(back.columns)).toEqual(sample.columns);
  });

  it('writes numbers as float32 only where every value is one exactly, scores as fixed-size lists, text as a dictionary', () => {
    const arrow = tableFromIPC(tableToArrow(sample));
    const typeOf = (name: string) => String(arrow.schema.fields.find((f) => f.name === name)!.type);
    expect(typeOf('score')).toBe('Float32');
    expect(typeOf('scores')).toBe('FixedSizeList[2]<Float32>');
    expect(typeOf('truth')).toBe('Dictionary<Int32, Utf8>');
    expect(Array.from(arrow.getChild('id')!.toArray() as Float32Array)).toEqual([1, NaN, -Infinity]);
    const precise = tableToArrow({ rows: 2, columns: [{ name: 'p', type: 'number', values: [0.1, 2] }, { name: 's', type: 'scores', width: 1, values: [[1 / 3], [0]] }] });
    const back = tableFromIPC(precise);
    expect(String(back.schema.fields[0]!.type)).toBe('Float64');
    expect(String(back.schema.fields[1]!.type)).toBe('FixedSizeList[1]<Float64>');
    expect(plainColumns(tableFromArrow(precise).columns).map((c) => c.values)).toEqual([[0.1, 2], [[1 / 3], [0]]]);
  });

  it('decodes a text column with its dictionary as its group codes, so grouping it hashes no strings', () => {
    // A dictionary whose order is not the order of first appearance: codes worked out again would differ.
    const type = new Dictionary(new Utf8(), new Int32());
    const dictionary = vectorFromArray(['coat', 'dress'], new Utf8());
    const vector = makeVector(makeData({ type, length: 3, nullCount: 1, nullBitmap: Uint8Array.of(0b101), data: Int32Array.of(1, 0, 0), dictionary }));
    const bytes = tableToIPC(new Table({ truth: vector }), 'stream');
    const truth = tableFromArrow(bytes).columns[0]!;
    expect(Array.from(truth.values)).toEqual(['dress', null, 'coat']);
    const codes = columnCodes(truth);
    expect(Array.from(codes.codes)).toEqual([1, -1, 0]);
    expect(codes.labels).toEqual(['coat', 'dress']);
  });
});

describe('concatTables', () => {
  it('puts increments one after the other, with nulls where a part lacks a column', () => {
    const a: TableData = { rows: 1, columns: [{ name: 'x', type: 'number', values: [1] }] };
    const b: TableData = { rows: 2, columns: [{ name: 'x', type: 'number', values: [2, 3] }, { name: 'y', type: 'string', values: ['p', 'q'] }] };
    const joined = concatTables([a, b]);
    expect(joined.rows).toBe(3);
    expect(joined.columns).toEqual([
      { name: 'x', type: 'number', values: [1, 2, 3] },
      { name: 'y', type: 'string', values: [null, 'p', 'q'] },
    ]);
  });

  it('keeps the box class names of every part’s image column, so a merged table’s legend names the classes', () => {
    const image = { hash: 'h', width: 2, height: 2, caption: null };
    const a: TableData = { rows: 1, columns: [{ name: 'image', type: 'image', values: [image], classes: { '0': 'cat' } }] };
    const b: TableData = { rows: 1, columns: [{ name: 'image', type: 'image', values: [image], classes: { '0': 'cat', '1': 'dog' } }] };
    expect(concatTables([a, b]).columns[0]!.classes).toEqual({ '0': 'cat', '1': 'dog' });
  });
});
