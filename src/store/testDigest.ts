import { openDB } from 'idb';
import { sha256Hex } from '../lib/contentHash';

/**
 * A digest of every record of every object store of a database, Blobs by their bytes: equal digests before and after
 * an operation mean it changed nothing. Opens its own connection, so it sees what is committed.
 */
export async function databaseDigest(name: string): Promise<string> {
  const db = await openDB(name);
  try {
    const parts: string[] = [];
    for (const storeName of [...db.objectStoreNames].sort()) {
      const tx = db.transaction(storeName);
      const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
      parts.push(storeName, JSON.stringify(keys));
      for (const value of values) parts.push(await describe(value));
    }
    return sha256Hex(new TextEncoder().encode(parts.join('\n')));
  } finally {
    db.close();
  }
}

async function describe(value: unknown): Promise<string> {
  if (value instanceof Blob) return `blob:${await sha256Hex(new Uint8Array(await value.arrayBuffer()))}`;
  if (ArrayBuffer.isView(value)) return `bytes:${await sha256Hex(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))}`;
  if (Array.isArray(value)) return `[${(await Promise.all(value.map(describe))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = await Promise.all(Object.keys(value).sort().map(async (key) => `${JSON.stringify(key)}:${await describe((value as Record<string, unknown>)[key])}`));
    return `{${entries.join(',')}}`;
  }
  return typeof value === 'number' ? `n:${Object.is(value, -0) ? '-0' : String(value)}` : JSON.stringify(value) ?? 'undefined';
}
