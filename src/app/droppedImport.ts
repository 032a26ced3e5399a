import type { ImportSource } from '../runs/ImportDialog';

/**
 * What a drop brings to import: its first item, a file (a bundle) or a folder (TensorBoard logs, every file in it with
 * its path from the folder on). The entries are taken while the drop event lasts, as DataTransfer items go stale after.
 */
export function droppedImport(transfer: DataTransfer): (() => Promise<ImportSource>) | null {
  const item = [...transfer.items].find((candidate) => candidate.kind === 'file');
  if (!item) return null;
  const entry = item.webkitGetAsEntry?.();
  if (entry?.isDirectory) return async () => ({ kind: 'logdir', files: await folderFiles(entry as FileSystemDirectoryEntry) });
  const file = item.getAsFile();
  return file ? async () => ({ kind: 'file', file }) : null;
}

async function folderFiles(folder: FileSystemDirectoryEntry): Promise<{ path: string; file: File }[]> {
  const files: { path: string; file: File }[] = [];
  const pending: FileSystemDirectoryEntry[] = [folder];
  while (pending.length > 0) {
    for (const entry of await allEntries(pending.pop()!)) {
      if (entry.isDirectory) pending.push(entry as FileSystemDirectoryEntry);
      else files.push({ path: entry.fullPath.replace(/^\//, ''), file: await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)) });
    }
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** A folder's entries: readEntries gives them a batch (100 in Chromium) at a time, until an empty batch. */
async function allEntries(folder: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = folder.createReader();
  const entries: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return entries;
    entries.push(...batch);
  }
}
