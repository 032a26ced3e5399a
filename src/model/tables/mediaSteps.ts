import type { ImageCell, TableData } from './tableTypes';

/** The steps at which any of several runs logged a key, ascending, each once. */
export function unionSteps(stepsByRun: readonly (readonly number[])[]): number[] {
  return [...new Set(stepsByRun.flat())].sort((a, b) => a - b);
}

/** Index of the last log at or before `step` (logs in step order), or -1 when the run had logged nothing by then. */
export function logAtStep(steps: readonly number[], step: number): number {
  let found = -1;
  for (let i = 0; i < steps.length && steps[i]! <= step; i++) found = i;
  return found;
}

/** The images of a table, row by row across its image columns, at most `limit`. */
export function tableImages(table: TableData, limit: number): ImageCell[] {
  const out: ImageCell[] = [];
  for (let row = 0; row < table.rows && out.length < limit; row++) {
    for (const column of table.columns) if (column.type === 'image' && column.values[row]) out.push(column.values[row] as ImageCell);
  }
  return out.slice(0, limit);
}
