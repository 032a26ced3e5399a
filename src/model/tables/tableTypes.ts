/** What a table column holds; inferred from its values, or declared. */
export type TableColumnType = 'number' | 'string' | 'boolean' | 'scores' | 'image' | 'histogram' | 'html' | 'empty';

/** A box drawn over an image (W&B's box_data), in coordinates relative to the image (0–1). */
export interface BoxCell {
  /** The box set it belongs to (`predictions`, `ground_truth`, …). */
  group: string;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  classId: number;
  caption: string | null;
  score: number | null;
}

/** An image in a table: its pixels are a media record (by SHA-256 of the encoded file), read when the cell is seen. */
export interface ImageCell {
  hash: string;
  width: number;
  height: number;
  caption: string | null;
  /** Boxes over the image, when it has any. */
  boxes?: BoxCell[];
  /** Class masks over the image (PNG media whose grey level is the class id), when it has any. */
  masks?: MaskCell[];
  /** The file's media type where it is not PNG (a large image stored as lossless WebP, when that was smaller). */
  type?: 'image/webp';
}

/** A class mask of an image: which set it belongs to and its PNG's hash. */
export interface MaskCell {
  group: string;
  hash: string;
}

/** A histogram in a table (W&B's `Histogram`): counts in equal bins over [min, max]. */
export interface HistogramCell {
  min: number;
  max: number;
  counts: number[];
}

/** HTML in a table (W&B's `Html`): shown only inside a sandboxed iframe, where no script runs. */
export interface HtmlCell {
  html: string;
}

/** One cell's value, by column type; null is a missing value in any column. */
export type TableCell = number | string | boolean | readonly number[] | ImageCell | HistogramCell | HtmlCell | null;

/**
 * A column's cells by row: an array, or for a number column without missing cells read from Arrow, the Arrow buffer's
 * own Float64Array or Float32Array (a 100,000-row table's ten number columns open without copying a million numbers).
 */
export type ColumnValues = readonly TableCell[] | Float64Array | Float32Array;

/** A column of a table: its name, type and one value per row (class scores have `width` numbers each). */
export interface TableColumn {
  name: string;
  type: TableColumnType;
  values: ColumnValues;
  /** For `scores` columns: how many scores each row has. */
  width?: number;
  /** For `image` columns: the names of the box classes, by class id. */
  classes?: Record<string, string>;
}

/** A table as the SDK sends it and a view reads it: columns of equal length. */
export interface TableData {
  columns: TableColumn[];
  rows: number;
}

import type { TableLogMode } from '../runs/runTypes';

export type { TableLogMode };

/** An encoded media file sent with a table: stored once per hash, however many tables and runs use it. */
export interface MediaFile {
  hash: string;
  type: string;
  bytes: Uint8Array;
}

/** One log of a table key, as the SDK sends it and the store keeps it: its rows as Arrow IPC (tableArrow.ts). */
export interface TableLog {
  key: string;
  step: number;
  mode: TableLogMode;
  rows: number;
  arrow: Uint8Array;
}

/** The most rows one logged table may have. */
export const MAX_TABLE_ROWS = 1_000_000;
/** The longest string a table cell may hold (characters). */
export const MAX_TABLE_STRING = 1_000_000;
