import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sha256HexOfText } from '../lib/contentHash';
import type { RunRecord } from '../model/runs/runTypes';
import { ChangeFeed } from './changeFeed';
import { migratedKernelId } from './inlineCodeMigration';
import { openStore } from './labbookStore';
import { MIGRATIONS } from './migrations';
import { openDatabase } from './openDatabase';
import { testRun, uniqueDbName } from './testRuns';

/** A cell as v4 stored it inside every run's record (its hash then was a 16-digit FNV-1a). */
const cell = (cellId: string, source: string, executedAt: number) => ({ cellId, source, hash: 'fnv0000000000000', executedAt });

const first = cell('a', 'const rate = 0.5;', 1_000);
const second = cell('b', "const run = await init({ project: 'p' });", 2_000);
const third = cell('c', 'run.log({ rate });', 3_000);

/** A v4 database whose runs carry their code inline, as v4 wrote it: each later run a copy of the earlier cells and more. */
async function v4Database(): Promise<string> {
  const name = uniqueDbName('v4-inline-code');
  const db = await openDatabase({ name, migrations: MIGRATIONS.slice(0, 4) });
  const v4Run = (id: string, code: unknown) => ({ ...testRun({ id, project: 'p' }), code }) as unknown as RunRecord;
  await db.put('runs', v4Run('early', { notebookId: 'nb', cells: [first, second] }));
  await db.put('runs', v4Run('later', { notebookId: 'nb', cells: [first, second, third, first] }));
  await db.put('runs', v4Run('empty', { notebookId: null, cells: [] }));
  await db.put('runs', testRun({ id: 'before-code', project: 'p' }));
  db.close();
  return name;
}

describe('v5: cell sources stored once', () => {
  it('the v5 migration moves each run\'s inline code into the cells and executions stores, each source once', async () => {
    const store = await openStore({ name: await v4Database(), feed: new ChangeFeed(uniqueDbName('feed')) });
    expect(store.db.version).toBe(MIGRATIONS.length);
    const sources = await store.db.getAll('cells');
    expect(sources.map((s) => s.source).sort()).toEqual([first.source, second.source, third.source].sort());
    for (const s of sources) expect(s.hash).toBe(sha256HexOfText(s.source));

    const later = await store.getRun('later');
    expect(later?.code).toEqual({ notebookId: 'nb', kernelId: migratedKernelId('later'), cells: 4 });
    // What the run page reads: the same cells, in the same order, with the same sources and times.
    const shown = (await store.readRunCode(later!.code!)).map(({ cellId, source, executedAt }) => ({ cellId, source, executedAt }));
    expect(shown).toEqual([first, second, third, first].map(({ cellId, source, executedAt }) => ({ cellId, source, executedAt })));
    expect(await store.readRunCode((await store.getRun('early'))!.code!)).toHaveLength(2);

    expect((await store.getRun('empty'))?.code).toEqual({ notebookId: null, kernelId: migratedKernelId('empty'), cells: 0 });
    expect((await store.getRun('before-code'))?.code).toBeUndefined();
    expect(await store.db.count('executions')).toBe(6);
    store.close();
  });
});
