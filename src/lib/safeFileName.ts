/** A name any file system takes: characters Windows or macOS refuse become `_`. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|]+/g, '_');
}
