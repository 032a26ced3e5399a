/** What the kernel reported about a cell's last run: its order and the names it defined and read. */
export interface CellAnalysis {
  cellId: string;
  /** Execution counter of the cell's last run. */
  count: number;
  declared: readonly string[];
  reads: readonly string[];
}

/**
 * Cells whose results may be out of date: a cell is stale when another cell that defines a name it reads ran after
 * it (marimo's "lazy" idea, without re-running anything). A cell re-run after its inputs is fresh again.
 */
export function staleCells(cells: readonly CellAnalysis[]): Set<string> {
  const stale = new Set<string>();
  for (const reader of cells) {
    const reads = new Set(reader.reads);
    if (reads.size === 0) continue;
    const outdated = cells.some((writer) => writer.cellId !== reader.cellId && writer.count > reader.count && writer.declared.some((name) => reads.has(name)));
    if (outdated) stale.add(reader.cellId);
  }
  return stale;
}
