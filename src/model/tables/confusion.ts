import { cellText } from './tableCellText';
import type { RowOrder } from './tableQuery';
import type { TableColumn } from './tableTypes';

/** Counts of rows by (truth, prediction): `counts[t][p]` for the labels in order. */
export interface ConfusionMatrix {
  labels: string[];
  counts: number[][];
  /** Rows counted (both values present). */
  total: number;
}

/**
 * The confusion matrix of two columns over some rows. Labels are every value either column takes, in order of first
 * appearance among the truths, then predictions no truth has; rows missing either value are left out.
 */
export function confusionMatrix(truth: TableColumn, prediction: TableColumn, rows: RowOrder): ConfusionMatrix {
  const index = new Map<string, number>();
  const pairs: [string, string][] = [];
  for (const row of rows) {
    const t = cellText(truth.values[row] ?? null);
    const p = cellText(prediction.values[row] ?? null);
    if (t === null || p === null) continue;
    if (!index.has(t)) index.set(t, index.size);
    pairs.push([t, p]);
  }
  for (const [, p] of pairs) if (!index.has(p)) index.set(p, index.size);
  const labels = [...index.keys()];
  const counts = labels.map(() => labels.map(() => 0));
  for (const [t, p] of pairs) counts[index.get(t)!]![index.get(p)!]!++;
  return { labels, counts, total: pairs.length };
}

/** A filter (in the table filter's language) for the rows of one cell of the matrix. */
export function confusionCellFilter(truth: string, prediction: string, truthLabel: string, predictionLabel: string): string {
  const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return `${quote(truth)} = ${quote(truthLabel)} and ${quote(prediction)} = ${quote(predictionLabel)}`;
}
