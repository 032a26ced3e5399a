import { maskedCrc32c } from './crc32c';

/** A TFRecord: the data's length (uint64) and its masked CRC, the data, and the data's masked CRC, little-endian. */
export function frameRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length + 4);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(data.length), true);
  view.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, 12);
  view.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}

/** What a file of TFRecords held: the records whose checksums hold, and what was not read. */
export interface ReadRecords {
  records: Uint8Array[];
  /** Records left out because their data's checksum was wrong. */
  badChecksums: number;
  /**
   * Why reading stopped before the end: a length whose own checksum is wrong (nothing after it can be trusted), or a
   * record running past the end of the file (a file still being written, or cut short). Null when it read to the end.
   */
  stoppedBy: 'bad-length' | 'truncated' | null;
}

/** Reads TFRecords without trusting them: no record is read past the file's end, whatever length it claims. */
export function readRecords(bytes: Uint8Array): ReadRecords {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: Uint8Array[] = [];
  let badChecksums = 0;
  let at = 0;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) return { records, badChecksums, stoppedBy: 'truncated' };
    if (view.getUint32(at + 8, true) !== maskedCrc32c(bytes.subarray(at, at + 8))) return { records, badChecksums, stoppedBy: 'bad-length' };
    const length = view.getBigUint64(at, true);
    if (length > BigInt(bytes.length - at - 16)) return { records, badChecksums, stoppedBy: 'truncated' };
    const data = bytes.subarray(at + 12, at + 12 + Number(length));
    if (view.getUint32(at + 12 + data.length, true) === maskedCrc32c(data)) records.push(data);
    else badChecksums++;
    at += 16 + data.length;
  }
  return { records, badChecksums, stoppedBy: null };
}
