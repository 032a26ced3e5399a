import { describeValue } from '../runs/describeValue';
import { MAX_TABLE_STRING, type TableColumnType } from './tableTypes';

/** A value the table cannot hold, named by row and column. */
export class TableValueError extends Error {
  override name = 'TableValueError';
}

/** The table type of a value that is an SDK object (Image, Histogram, Html), or null for any other value. */
export type RichCellType = (value: unknown) => 'image' | 'histogram' | 'html' | null;

/** Reads a value as a cell of `type`, or throws naming where it is; SDK objects are kept as they are (see richType). */
export function cellOf(value: unknown, type: TableColumnType, where: string, richType: RichCellType): unknown {
  if (value === null || value === undefined) return null;
  const wrong = (expected: string) => new TableValueError(`${where}: expected ${expected}, got ${describeValue(value)}`);
  switch (type) {
    case 'number':
      if (typeof value === 'number') return value;
      if (typeof value === 'bigint') return Number(value);
      throw wrong('a number');
    case 'string':
      if (typeof value !== 'string') throw wrong('a string');
      if (value.length > MAX_TABLE_STRING) throw new TableValueError(`${where}: a string of ${value.length.toLocaleString('en-US')} characters; the limit is ${MAX_TABLE_STRING.toLocaleString('en-US')}`);
      return value;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      throw wrong('a boolean');
    case 'scores':
      if (!isNumberList(value)) throw wrong('an array of numbers');
      return Array.from(value as ArrayLike<number>);
    case 'image':
    case 'histogram':
    case 'html':
      if (richType(value) !== type) throw wrong(type === 'image' ? 'an Image' : type === 'histogram' ? 'a Histogram' : 'an Html');
      return value;
    case 'empty':
      throw wrong('nothing (the column was declared empty)');
  }
}

/** The type a value suggests for its column, or null for a value no column can hold. */
export function typeOfValue(value: unknown, richType: RichCellType): TableColumnType | null {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (isNumberList(value)) return 'scores';
  return richType(value);
}

function isNumberList(value: unknown): boolean {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return typeof (value as unknown as ArrayLike<unknown>)[0] !== 'bigint';
  return Array.isArray(value) && value.every((v) => typeof v === 'number');
}
