import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { buildCoarseLevel } from './coarseMigration';
import { packEveryProject } from './overviewPacking';
import { moveInlineCode } from './inlineCodeMigration';
import type { LabbookSchema } from './schema';

/**
 * One schema step: migration i takes the database from version i to i + 1. A step that moves data returns a promise
 * and must await only requests of `tx` (anything else lets the upgrade transaction commit early).
 */
export type Migration = (db: IDBPDatabase<LabbookSchema>, tx: IDBPTransaction<LabbookSchema, StoreNames<LabbookSchema>[], 'versionchange'>) => void | Promise<void>;

/**
 * Every schema change ever made, in order; the database version is the length of this list. Never edit a shipped
 * entry: add a new one, so a browser holding any older version upgrades step by step.
 */
export const MIGRATIONS: readonly Migration[] = [
  function v1CreateStores(db) {
    db.createObjectStore('projects', { keyPath: 'name' });
    const runs = db.createObjectStore('runs', { keyPath: 'id' });
    runs.createIndex('by_project', 'project');
    runs.createIndex('by_state', 'state');
    runs.createIndex('by_project_name', ['project', 'name']);
    const series = db.createObjectStore('series', { keyPath: ['runId', 'metric'] });
    series.createIndex('by_run', 'runId');
    db.createObjectStore('chunks', { keyPath: ['runId', 'metric', 'chunk'] });
    db.createObjectStore('media', { keyPath: 'hash' });
    db.createObjectStore('settings', { keyPath: 'key' });
  },
  function v2AddNotebooks(db) {
    db.createObjectStore('notebooks', { keyPath: 'id' });
  },
  function v3AddCoarseLevel(db, tx) {
    db.createObjectStore('coarse', { keyPath: ['project', 'metric', 'runId', 'chunk'] });
    return buildCoarseLevel(tx);
  },
  function v4IndexChunksByMetricAndChunk(_db, tx) {
    // IndexedDB fills the index from the stored chunks itself, inside this upgrade.
    tx.objectStore('chunks').createIndex('by_metric_chunk', ['metric', 'chunk', 'runId']);
  },
  function v5StoreCellSourcesOnce(db, tx) {
    db.createObjectStore('cells', { keyPath: 'hash' });
    db.createObjectStore('executions', { keyPath: ['kernelId', 'index'] });
    return moveInlineCode(tx);
  },
  function v6PackOverviewBlocks(db, tx) {
    db.createObjectStore('overview', { keyPath: ['project', 'metric', 'block'] }).createIndex('by_run', 'runIds', { multiEntry: true });
    return packEveryProject({ runs: tx.objectStore('runs'), coarse: tx.objectStore('coarse'), overview: tx.objectStore('overview') });
  },
  function v7AddPointsBlocks() {
    // The overview store also holds points blocks from now on (kind 'points'), which v6 code would read as coarse
    // ones: the new version makes an open older tab give up its connection and ask for a reload. Existing short
    // series are packed in the background when a workspace finds them unpacked, not here.
  },
  function v8KeepCellOutputs(db) {
    db.createObjectStore('outputs', { keyPath: ['notebookId', 'cellId'] });
  },
  function v9AddTables(db) {
    db.createObjectStore('tables', { keyPath: ['runId', 'key', 'seq'] });
  },
];
