import { safeFileName } from '../lib/safeFileName';

/** Hands a file to the browser's downloads. */
export function downloadFile(fileName: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: safeFileName(fileName) });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
