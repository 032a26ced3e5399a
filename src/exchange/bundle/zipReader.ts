import { Inflate } from 'fflate';
import { errorMessage } from '../../lib/errorMessage';
import { concatBytes } from '../../lib/concatArrays';
import { formatBytes } from '../../lib/formatBytes';
import { BundleError } from './bundleError';

/** One file of a zip as its central directory declares it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated: the only methods read. */
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** What a zip may declare before anything is inflated (a zip bomb is refused from its directory alone). */
export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_BYTES = 22;
/** The end record may be followed by a comment of up to 65,535 bytes. */
const END_SEARCH_BYTES = END_RECORD_BYTES + 0xffff;
/** Deflate's best case is 1,032 output bytes per input byte: a file declaring more than that is lying. */
const MAX_DEFLATE_RATIO = 1032;
/** Bytes of compressed data fed to the inflater at a time, so a file that inflates past its size stops early. */
const INFLATE_SLICE = 1 << 20;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a zip's central directory from a Blob (a File from a drop or a picker) without reading its contents: entries
 * are then read one at a time with readZipEntry. Checks what the directory alone can tell: a cut-short or non-zip file,
 * zip64 (never written by Labbook), unsupported methods, sizes past `limits` or past what deflate can produce, names
 * that are not relative paths inside the bundle, and duplicate names.
 */
export async function readZipDirectory(file: Blob, limits: ZipLimits): Promise<ZipEntry[]> {
  const tailStart = Math.max(0, file.size - END_SEARCH_BYTES);
  const tail = new DataView(await file.slice(tailStart).arrayBuffer());
  let end = -1;
  for (let at = tail.byteLength - END_RECORD_BYTES; at >= 0; at--) {
    if (tail.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new BundleError('the file is not a zip, or it was cut short (no end of central directory)');
  const count = tail.getUint16(end + 10, true);
  const directorySize = tail.getUint32(end + 12, true);
  const directoryOffset = tail.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new BundleError('the zip is a zip64 archive, which bundles never are');
  if (count > limits.maxEntries) throw new BundleError(`the zip holds ${count} files; a bundle holds at most ${limits.maxEntries}`);
  if (directoryOffset + directorySize > tailStart + end) throw new BundleError('the zip was cut short: its central directory lies past the end of the file');
  const directory = new DataView(await file.slice(directoryOffset, directoryOffset + directorySize).arrayBuffer());
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.byteLength || directory.getUint32(at, true) !== DIRECTORY_ENTRY) throw new BundleError(`the zip's central directory is damaged at entry ${i + 1}`);
    const nameLength = directory.getUint16(at + 28, true);
    const entry: ZipEntry = {
      name: decodeName(new Uint8Array(directory.buffer, at + 46, Math.min(nameLength, directory.byteLength - at - 46))),
      method: directory.getUint16(at + 10, true),
      compressedSize: directory.getUint32(at + 20, true),
      size: directory.getUint32(at + 24, true),
      localHeaderOffset: directory.getUint32(at + 42, true),
    };
    at += 46 + nameLength + directory.getUint16(at + 30, true) + directory.getUint16(at + 32, true);
    checkEntry(entry, limits, file.size);
    if (names.has(entry.name)) throw new BundleError(`the zip holds "${entry.name}" twice`);
    names.add(entry.name);
    total += entry.size;
    if (total > limits.maxTotalBytes) throw new BundleError(`the zip's files add up to more than ${formatBytes(limits.maxTotalBytes)} (the import limit)`);
    entries.push(entry);
  }
  checkNoOverlap(entries, directoryOffset);
  return entries;
}

/**
 * Entries must not share bytes: a zip whose directory points many entries at one stretch of deflate data would have
 * each inflated, a bomb made of one small file.
 */
function checkNoOverlap(entries: readonly ZipEntry[], directoryOffset: number): void {
  const byOffset = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  byOffset.forEach((entry, i) => {
    const end = entry.localHeaderOffset + 30 + entry.compressedSize;
    const next = byOffset[i + 1]?.localHeaderOffset ?? directoryOffset;
    if (end > next) throw new BundleError(`"${entry.name}" overlaps ${byOffset[i + 1] ? `"${byOffset[i + 1]!.name}"` : 'the central directory'} in the zip (a damaged zip, or a zip bomb)`);
  });
}

function decodeName(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new BundleError('a file name in the zip is not valid UTF-8');
  }
}

function checkEntry(entry: ZipEntry, limits: ZipLimits, fileSize: number): void {
  const { name } = entry;
  if (name === '' || name.startsWith('/') || name.includes('\\') || /^[a-zA-Z]:/.test(name) || name.split('/').some((part) => part === '..' || part === '.') || /[\u0000-\u001f]/.test(name)) {
    throw new BundleError(`the zip holds a file named "${name.slice(0, 200)}", which is not a relative path inside the bundle`);
  }
  if (entry.method !== 0 && entry.method !== 8) throw new BundleError(`"${name}" is compressed with method ${entry.method}; bundles use only stored (0) and deflate (8)`);
  if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) throw new BundleError(`"${name}" has zip64 sizes, which bundles never have`);
  if (entry.size > limits.maxEntryBytes) throw new BundleError(`"${name}" declares ${formatBytes(entry.size)}; a bundle file holds at most ${formatBytes(limits.maxEntryBytes)}`);
  const expandsTooFar = entry.method === 8 ? entry.size > Math.max(1, entry.compressedSize) * MAX_DEFLATE_RATIO : entry.size !== entry.compressedSize;
  if (expandsTooFar) throw new BundleError(`"${name}" declares ${formatBytes(entry.size)} from ${formatBytes(entry.compressedSize)} of data, more than it can hold (a zip bomb or a damaged zip)`);
  if (entry.localHeaderOffset + 30 + entry.compressedSize > fileSize) throw new BundleError(`"${name}" lies past the end of the zip (the file was cut short)`);
}

/**
 * Reads one entry's bytes, inflating a slice at a time: more output than the directory declared stops the inflater at
 * once, and less is refused, so an entry is exactly its declared size or an error.
 */
export async function readZipEntry(file: Blob, entry: ZipEntry): Promise<Uint8Array> {
  const header = new DataView(await file.slice(entry.localHeaderOffset, entry.localHeaderOffset + 30).arrayBuffer());
  if (header.byteLength < 30 || header.getUint32(0, true) !== LOCAL_HEADER) throw new BundleError(`"${entry.name}": its local header is missing or damaged`);
  const start = entry.localHeaderOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
  if (start + entry.compressedSize > file.size) throw new BundleError(`"${entry.name}" lies past the end of the zip (the file was cut short)`);
  if (entry.method === 0) return new Uint8Array(await file.slice(start, start + entry.size).arrayBuffer());
  // Output is kept as it comes rather than in a buffer of the declared size: a lie costs what was really inflated.
  const chunks: Uint8Array[] = [];
  let written = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    if (written + chunk.length > entry.size) throw new BundleError(`"${entry.name}" inflates to more than the ${formatBytes(entry.size)} it declares`);
    chunks.push(chunk);
    written += chunk.length;
    ended ||= final;
  });
  for (let at = 0; at < entry.compressedSize && !ended; at += INFLATE_SLICE) {
    const slice = new Uint8Array(await file.slice(start + at, start + Math.min(entry.compressedSize, at + INFLATE_SLICE)).arrayBuffer());
    pushToInflater(inflater, slice, at + INFLATE_SLICE >= entry.compressedSize, entry.name);
  }
  if (written !== entry.size) throw new BundleError(`"${entry.name}" inflates to ${formatBytes(written)}, not the ${formatBytes(entry.size)} it declares`);
  return chunks.length === 1 ? chunks[0]! : concatBytes(chunks);
}

function pushToInflater(inflater: Inflate, slice: Uint8Array, final: boolean, name: string): void {
  try {
    inflater.push(slice, final);
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError(`"${name}" is not valid deflate data (${errorMessage(error)})`);
  }
}
