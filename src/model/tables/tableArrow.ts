import { Bool, Field, RecordBatch, FixedSizeList, Float64, Int32, Null, Schema, Struct, Table, Utf8, tableFromIPC, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import type { ImageCell, TableCell, TableColumn, TableColumnType, TableData } from './tableTypes';

/** Field metadata naming a column's table type where the Arrow type alone does not say it (images, scores). */
const TYPE_KEY = 'labbook.type';

const IMAGE_TYPE = () =>
  new Struct([new Field('hash', new Utf8(), false), new Field('width', new Int32(), false), new Field('height', new Int32(), false), new Field('caption', new Utf8(), true)]);

function arrowTypeOf(column: TableColumn): DataType {
  switch (column.type) {
    case 'number':
      return new Float64();
    case 'string':
      return new Utf8();
    case 'boolean':
      return new Bool();
    case 'scores':
      return new FixedSizeList(column.width ?? 0, new Field('score', new Float64(), false));
    case 'image':
      return IMAGE_TYPE();
    case 'empty':
      return new Null();
  }
}

/**
 * A table as one Arrow IPC stream (one record batch): numbers as float64, class scores as fixed-size lists of float64,
 * images as structs of their media hash, size and caption. What pandas and pyarrow read as they are.
 */
export function tableToArrow(table: TableData): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const column of table.columns) vectors[column.name] = vectorFromArray(column.values as unknown[], arrowTypeOf(column));
  const plain = new Table(vectors);
  const fields = plain.schema.fields.map((field, i) => new Field(field.name, field.type, field.nullable, new Map([[TYPE_KEY, table.columns[i]!.type]])));
  const schema = new Schema(fields);
  return tableToIPC(new Table(schema, plain.batches.map((batch) => new RecordBatch(schema, batch.data))), 'stream');
}

/** A table read back from tableToArrow's bytes (several streams' tables concatenate with concatTables). */
export function tableFromArrow(bytes: Uint8Array): TableData {
  const arrow = tableFromIPC(bytes);
  const columns = arrow.schema.fields.map((field): TableColumn => {
    const type = (field.metadata.get(TYPE_KEY) ?? 'string') as TableColumnType;
    const vector = arrow.getChild(field.name)!;
    const column: TableColumn = { name: field.name, type, values: readValues(vector, type) };
    if (type === 'scores') column.width = (field.type as FixedSizeList).listSize;
    return column;
  });
  return { columns, rows: arrow.numRows };
}

function readValues(vector: Vector, type: TableColumnType): TableCell[] {
  const out = new Array<TableCell>(vector.length);
  if (type === 'number' && vector.nullCount === 0) {
    const values = vector.toArray() as Float64Array;
    for (let i = 0; i < out.length; i++) out[i] = values[i]!;
    return out;
  }
  if (type === 'image') {
    const [hash, width, height, caption] = [0, 1, 2, 3].map((i) => vector.getChildAt(i)!);
    for (let i = 0; i < out.length; i++) {
      out[i] = vector.isValid(i) ? ({ hash: hash!.get(i), width: width!.get(i), height: height!.get(i), caption: caption!.get(i) ?? null } as ImageCell) : null;
    }
    return out;
  }
  for (let i = 0; i < out.length; i++) {
    const value = vector.get(i) as unknown;
    out[i] = value === null || value === undefined ? null : type === 'scores' ? Array.from((value as Vector).toArray() as Float64Array) : (value as TableCell);
  }
  return out;
}

/**
 * Tables with the same columns, one after the other (an incremental table's increments). A column missing from a part
 * is null there; a column whose type differs between parts keeps the first part's type and nulls the others' values.
 */
export function concatTables(parts: readonly TableData[]): TableData {
  if (parts.length === 1) return parts[0]!;
  const columns: TableColumn[] = [];
  const byName = new Map<string, TableColumn>();
  let rows = 0;
  for (const part of parts) {
    for (const column of part.columns) {
      let target = byName.get(column.name);
      if (!target) {
        target = { name: column.name, type: column.type, values: new Array<TableCell>(rows).fill(null), ...(column.width !== undefined ? { width: column.width } : {}) };
        byName.set(column.name, target);
        columns.push(target);
      }
      if (target.type === 'empty' && column.type !== 'empty') Object.assign(target, { type: column.type, width: column.width });
      const same = column.type === target.type || column.type === 'empty';
      for (const value of column.values) target.values.push(same ? value : null);
    }
    rows += part.rows;
    for (const column of columns) while (column.values.length < rows) column.values.push(null);
  }
  return { columns, rows };
}
