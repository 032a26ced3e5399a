import type { CellValue } from './runColumns';

/** How a missing value (absent or null) reads in labels, legends and chips. */
export const MISSING_TEXT = '—';

/** Whether a cell holds no value: the key is absent, or it was set to null. */
export function isMissing(value: CellValue): value is undefined | null {
  return value === undefined || value === null;
}

/** A cell value as text for a label: missing as —, everything else as JavaScript prints it. */
export function cellText(value: CellValue): string {
  return isMissing(value) ? MISSING_TEXT : String(value);
}
