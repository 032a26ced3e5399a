import { Bool, DataType, Dictionary, Field, List, RecordBatch, FixedSizeList, Float32, Float64, Int32, Null, Schema, Struct, Table, Utf8, makeData, makeVector, tableFromIPC, tableToIPC, vectorFromArray, type Data, type Vector } from 'apache-arrow';
import { rememberCodes, type ColumnCodes } from './columnCodes';
import type { BoxCell, ColumnValues, HtmlCell, ImageCell, MaskCell, TableCell, TableColumn, TableColumnType, TableData } from './tableTypes';

/** Field metadata naming a column's table type where the Arrow type alone does not say it (images, scores). */
const TYPE_KEY = 'labbook.type';

/** Where an image column keeps its box classes' names (JSON of id → name) in its field's metadata. */
const CLASSES_KEY = 'labbook.classes';

const BOX_TYPE = () =>
  new Struct([
    new Field('group', new Utf8(), false),
    ...['minX', 'maxX', 'minY', 'maxY'].map((name) => new Field(name, new Float64(), false)),
    new Field('classId', new Int32(), false),
    new Field('caption', new Utf8(), true),
    new Field('score', new Float64(), true),
  ]);

const IMAGE_TYPE = () =>
  new Struct([
    new Field('hash', new Utf8(), false),
    new Field('width', new Int32(), false),
    new Field('height', new Int32(), false),
    new Field('caption', new Utf8(), true),
    new Field('boxes', new List(new Field('box', BOX_TYPE(), false)), true),
    new Field('masks', new List(new Field('mask', new Struct([new Field('group', new Utf8(), false), new Field('hash', new Utf8(), false)]), false)), true),
    // Last, so tables written before it (six fields) read the same: null for PNG.
    new Field('type', new Utf8(), true),
  ]);

function arrowTypeOf(column: TableColumn): DataType {
  switch (column.type) {
    case 'number':
      return floatType(column.values, false);
    case 'string':
      return new Dictionary(new Utf8(), new Int32());
    case 'boolean':
      return new Bool();
    case 'scores':
      return new FixedSizeList(column.width ?? 0, new Field('score', floatType(column.values, true), false));
    case 'image':
      return IMAGE_TYPE();
    case 'histogram':
      return new Struct([new Field('min', new Float64(), false), new Field('max', new Float64(), false), new Field('counts', new List(new Field('count', new Float64(), false)), false)]);
    case 'html':
      return new Utf8();
    case 'empty':
      return new Null();
  }
}

/**
 * Float32 where every value is one exactly (what a model's outputs and small integers are), else float64: half the
 * bytes to store and read, and the same numbers back.
 */
function floatType(values: ArrayLike<unknown>, scores: boolean): Float32 | Float64 {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (scores ? Array.isArray(v) && !v.every(isFloat32) : !isFloat32(v)) return new Float64();
  }
  return new Float32();
}

/** Whether a cell loses nothing as float32 (cells that are no number have nothing to lose). */
function isFloat32(v: unknown): boolean {
  return typeof v !== 'number' || Number.isNaN(v) || Math.fround(v) === v;
}

/**
 * Text as an Arrow dictionary: each distinct string once, and an int32 code per row, which grouping counts directly
 * (columnCodes.ts) and pandas reads as a categorical. Built here, not by vectorFromArray's dictionary builder, which
 * took ~260 ms for a million rows.
 */
function dictionaryVector(values: ArrayLike<unknown>): Vector {
  const index = new Map<string, number>();
  const labels: string[] = [];
  const codes = new Int32Array(values.length);
  const nullBitmap = new Uint8Array((values.length + 7) >> 3);
  let nullCount = 0;
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (value === null) {
      nullCount++;
      continue;
    }
    let code = index.get(value as string);
    if (code === undefined) {
      index.set(value as string, (code = labels.length));
      labels.push(value as string);
    }
    codes[row] = code;
    nullBitmap[row >> 3]! |= 1 << (row & 7);
  }
  const type = new Dictionary(new Utf8(), new Int32());
  return makeVector(makeData({ type, length: values.length, nullCount, nullBitmap: nullCount > 0 ? nullBitmap : new Uint8Array(0), data: codes, dictionary: vectorFromArray(labels, new Utf8()) }));
}

/** What vectorFromArray takes for a column: Html cells as their text, the rest as they are. */
function arrowValues(column: TableColumn): unknown[] {
  if (column.type === 'html') return Array.from(column.values, (cell) => (cell === null ? null : (cell as HtmlCell).html));
  // Every image struct names every field: one without boxes has a null list.
  if (column.type === 'image') return Array.from(column.values, (cell) => (cell === null ? null : { boxes: null, masks: null, type: null, ...(cell as ImageCell) }));
  return column.values as unknown[];
}

/**
 * A table as one Arrow IPC stream (one record batch): numbers as float64, class scores as fixed-size lists of float64,
 * images as structs of their media hash, size and caption. What pandas and pyarrow read as they are.
 */
export function tableToArrow(table: TableData): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const column of table.columns) vectors[column.name] = column.type === 'string' ? dictionaryVector(column.values) : vectorFromArray(arrowValues(column), arrowTypeOf(column));
  const plain = new Table(vectors);
  const fields = plain.schema.fields.map((field, i) => {
    const column = table.columns[i]!;
    const metadata = new Map<string, string>([[TYPE_KEY, column.type]]);
    if (column.classes) metadata.set(CLASSES_KEY, JSON.stringify(column.classes));
    return new Field(field.name, field.type, field.nullable, metadata);
  });
  const schema = new Schema(fields);
  return tableToIPC(new Table(schema, plain.batches.map((batch) => new RecordBatch(schema, batch.data))), 'stream');
}

/** A table read back from tableToArrow's bytes (several streams' tables concatenate with concatTables). */
export function tableFromArrow(bytes: Uint8Array): TableData {
  const arrow = tableFromIPC(bytes);
  const columns = arrow.schema.fields.map((field): TableColumn => {
    const type = (field.metadata.get(TYPE_KEY) ?? 'string') as TableColumnType;
    const vector = arrow.getChild(field.name)!;
    // A one-batch dictionary's cells come from its codes: its strings are decoded once, for both.
    const codes = dictionaryCodes(vector);
    const column: TableColumn = { name: field.name, type, values: codes ? cellsOfCodes(codes) : readValues(vector, type) };
    if (codes) rememberCodes(column, codes);
    if (type === 'scores') column.width = (field.type as FixedSizeList).listSize;
    const classes = field.metadata.get(CLASSES_KEY);
    if (classes) column.classes = JSON.parse(classes) as Record<string, string>;
    return column;
  });
  return { columns, rows: arrow.numRows };
}

/**
 * A column's cells, read straight from the Arrow buffers rather than through Vector.get (a 100,000-row table with two
 * text columns, an image column and class scores decoded in 0.3–0.5 s that way in Node, most of a grid's opening).
 */
function readValues(vector: Vector, type: TableColumnType): ColumnValues {
  const [only, ...more] = vector.data;
  if (type === 'number' && only && more.length === 0 && only.nullCount === 0) return (only.values as Float64Array | Float32Array).subarray(only.offset, only.offset + only.length);
  const out: TableCell[] = [];
  for (const data of vector.data) {
    const valid = validity(data);
    switch (type) {
      case 'number': {
        const values = (data.values as Float64Array | Float32Array).subarray(data.offset, data.offset + data.length);
        if (data.nullCount === 0) {
          // One copy of the whole column: pushing 100,000 numbers one by one took ~10× as long.
          const at = out.length;
          out.length += values.length;
          for (let i = 0; i < values.length; i++) out[at + i] = values[i]!;
        } else for (let i = 0; i < values.length; i++) out.push(valid(i) ? values[i]! : null);
        break;
      }
      case 'string':
      case 'html': {
        // Text is a dictionary; Html, and text stored before dictionaries (schema v9's first tables), plain Utf8.
        if (DataType.isDictionary(data.type)) {
          const labels = dictionaryLabels(data);
          const codes = data.values as Int32Array;
          for (let i = 0; i < data.length; i++) out.push(valid(i) ? labels[codes[data.offset + i]!]! : null);
          break;
        }
        const texts = utf8Values(data);
        for (let i = 0; i < data.length; i++) out.push(valid(i) ? (type === 'html' ? { html: texts(i) } : texts(i)) : null);
        break;
      }
      case 'histogram': {
        const [min, max, counts] = data.children as [Data, Data, Data];
        const offsets = counts.valueOffsets as Int32Array;
        const values = counts.children[0]!.values as Float64Array;
        for (let i = 0; i < data.length; i++) {
          const j = data.offset + i;
          const from = offsets[counts.offset + j]!;
          out.push(valid(i) ? { min: (min.values as Float64Array)[min.offset + j]!, max: (max.values as Float64Array)[max.offset + j]!, counts: Array.from(values.subarray(from, offsets[counts.offset + j + 1]!)) } : null);
        }
        break;
      }
      case 'boolean': {
        const bits = data.values as Uint8Array;
        for (let i = 0; i < data.length; i++) out.push(valid(i) ? bit(bits, data.offset + i) : null);
        break;
      }
      case 'scores': {
        const width = (data.type as FixedSizeList).listSize;
        const child = data.children[0]!;
        const values = child.values as Float64Array | Float32Array;
        // Copied by hand: Array.from of a subarray per row took ~1.5 µs a row, ten times as long.
        for (let i = 0; i < data.length; i++) {
          if (!valid(i)) {
            out.push(null);
            continue;
          }
          const at = child.offset + (data.offset + i) * width;
          const scores = new Array<number>(width);
          for (let k = 0; k < width; k++) scores[k] = values[at + k]!;
          out.push(scores);
        }
        break;
      }
      case 'image': {
        const [hash, width, height, caption, boxes, masks, mediaType] = data.children as [Data, Data, Data, Data, Data | undefined, Data | undefined, Data | undefined];
        const types = mediaType ? utf8Values(mediaType) : null;
        const hasType = mediaType ? validity(mediaType) : () => false;
        const hashes = utf8Values(hash);
        const captions = utf8Values(caption);
        const hasCaption = validity(caption);
        const widths = width.values as Int32Array;
        const heights = height.values as Int32Array;
        const boxesOf = boxes ? boxReader(boxes) : () => null;
        const masksOf = masks ? maskReader(masks) : () => null;
        for (let i = 0; i < data.length; i++) {
          const j = data.offset + i;
          if (!valid(i)) {
            out.push(null);
            continue;
          }
          const cell: ImageCell = { hash: hashes(j), width: widths[width.offset + j]!, height: heights[height.offset + j]!, caption: hasCaption(j) ? captions(j) : null };
          const list = boxesOf(j);
          if (list && list.length > 0) cell.boxes = list;
          const maskList = masksOf(j);
          if (maskList && maskList.length > 0) cell.masks = maskList;
          if (types && hasType(j) && types(j) === 'image/webp') cell.type = 'image/webp';
          out.push(cell);
        }
        break;
      }
      case 'empty':
        for (let i = 0; i < data.length; i++) out.push(null);
        break;
    }
  }
  return out;
}

/** A dictionary column's distinct strings, by code. */
function dictionaryLabels(data: Data): string[] {
  const dictionary = data.dictionary!.data[0]!;
  const text = utf8Values(dictionary);
  const labels = new Array<string>(dictionary.length);
  for (let i = 0; i < labels.length; i++) labels[i] = text(i);
  return labels;
}

function cellsOfCodes({ codes, labels }: ColumnCodes): TableCell[] {
  const out = new Array<TableCell>(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i]! < 0 ? null : labels[codes[i]!]!;
  return out;
}

/** A one-batch dictionary column's codes as group codes (missing cells -1), or null for any other column. */
function dictionaryCodes(vector: Vector): ColumnCodes | null {
  const [data, ...more] = vector.data;
  if (!data || more.length > 0 || !DataType.isDictionary(data.type)) return null;
  const valid = validity(data);
  const codes = (data.values as Int32Array).slice(data.offset, data.offset + data.length);
  if (data.nullCount > 0) for (let i = 0; i < codes.length; i++) if (!valid(i)) codes[i] = -1;
  return { codes, labels: dictionaryLabels(data) };
}

/** The boxes of row j (absolute index) of an image column's `boxes` list, or null where it has none. */
function boxReader(list: Data): (j: number) => BoxCell[] | null {
  const offsets = list.valueOffsets as Int32Array;
  const has = validity(list);
  const box = list.children[0]!;
  const [group, minX, maxX, minY, maxY, classId, caption, score] = box.children as Data[];
  const groups = utf8Values(group!);
  const captions = utf8Values(caption!);
  const hasCaption = validity(caption!);
  const hasScore = validity(score!);
  const number = (d: Data, k: number) => (d.values as Float64Array | Int32Array)[d.offset + k]!;
  return (j) => {
    if (!has(j - list.offset)) return null;
    const out: BoxCell[] = [];
    for (let k = offsets[j]!; k < offsets[j + 1]!; k++) {
      out.push({
        group: groups(k),
        minX: number(minX!, k),
        maxX: number(maxX!, k),
        minY: number(minY!, k),
        maxY: number(maxY!, k),
        classId: number(classId!, k),
        caption: hasCaption(k) ? captions(k) : null,
        score: hasScore(k) ? number(score!, k) : null,
      });
    }
    return out;
  };
}

/** The masks of row j (absolute index) of an image column's `masks` list, or null where it has none. */
function maskReader(list: Data): (j: number) => MaskCell[] | null {
  const offsets = list.valueOffsets as Int32Array;
  const has = validity(list);
  const mask = list.children[0]!;
  const groups = utf8Values(mask.children[0]!);
  const hashes = utf8Values(mask.children[1]!);
  return (j) => {
    if (!has(j - list.offset)) return null;
    const out: MaskCell[] = [];
    for (let k = offsets[j]!; k < offsets[j + 1]!; k++) out.push({ group: groups(k), hash: hashes(k) });
    return out;
  };
}

function bit(bytes: Uint8Array, index: number): boolean {
  return (bytes[index >> 3]! & (1 << (index & 7))) !== 0;
}

/** Whether row i of a Data (relative to its offset) has a value. */
function validity(data: Data): (i: number) => boolean {
  const bitmap = data.nullBitmap;
  if (data.nullCount === 0 || !bitmap || bitmap.length === 0) return () => true;
  return (i) => bit(bitmap, data.offset + i);
}

const decoder = new TextDecoder();

/**
 * Row i's text of a Utf8 Data (relative to its offset). Text that is all ASCII (hashes, class names) is decoded once
 * and sliced, which is far cheaper than a decode per value; other text is decoded value by value.
 */
function utf8Values(data: Data): (i: number) => string {
  const offsets = data.valueOffsets as Int32Array;
  const bytes = data.values as Uint8Array;
  const first = offsets[data.offset]!;
  const last = offsets[data.offset + data.length]!;
  let ascii = true;
  for (let b = first; b < last && ascii; b++) ascii = bytes[b]! < 0x80;
  if (ascii) {
    const text = decoder.decode(bytes.subarray(first, last));
    return (i) => text.slice(offsets[data.offset + i]! - first, offsets[data.offset + i + 1]! - first);
  }
  return (i) => decoder.decode(bytes.subarray(offsets[data.offset + i]!, offsets[data.offset + i + 1]!));
}

/**
 * Tables with the same columns, one after the other (an incremental table's increments). A column missing from a part
 * is null there; a column whose type differs between parts keeps the first part's type and nulls the others' values.
 */
export function concatTables(parts: readonly TableData[]): TableData {
  if (parts.length === 1) return parts[0]!;
  const columns: TableColumn[] = [];
  // Each column's cells as they are gathered: arrays, whatever the parts' columns were.
  const cells = new Map<string, TableCell[]>();
  const byName = new Map<string, TableColumn>();
  let rows = 0;
  for (const part of parts) {
    for (const column of part.columns) {
      let target = byName.get(column.name);
      if (!target) {
        cells.set(column.name, new Array<TableCell>(rows).fill(null));
        target = { name: column.name, type: column.type, values: cells.get(column.name)!, ...(column.width !== undefined ? { width: column.width } : {}) };
        byName.set(column.name, target);
        columns.push(target);
      }
      if (target.type === 'empty' && column.type !== 'empty') Object.assign(target, { type: column.type, width: column.width });
      // Box class names (image columns) are the union of the parts': a legend says "cat", not "class 3".
      if (column.classes) target.classes = { ...column.classes, ...target.classes };
      const same = column.type === target.type || column.type === 'empty';
      const into = cells.get(column.name)!;
      for (const value of column.values) into.push(same ? value : null);
    }
    rows += part.rows;
    for (const into of cells.values()) while (into.length < rows) into.push(null);
  }
  return { columns, rows };
}
