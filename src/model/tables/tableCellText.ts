import type { TableCell } from './tableTypes';

/** A cell as text for search and equality: strings, booleans and numbers as typed, an image by its caption, HTML as its source. */
export function cellText(cell: TableCell): string | null {
  if (cell === null) return null;
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (isScores(cell) || 'counts' in cell) return null;
  return 'html' in cell ? cell.html : cell.caption;
}

function isScores(cell: TableCell): cell is readonly number[] {
  return Array.isArray(cell);
}
