import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellSource } from '../model/runs/runTypes';
import type { KernelMessage } from '../protocol/messages';
import { UnreliableStore } from '../store/testRuns';
import { startKernelHarness, type KernelHarness } from './testKernel';

// One kernel for the whole file: the SDK keeps module-level state (host, current run, the kernel's code log).

let store: UnreliableStore;
let kernel: KernelHarness;
/** Every source the kernel sent to the session. */
const sent: CellSource[] = [];

beforeAll(async () => {
  store = await UnreliableStore.open();
  kernel = await startKernelHarness({
    store,
    fromKernel: (message: KernelMessage) => {
      if (message.type === 'executedCells') sent.push(...message.log.sources);
    },
  });
});

afterAll(() => {
  kernel.dispose();
  store.close();
});

describe('code snapshots', () => {
  it('100 runs after 100 cells: each source is sent and stored once, and every run record has the same small size', async () => {
    for (let i = 0; i < 100; i++) expect((await kernel.session.execute(`const v${i} = ${i};`, { origin: { notebookId: 'nb', cellId: `c${i}` } })).ok).toBe(true);
    // The same cell run 100 times, each time starting and finishing a run.
    const runCell = "const r = await init({ project: 'many' }); r.log({ x: 1 }); await r.finish();";
    for (let i = 0; i < 100; i++) expect((await kernel.session.execute(runCell, { origin: { notebookId: 'nb', cellId: 'runner' } })).ok).toBe(true);
    await kernel.session.whenIdle();

    expect(await store.db.count('cells')).toBe(101);
    expect(sent).toHaveLength(101);
    expect(new Set(sent.map((s) => s.hash)).size).toBe(101);
    expect(await store.db.count('executions')).toBe(200);

    const runs = (await store.listRuns('many')).sort((a, b) => a.createdAt - b.createdAt || a.code!.cells - b.code!.cells);
    expect(runs).toHaveLength(100);
    expect(runs.map((run) => run.code!.cells)).toEqual(Array.from({ length: 100 }, (_, i) => 101 + i));
    // Apart from its random name, no part of a record grows with the cells run before it.
    const sizes = runs.map((run) => JSON.stringify({ ...run, name: '' }).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(2);
    expect(Math.max(...sizes)).toBeLessThan(1000);

    // The last run still shows all 200 cells executed up to it, in order, with their sources.
    const code = await store.readRunCode(runs[99]!.code!);
    expect(code).toHaveLength(200);
    expect(code[0]).toMatchObject({ cellId: 'c0', source: 'const v0 = 0;' });
    expect(code[199]).toMatchObject({ cellId: 'runner', source: runCell });
  });
});
