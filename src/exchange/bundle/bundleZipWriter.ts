import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { sha256Hex } from '../../lib/contentHash';
import type { ManifestFile } from './bundleFormat';

/** Output is moved into a Blob every this many bytes, so a large bundle is never held whole in JS memory. */
const FLUSH_BYTES = 8 * 1024 * 1024;
/** fflate writes no zip64: past 4 GB a zip's offsets wrap, and the bundle could not be read back. */
const MAX_ZIP_BYTES = 0xffffffff;

/**
 * Writes a zip a file at a time, recording each file's size and SHA-256 for the manifest. Output goes into Blob parts
 * as it is made (Chromium keeps large Blobs out of the JS heap, on disk if need be), so a bundle of a hundred runs is
 * in memory once at most, not once as files and again as a zip.
 */
export class BundleZipWriter {
  readonly files: ManifestFile[] = [];
  private readonly parts: Blob[] = [];
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private totalBytes = 0;
  private failure: Error | null = null;
  private readonly zip = new Zip((error, chunk, final) => {
    if (error) this.failure = error;
    else this.collect(chunk, final);
  });

  /** Adds a file: deflated at level 1 (fast; history and JSON shrink well), or stored as is (images are compressed). */
  async add(path: string, bytes: Uint8Array, stored = false): Promise<void> {
    this.files.push({ path, size: bytes.length, sha256: await sha256Hex(bytes) });
    this.addUnlisted(path, bytes, stored);
  }

  /** Adds a file the manifest does not list (the manifest itself). */
  addUnlisted(path: string, bytes: Uint8Array, stored = false): void {
    const entry = stored ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 1 });
    this.zip.add(entry);
    entry.push(bytes, true);
    if (this.failure) throw this.failure;
  }

  /** Ends the zip and returns it. */
  finish(): Blob {
    this.zip.end();
    if (this.failure) throw this.failure;
    return new Blob(this.parts, { type: 'application/zip' });
  }

  private collect(chunk: Uint8Array, final: boolean): void {
    this.totalBytes += chunk.length;
    if (this.totalBytes > MAX_ZIP_BYTES) {
      this.failure ??= new Error('the bundle would pass 4 GB, the most a zip without zip64 holds: export fewer runs at a time');
      return;
    }
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= FLUSH_BYTES || final) {
      this.parts.push(new Blob(this.pending as Uint8Array<ArrayBuffer>[]));
      this.pending = [];
      this.pendingBytes = 0;
    }
  }
}
