import type { IDBPDatabase } from 'idb';
import type { RunRecord } from '../model/runs/runTypes';
import type { MediaFile, TableLog } from '../model/tables/tableTypes';
import type { LabbookSchema, TableLogRecord, TableRecord } from './schema';
import { commitWrites, withQuotaCheck } from './storageFull';

/**
 * Stores a table log, the media it needs that are not stored yet, and the run's table summary, in one transaction:
 * a failure (a full disk) keeps none of them. Returns the updated run.
 */
export function appendTable(db: IDBPDatabase<LabbookSchema>, runId: string, log: TableLog, media: readonly MediaFile[], now: number): Promise<RunRecord> {
  return withQuotaCheck(async () => {
    const tx = db.transaction(['runs', 'tables', 'media'], 'readwrite');
    const run = await tx.objectStore('runs').get(runId);
    if (!run) throw new Error(`run ${runId} does not exist`);
    const last = await tx.objectStore('tables').openCursor(IDBKeyRange.bound([runId, log.key], [runId, log.key, []]), 'prev');
    const seq = last ? last.value.seq + 1 : 0;
    const absent = await Promise.all(media.map(async (file) => ((await tx.objectStore('media').count(file.hash)) === 0 ? file : null)));
    const record: TableRecord = { runId, key: log.key, seq, step: log.step, mode: log.mode, rows: log.rows, arrow: new Blob([log.arrow as Uint8Array<ArrayBuffer>]), loggedAt: now };
    const before = run.tables?.[log.key];
    const rows = log.mode === 'incremental' ? (before?.rows ?? 0) + log.rows : log.rows;
    const next: RunRecord = { ...run, tables: { ...run.tables, [log.key]: { mode: log.mode, versions: seq + 1, rows, step: log.step } }, updatedAt: now };
    await commitWrites(
      [
        tx.objectStore('tables').put(record),
        tx.objectStore('runs').put(next),
        ...absent.flatMap((file) => (file ? [tx.objectStore('media').put({ hash: file.hash, type: file.type, size: file.bytes.length, blob: new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }) })] : [])),
      ],
      tx.done,
    );
    return next;
  });
}

/** Every log of a run's table key, oldest first. */
export function readTableLogs(db: IDBPDatabase<LabbookSchema>, runId: string, key: string): Promise<TableLogRecord[]> {
  return readLogsIn(db, IDBKeyRange.bound([runId, key], [runId, key, []]));
}

/** Every log of every table key of a run, by key and then oldest first. */
export function readRunTableLogs(db: IDBPDatabase<LabbookSchema>, runId: string): Promise<TableLogRecord[]> {
  return readLogsIn(db, IDBKeyRange.bound([runId], [runId, []]));
}

async function readLogsIn(db: IDBPDatabase<LabbookSchema>, range: IDBKeyRange): Promise<TableLogRecord[]> {
  const records = await db.getAll('tables', range);
  return Promise.all(records.map(async (record) => ({ ...record, arrow: record.arrow instanceof Blob ? new Uint8Array(await record.arrow.arrayBuffer()) : record.arrow })));
}
