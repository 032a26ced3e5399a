/** Characters a file name keeps at most: long run names would pass the 255 bytes most file systems allow. */
const MAX_NAME_CHARACTERS = 100;

/**
 * A name any file system takes: characters Windows or macOS refuse, and control characters, become `_`; it is cut to
 * 100 characters, and loses the trailing dots and spaces Windows drops.
 */
export function safeFileName(name: string): string {
  const safe = name
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '_')
    .slice(0, MAX_NAME_CHARACTERS)
    .replace(/[. ]+$/, '');
  return safe === '' ? '_' : safe;
}
