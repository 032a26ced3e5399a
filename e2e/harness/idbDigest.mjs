// A digest of every record of every object store of the app's IndexedDB, read in the page: equal digests before and
// after an action mean it changed nothing (Blobs by their bytes, typed arrays by theirs).

/** SHA-256 (hex) over the whole database named `name` (the app's is `labbook`). */
export function databaseDigest(page, name = 'labbook') {
  return page.evaluate(async (name) => {
    const request = (r) => new Promise((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
    const db = await request(indexedDB.open(name));
    const hex = async (bytes) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
    const describe = async (value) => {
      if (value instanceof Blob) return `blob:${await hex(await value.arrayBuffer())}`;
      if (ArrayBuffer.isView(value)) return `bytes:${await hex(new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice())}`;
      if (Array.isArray(value)) return `[${(await Promise.all(value.map(describe))).join(',')}]`;
      if (value !== null && typeof value === 'object') return `{${(await Promise.all(Object.keys(value).sort().map(async (k) => `${JSON.stringify(k)}:${await describe(value[k])}`))).join(',')}}`;
      return typeof value === 'number' ? `n:${Object.is(value, -0) ? '-0' : value}` : JSON.stringify(value);
    };
    const parts = [];
    for (const storeName of [...db.objectStoreNames].sort()) {
      const store = db.transaction(storeName).objectStore(storeName);
      const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
      parts.push(storeName, JSON.stringify(keys), ...(await Promise.all(values.map(describe))));
    }
    db.close();
    return hex(new TextEncoder().encode(parts.join('\n')));
  }, name);
}
