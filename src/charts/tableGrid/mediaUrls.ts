import type { MediaReader } from './mediaReader';

/**
 * Images up to this size show from a data: URL. URL.createObjectURL is a synchronous call into the browser process,
 * ~1 ms each in Chromium 156: a grid scrolling 20 rows of images a frame spent most of each frame in it.
 */
const DATA_URL_LIMIT = 48 * 1024;
/** URLs kept after their last image went out of view, so scrolling back or reopening a table reads nothing again. */
const IDLE_KEPT = 2000;

interface Entry {
  url: Promise<string | null>;
  users: number;
}

/** Every media URL in use or kept, by hash; a Map's order is use order, so idle entries leave oldest first. */
const entries = new Map<string, Entry>();
let idle = 0;

/**
 * A URL that shows the media file `hash`, shared by every image showing it; pair each call with releaseMediaUrl. A file
 * the store does not have, or cannot read, gives null.
 */
export function acquireMediaUrl(hash: string, read: MediaReader): Promise<string | null> {
  let entry = entries.get(hash);
  if (entry) {
    entries.delete(hash);
    if (entry.users === 0) idle--;
  } else {
    entry = {
      url: read(hash).then(
        (blob) => (blob ? urlOf(blob) : null),
        () => null,
      ),
      users: 0,
    };
  }
  entry.users++;
  entries.set(hash, entry);
  return entry.url;
}

/** Ends one use of a URL from acquireMediaUrl; the longest unused beyond IDLE_KEPT are revoked. */
export function releaseMediaUrl(hash: string): void {
  const entry = entries.get(hash);
  if (!entry || --entry.users > 0) return;
  idle++;
  entries.delete(hash);
  entries.set(hash, entry);
  for (const [key, e] of entries) {
    if (idle <= IDLE_KEPT) break;
    if (e.users > 0) continue;
    entries.delete(key);
    idle--;
    void e.url.then((url) => url?.startsWith('blob:') && URL.revokeObjectURL(url));
  }
}

async function urlOf(blob: Blob): Promise<string> {
  if (blob.size > DATA_URL_LIMIT) return URL.createObjectURL(blob);
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return `data:${blob.type || 'application/octet-stream'};base64,${btoa(binary)}`;
}
