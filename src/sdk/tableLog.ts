import { sha256Hex } from '../lib/contentHash';
import { tableToArrow } from '../model/tables/tableArrow';
import type { ImageCell, MediaFile, TableCell, TableColumn, TableLog } from '../model/tables/tableTypes';
import { Histogram } from './histogram';
import { Html } from './html';
import { Image } from './image';
import { maskPng } from './imageMasks';
import type { SdkCell, Table } from './table';

/** A table's rows as they were when logged: what an incremental log sends, or the whole table. */
export interface TableSnapshot {
  key: string;
  step: number;
  mode: Table['logMode'];
  rows: number;
  columns: ReturnType<Table['columnsFrom']>;
}

/**
 * Takes what a log of `table` sends, at the moment of the log (later edits of the table do not change it): every row,
 * or for an incremental table the rows added since its last log, which it marks as sent.
 */
export function snapshotTable(table: Table, key: string, step: number): TableSnapshot {
  const from = table.logMode === 'incremental' ? table.loggedRows : 0;
  table.loggedRows = table.rows;
  return { key, step, mode: table.logMode, rows: table.rows - from, columns: table.columnsFrom(from) };
}

/** An image encoded once: logging the same Image again (a mutable or incremental table) reuses it. */
const encoded = new WeakMap<Image, Promise<{ cell: ImageCell; files: MediaFile[] }>>();

function encodeImage(image: Image): Promise<{ cell: ImageCell; files: MediaFile[] }> {
  let done = encoded.get(image);
  if (!done) {
    done = (async () => {
      const { bytes, type } = await image.toStored();
      const hash = await sha256Hex(bytes);
      const maskFiles = await Promise.all(image.masks.map(async (mask) => {
        const png = await maskPng(mask, image.width, image.height);
        return { group: mask.group, file: { hash: await sha256Hex(png), type: 'image/png', bytes: png } };
      }));
      const cell: ImageCell = {
        hash,
        width: image.width,
        height: image.height,
        caption: image.caption,
        ...(image.boxes.length > 0 ? { boxes: image.boxes } : {}),
        ...(maskFiles.length > 0 ? { masks: maskFiles.map((m) => ({ group: m.group, hash: m.file.hash })) } : {}),
        ...(type === 'image/webp' ? { type } : {}),
      };
      return { cell, files: [{ hash, type, bytes }, ...maskFiles.map((m) => m.file)] };
    })();
    encoded.set(image, done);
  }
  return done;
}

/**
 * Encodes a snapshot for the session: images (and their masks) as PNG files named by their SHA-256, each listed once,
 * and the rows as Arrow IPC. Which files go with it is decided when it is sent (unsentMedia), in log order.
 */
export async function encodeTableLog(snapshot: TableSnapshot): Promise<{ log: TableLog; media: MediaFile[] }> {
  const media = new Map<string, MediaFile>();
  const columns: TableColumn[] = [];
  for (const column of snapshot.columns) {
    const values: TableCell[] =
      column.type === 'image'
        ? await Promise.all(column.values.map((value) => imageCell(value, media)))
        : column.type === 'histogram'
          ? column.values.map((value) => (value instanceof Histogram ? { min: value.min, max: value.max, counts: value.counts } : null))
          : column.type === 'html'
            ? column.values.map((value) => (value instanceof Html ? { html: value.html } : null))
            : (column.values as TableCell[]);
    // A loop, not Object.assign(...values): spreading 100,000 arguments overflows the stack.
    const classes: Record<string, string> = {};
    if (column.type === 'image') for (const value of column.values) if (value instanceof Image) Object.assign(classes, value.classes);
    columns.push({ name: column.name, type: column.type, values, ...(column.width !== undefined ? { width: column.width } : {}), ...(Object.keys(classes).length > 0 ? { classes } : {}) });
  }
  const arrow = tableToArrow({ columns, rows: snapshot.rows });
  return { log: { key: snapshot.key, step: snapshot.step, mode: snapshot.mode, rows: snapshot.rows, arrow }, media: [...media.values()] };
}

async function imageCell(value: SdkCell, media: Map<string, MediaFile>): Promise<TableCell> {
  if (!(value instanceof Image)) return null;
  const { cell, files } = await encodeImage(value);
  for (const file of files) media.set(file.hash, file);
  return cell;
}

/**
 * The files of a log that this run has not sent before (marking them sent), each once. Copies: an encoded image is
 * cached for later logs, and a transfer to the session would empty its buffer.
 */
export function unsentMedia(media: readonly MediaFile[], sent: Set<string>): MediaFile[] {
  const out: MediaFile[] = [];
  for (const file of media) {
    if (sent.has(file.hash)) continue;
    sent.add(file.hash);
    out.push({ ...file, bytes: file.bytes.slice() });
  }
  return out;
}
