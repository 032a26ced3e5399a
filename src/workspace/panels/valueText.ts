import { isMissing, MISSING_TEXT } from '../../model/runTable/cellText';
import type { CellValue } from '../../model/runTable/runColumns';
import { formatCell } from '../../ui/format';

/** A config or summary value as panels print it: missing as —, numbers to 5 significant digits. */
export function valueText(value: CellValue): string {
  return isMissing(value) ? MISSING_TEXT : formatCell(value);
}
