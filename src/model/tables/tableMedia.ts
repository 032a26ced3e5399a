import type { ImageCell, TableData } from './tableTypes';

/** Hashes of every media file a table refers to: its images and their class masks. */
export function tableMediaHashes(table: TableData): Set<string> {
  const hashes = new Set<string>();
  for (const column of table.columns) {
    if (column.type !== 'image') continue;
    for (let row = 0; row < table.rows; row++) {
      const cell = column.values[row] as ImageCell | null;
      if (!cell) continue;
      hashes.add(cell.hash);
      for (const mask of cell.masks ?? []) hashes.add(mask.hash);
    }
  }
  return hashes;
}
