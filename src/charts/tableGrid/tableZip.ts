import { strToU8, zipSync, type Zippable } from 'fflate';
import { imageFileName, tableToCsv } from '../../model/tables/tableCsv';
import type { RowOrder } from '../../model/tables/tableQuery';
import type { ImageCell, TableData } from '../../model/tables/tableTypes';
import type { MediaReader } from './mediaReader';

/**
 * The rows as CSV with the images they name beside it (`media/<hash>.png` or `.webp`, each once), zipped: images are
 * stored as they are (they are compressed already), the CSV deflated. An image missing from the store is left out and counted.
 */
export async function tableZip(name: string, table: TableData, rows: RowOrder, readMedia: MediaReader): Promise<{ zip: Uint8Array; images: number; missing: number }> {
  const files: Zippable = { [`${name}.csv`]: [strToU8(tableToCsv(table, rows)), { level: 6 }] };
  const images = new Map<string, ImageCell>();
  for (const column of table.columns) {
    if (column.type !== 'image') continue;
    for (const row of rows) {
      const cell = column.values[row] as ImageCell | null;
      if (cell) images.set(imageFileName(cell), cell);
    }
  }
  let missing = 0;
  for (const [file, cell] of images) {
    const blob = await readMedia(cell.hash);
    if (blob) files[file] = [new Uint8Array(await blob.arrayBuffer()), { level: 0 }];
    else missing++;
  }
  return { zip: zipSync(files), images: images.size - missing, missing };
}
