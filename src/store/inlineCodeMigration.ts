import type { IDBPTransaction, StoreNames } from 'idb';
import { sha256HexOfText } from '../lib/contentHash';
import type { RunCode, RunRecord } from '../model/runs/runTypes';
import type { LabbookSchema } from './schema';

/** How runs stored their code up to schema v4: every executed cell's source inline, copied into every later run. */
interface InlineRunCode {
  notebookId: string | null;
  cells: { cellId: string | null; source: string; executedAt: number }[];
}

/** A run record as v4 may hold it. */
type StoredRun = Omit<RunRecord, 'code'> & { code?: InlineRunCode | RunCode };

/** The kernel id a migrated run's code is stored under: each run stored before v5 gets a log of its own. */
export function migratedKernelId(runId: string): string {
  return `migrated-${runId}`;
}

/**
 * Moves each run's inline code into the `cells` and `executions` stores (schema v5), inside the upgrade transaction:
 * every distinct source once, keyed by its SHA-256; the run keeps a reference. Runs are read one at a time with a
 * cursor, so memory stays small however much code the old runs copied.
 */
export async function moveInlineCode(tx: IDBPTransaction<LabbookSchema, StoreNames<LabbookSchema>[], 'versionchange'>): Promise<void> {
  const cells = tx.objectStore('cells');
  const executions = tx.objectStore('executions');
  const stored = new Set<string>();
  let cursor = await tx.objectStore('runs').openCursor();
  while (cursor) {
    const run = cursor.value as StoredRun;
    const code = run.code;
    if (code && Array.isArray(code.cells)) {
      const kernelId = migratedKernelId(run.id);
      const writes: Promise<unknown>[] = [];
      code.cells.forEach((cell, index) => {
        const hash = sha256HexOfText(cell.source);
        if (!stored.has(hash)) writes.push(cells.put({ hash, source: cell.source }));
        stored.add(hash);
        writes.push(executions.put({ kernelId, index, cellId: cell.cellId, hash, executedAt: cell.executedAt }));
      });
      writes.push(cursor.update({ ...run, code: { notebookId: code.notebookId, kernelId, cells: code.cells.length } }));
      await Promise.all(writes);
    }
    cursor = await cursor.continue();
  }
}
