import type { IDBPDatabase } from 'idb';
import type { ExecutedCellsLog, RunCode, RunCodeCell } from '../model/runs/runTypes';
import type { LabbookSchema } from './schema';
import { commitWrites, withQuotaCheck } from './storageFull';

/** Stores a kernel's executions and the sources they bring, in one transaction (a source stored before is rewritten as is). */
export function appendExecutedCells(db: IDBPDatabase<LabbookSchema>, log: ExecutedCellsLog): Promise<void> {
  return withQuotaCheck(async () => {
    const tx = db.transaction(['cells', 'executions'], 'readwrite');
    const writes = [
      ...log.sources.map((source) => tx.objectStore('cells').put(source)),
      ...log.cells.map((cell, i) => tx.objectStore('executions').put({ ...cell, kernelId: log.kernelId, index: log.from + i })),
    ];
    await commitWrites(writes, tx.done);
  });
}

/** The cells of a run's code in the order they ran, each with its source (null for one that was never stored). */
export async function readRunCode(db: IDBPDatabase<LabbookSchema>, code: RunCode): Promise<RunCodeCell[]> {
  if (code.cells === 0) return [];
  const tx = db.transaction(['executions', 'cells']);
  const executions = await tx.objectStore('executions').getAll(IDBKeyRange.bound([code.kernelId, 0], [code.kernelId, code.cells - 1]));
  const hashes = [...new Set(executions.map((execution) => execution.hash))];
  const sources = await Promise.all(hashes.map((hash) => tx.objectStore('cells').get(hash)));
  const sourceOf = new Map(sources.flatMap((cell) => (cell ? [[cell.hash, cell.source] as const] : [])));
  return executions.map(({ cellId, hash, executedAt }) => ({ cellId, hash, executedAt, source: sourceOf.get(hash) ?? null }));
}
