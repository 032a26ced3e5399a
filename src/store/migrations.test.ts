import 'fake-indexeddb/auto';
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { ChangeFeed } from './changeFeed';
import { openStore } from './labbookStore';
import { MIGRATIONS, type Migration } from './migrations';
import { openDatabase } from './openDatabase';
import { testRun, uniqueDbName } from './testRuns';
import { appendToCoarse, packCoarse } from '../model/history/coarseLevel';
import { appendToSeries, CHUNK_POINTS, emptySeriesIndex, packChunk, unpackChunk } from '../model/history/historyChunks';
import type { LabbookSchema } from './schema';

/** The stores v1 creates. */
const V1_STORES = ['chunks', 'media', 'projects', 'runs', 'series', 'settings'];
/** The stores of the current schema. */
const CURRENT_STORES = [...V1_STORES, 'notebooks', 'coarse', 'cells', 'executions', 'overview', 'outputs', 'tables'].sort();

describe('migrations', () => {
  it('openDatabase() creates every store and index at version MIGRATIONS.length', async () => {
    const db = await openDatabase({ name: uniqueDbName('v1') });
    expect(db.version).toBe(MIGRATIONS.length);
    expect([...db.objectStoreNames].sort()).toEqual(CURRENT_STORES);
    const tx = db.transaction(['runs', 'series']);
    expect([...tx.objectStore('runs').indexNames].sort()).toEqual(['by_project', 'by_project_name', 'by_state']);
    expect([...tx.objectStore('series').indexNames]).toEqual(['by_run']);
    expect([...db.transaction('chunks').objectStore('chunks').indexNames]).toEqual(['by_metric_chunk']);
    expect([...db.transaction('overview').objectStore('overview').indexNames]).toEqual(['by_run']);
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

describe('v3: the coarse level', () => {
  /** Writes a series into a v2 database the way the v2 history writer did: raw chunks and the series index only. */
  async function writeV2Series(db: IDBPDatabase<LabbookSchema>, runId: string, metric: string, steps: Float64Array, values: Float64Array) {
    let index = emptySeriesIndex(runId, metric);
    // Two appends, so the raw chunks are cut as a running writer would have cut them.
    const half = Math.floor(steps.length / 2);
    for (const [from, to] of [[0, half], [half, steps.length]] as const) {
      const tail = index.chunks.length > 0 && index.chunks.at(-1)!.count < CHUNK_POINTS ? unpackChunk((await db.get('chunks', [runId, metric, index.chunks.length - 1]))!) : null;
      const { index: next, writes } = appendToSeries(index, tail, steps.slice(from, to), values.slice(from, to));
      for (const chunk of writes) await db.put('chunks', packChunk(chunk));
      index = next;
    }
    await db.put('series', index);
  }

  const dense = Float64Array.from({ length: 9000 }, (_, i) => i);
  const denseValues = dense.map((s) => (s === 6543 ? 1e6 : Math.exp(-s / 2000)));
  const sparse = Float64Array.from({ length: 5000 }, (_, i) => i * 3);
  const short = Float64Array.from({ length: 90 }, (_, i) => i * 100);
  // Several raw chunks, but fewer points than a coarse level starts at.
  const underThreshold = Float64Array.from({ length: 3000 }, (_, i) => i);
  const long = Float64Array.from({ length: 70_000 }, (_, i) => i);
  const longValues = long.map((s) => Math.sin(s / 500));

  /** A v2 database with runs in two projects: dense, sparse, short and long (two coarse chunks) series. */
  async function v2Database(): Promise<string> {
    const name = uniqueDbName('v2-with-history');
    const db = await openDatabase({ name, migrations: MIGRATIONS.slice(0, 2) });
    await db.put('runs', testRun({ id: 'a', project: 'p' }));
    await db.put('runs', testRun({ id: 'b', project: 'q' }));
    await writeV2Series(db, 'a', 'loss', dense, denseValues);
    await writeV2Series(db, 'a', 'val/loss', sparse, sparse.map((s) => 1 / (s + 1)));
    await writeV2Series(db, 'a', 'lr', short, short);
    await writeV2Series(db, 'a', 'acc', underThreshold, underThreshold);
    await writeV2Series(db, 'b', 'loss', long, longValues);
    // Chunks whose run record is missing: nothing says which project they belong to.
    await writeV2Series(db, 'orphan', 'loss', dense, denseValues);
    db.close();
    return name;
  }

  /** What the coarse store should hold for a series of these points. */
  const expected = (project: string, runId: string, metric: string, steps: Float64Array, values: Float64Array) =>
    appendToCoarse(null, { runId, metric }, steps, values).map((chunk) => packCoarse(chunk, project));

  it('the v3 migration builds the coarse level of every stored series from its raw chunks', async () => {
    const db = await openDatabase({ name: await v2Database() });
    expect(db.version).toBe(MIGRATIONS.length);
    const all = await db.getAll('coarse');
    // lr has 90 points and acc 3,000 (three raw chunks), fewer than a coarse level starts at.
    expect(all.map((c) => [c.project, c.metric, c.runId, c.chunk])).toEqual([
      ['p', 'loss', 'a', 0],
      ['p', 'val/loss', 'a', 0],
      ['q', 'loss', 'b', 0],
      ['q', 'loss', 'b', 1],
    ]);
    expect(all.slice(0, 1)).toEqual(expected('p', 'a', 'loss', dense, denseValues));
    expect(all.slice(1, 2)).toEqual(expected('p', 'a', 'val/loss', sparse, sparse.map((s) => 1 / (s + 1))));
    expect(all[1]!.x, 'gaps between steps: x is stored').not.toBeNull();
    expect(all.slice(2)).toEqual(expected('q', 'b', 'loss', long, longValues));
    expect(Math.max(...all[0]!.max)).toBe(1e6);
    expect(all[0]!.x, 'one log per step: x is implied').toBeNull();
    db.close();
  });

  it('after the v3 migration, appendHistory continues the coarse level from the stored open bucket', async () => {
    const name = await v2Database();
    const store = await openStore({ name, feed: new ChangeFeed(uniqueDbName('feed')) });
    const more = Float64Array.from({ length: 1000 }, (_, i) => 9000 + i);
    await store.appendHistory('a', { metrics: ['loss'], steps: [more], values: [more.map((s) => -s)] }, (run) => run);
    const steps = Float64Array.from([...dense, ...more]);
    const values = Float64Array.from([...denseValues, ...more.map((s) => -s)]);
    expect(await store.db.getAll('coarse', IDBKeyRange.bound(['p', 'loss'], ['p', 'loss', []]))).toEqual(expected('p', 'a', 'loss', steps, values));
    store.close();
  });

  it('a data-moving migration that fails leaves the database at its old version, and later steps wait for it', async () => {
    const name = await v2Database();
    const failing: Migration = async (_db, tx) => {
      await tx.objectStore('runs').getAll();
      throw new Error('broken step');
    };
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(openDatabase({ name, migrations: [...MIGRATIONS.slice(0, 2), failing] })).rejects.toThrow();
    expect(error).toHaveBeenCalledWith(expect.stringContaining('upgrade step failed'), expect.any(Error));
    error.mockRestore();
    const after = await openDatabase({ name, migrations: MIGRATIONS.slice(0, 2) });
    expect(after.version).toBe(2);
    after.close();

    const order: string[] = [];
    const db = await openDatabase({ name, migrations: [...MIGRATIONS, async (_db: unknown, tx: Parameters<Migration>[1]) => void order.push(`next step sees ${await tx.objectStore('coarse').count()} coarse chunks`)] });
    expect(order).toEqual(['next step sees 4 coarse chunks']);
    db.close();
  });
});

describe('v4: raw chunks indexed by metric and chunk', () => {
  it('the v4 migration indexes the raw chunks already stored by [metric, chunk, runId]', async () => {
    const name = uniqueDbName('v3-with-history');
    const v3 = await openDatabase({ name, migrations: MIGRATIONS.slice(0, 3) });
    const points = Float64Array.from({ length: 2 * CHUNK_POINTS + 10 }, (_, i) => i);
    for (const runId of ['b', 'a', 'c']) {
      const { writes } = appendToSeries(emptySeriesIndex(runId, 'loss'), null, points, points.map((s) => -s));
      for (const chunk of writes) await v3.put('chunks', packChunk(chunk));
    }
    const other = appendToSeries(emptySeriesIndex('a', 'acc'), null, points, points);
    for (const chunk of other.writes) await v3.put('chunks', packChunk(chunk));
    v3.close();

    const db = await openDatabase({ name });
    expect(db.version).toBe(MIGRATIONS.length);
    const chunkOne = await db.getAllFromIndex('chunks', 'by_metric_chunk', IDBKeyRange.bound(['loss', 1, 'a'], ['loss', 1, 'b']));
    expect(chunkOne.map((c) => [c.runId, c.metric, c.chunk, c.firstStep])).toEqual([
      ['a', 'loss', 1, CHUNK_POINTS],
      ['b', 'loss', 1, CHUNK_POINTS],
    ]);
    db.close();
  });

  it('a newer schema opened in another tab closes this connection and tells its store "Labbook was updated in another tab: reload"', async () => {
    const name = uniqueDbName('upgraded');
    const older = await openStore({ name, feed: new ChangeFeed(uniqueDbName('feed')) });
    const told = new Promise<string>((resolve) => older.onClosed(resolve));
    const newer = await openDatabase({ name, migrations: [...MIGRATIONS, () => undefined] });
    expect(await told).toBe('Labbook was updated in another tab: reload');
    expect(newer.version).toBe(MIGRATIONS.length + 1);
    await expect(older.getRun('any')).rejects.toThrow();
    newer.close();
  });
});
