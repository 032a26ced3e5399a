import type { RowOrder } from './tableQuery';
import type { HtmlCell, ImageCell, TableCell, TableColumn, TableData } from './tableTypes';

/** Where an image cell's file goes in an export beside the CSV: named by its hash, so it is written once. */
export function imageFileName(image: ImageCell): string {
  return `media/${image.hash}.${image.type === 'image/webp' ? 'webp' : 'png'}`;
}

/**
 * The rows of a table as CSV (RFC 4180; pandas' read_csv reads it back to the same values): a header of column names,
 * numbers in their shortest exact form with `inf`, `-inf` and `NaN` as pandas writes them, booleans as true/false,
 * class scores and histograms as JSON, HTML as its source, images as their file name, a missing value as an empty field.
 */
export function tableToCsv(table: TableData, rows: RowOrder): string {
  const lines = [table.columns.map((c) => quoted(c.name)).join(',')];
  for (const row of rows) lines.push(table.columns.map((c) => field(c, c.values[row] ?? null)).join(','));
  return `${lines.join('\n')}\n`;
}

function field(column: TableColumn, cell: TableCell): string {
  if (cell === null) return '';
  switch (column.type) {
    case 'number': {
      const n = cell as number;
      return Number.isNaN(n) ? 'NaN' : n === Infinity ? 'inf' : n === -Infinity ? '-inf' : String(n);
    }
    case 'boolean':
      return String(cell);
    case 'scores':
    case 'histogram':
      return quoted(JSON.stringify(cell));
    case 'html':
      return quoted((cell as HtmlCell).html);
    case 'image':
      return quoted(imageFileName(cell as ImageCell));
    default:
      return quoted(String(cell));
  }
}

/** Text as a CSV field: quoted (quotes doubled) when it holds a comma, quote, line break or edge space. */
function quoted(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
