import 'fake-indexeddb/auto';
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { ChangeFeed } from './changeFeed';
import { openStore } from './labbookStore';
import { MIGRATIONS, type Migration } from './migrations';
import { openDatabase } from './openDatabase';
import { testRun, uniqueDbName } from './testRuns';

/** The stores v1 creates. */
const V1_STORES = ['chunks', 'media', 'projects', 'runs', 'series', 'settings'];
/** The stores of the current schema. */
const CURRENT_STORES = [...V1_STORES, 'notebooks'].sort();

describe('migrations', () => {
  it('openDatabase() creates every store and index at version MIGRATIONS.length', async () => {
    const db = await openDatabase({ name: uniqueDbName('v1') });
    expect(db.version).toBe(MIGRATIONS.length);
    expect([...db.objectStoreNames].sort()).toEqual(CURRENT_STORES);
    const tx = db.transaction(['runs', 'series']);
    expect([...tx.objectStore('runs').indexNames].sort()).toEqual(['by_project', 'by_project_name', 'by_state']);
    expect([...tx.objectStore('series').indexNames]).toEqual(['by_run']);
    db.close();
  });

  it('openDatabase({migrations}) with a new migration upgrades an existing v1 database, runs only the new step and keeps the data', async () => {
    const name = uniqueDbName('upgrade');
    const v1 = await openStore({ name, feed: new ChangeFeed(uniqueDbName('feed')), migrations: MIGRATIONS.slice(0, 1) });
    await v1.createRun(testRun({ id: 'a', project: 'p', name: 'kept-run-1' }));
    v1.close();

    const first = vi.fn(MIGRATIONS[0]!);
    // A v2 that adds a store and an index on an existing store, written against the untyped API since the
    // schema type does not know them.
    const second = vi.fn((db: IDBPDatabase<unknown>, tx: IDBPTransaction<unknown, string[], 'versionchange'>) => {
      db.createObjectStore('reports', { keyPath: 'id' });
      tx.objectStore('runs').createIndex('by_name', 'name');
    });
    const migrations = [first, second as unknown as Migration];
    const db = await openDatabase({ name, migrations });
    expect(db.version).toBe(2);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect([...db.objectStoreNames].sort()).toEqual([...V1_STORES, 'reports'].sort());
    const untyped = db as unknown as IDBPDatabase<unknown>;
    expect(await untyped.getFromIndex('runs', 'by_name', 'kept-run-1')).toMatchObject({ id: 'a', project: 'p' });
    expect(await db.get('runs', 'a')).toMatchObject({ name: 'kept-run-1' });
    db.close();

    // Opening again at the same version runs nothing.
    const again = await openDatabase({ name, migrations });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    again.close();
  });

  it('openDatabase({migrations}) on a new database runs every migration in order', async () => {
    const order: string[] = [];
    const migrations: Migration[] = [
      (db, tx) => {
        order.push('v1');
        MIGRATIONS[0]!(db, tx);
      },
      () => order.push('v2'),
      () => order.push('v3'),
    ];
    const db = await openDatabase({ name: uniqueDbName('fresh'), migrations });
    expect(db.version).toBe(3);
    expect(order).toEqual(['v1', 'v2', 'v3']);
    db.close();
  });

  it('openDatabase() with a newer schema closes an older connection that would block it', async () => {
    const name = uniqueDbName('blocking');
    const old = await openDatabase({ name });
    // Without the blocking handler this open would wait on the old connection forever (the test would time out).
    const newer = await openDatabase({ name, migrations: [...MIGRATIONS, () => undefined] });
    expect(newer.version).toBe(MIGRATIONS.length + 1);
    newer.close();
    // A closed connection refuses new transactions.
    expect(() => old.transaction('runs')).toThrow();
  });

  it('the real v2 migration adds the notebooks store to a v1 database and keeps its runs', async () => {
    const name = uniqueDbName('v1-to-v2');
    const v1 = await openStore({ name, feed: new ChangeFeed(uniqueDbName('feed')), migrations: MIGRATIONS.slice(0, 1) });
    await v1.createRun(testRun({ id: 'a', project: 'p', name: 'kept-run-1' }));
    v1.close();
    const db = await openDatabase({ name });
    expect([...db.objectStoreNames].sort()).toEqual(CURRENT_STORES);
    expect(await db.get('runs', 'a')).toMatchObject({ name: 'kept-run-1' });
    db.close();
  });
});
