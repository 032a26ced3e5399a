import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ChangeFeed } from '../../store/changeFeed';
import { openStore, type LabbookStore } from '../../store/labbookStore';
import { projectSettingKey } from '../../store/settingKeys';
import { databaseDigest } from '../../store/testDigest';
import { testRun, uniqueDbName } from '../../store/testRuns';
import { sha256HexOfText } from '../../lib/contentHash';
import { exportBundle } from './exportBundle';
import { findConflicts, ImportFailedError, importBundle } from './importBundle';
import { readBundle } from './readBundle';
import { BUNDLE_PROJECT, fillBundleProject } from './testBundles';

const opened: LabbookStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

async function freshStore(): Promise<{ store: LabbookStore; name: string }> {
  const name = uniqueDbName('bundle');
  const store = await openStore({ name, feed: new ChangeFeed(uniqueDbName('feed')) });
  opened.push(store);
  return { store, name };
}

/** Everything of the project as the app reads it back: records, every point's bits, table bytes, media, code, workspace. */
async function projectContents(store: LabbookStore) {
  const runs = (await store.listRuns(BUNDLE_PROJECT)).sort((a, b) => a.id.localeCompare(b.id));
  return {
    project: await store.getProject(BUNDLE_PROJECT),
    runs,
    history: await Promise.all(runs.map(async (run) => (await store.readRunHistory(run.id)).map((series) => ({ metric: series.metric, steps: Array.from(series.steps), bits: Array.from(new Uint8Array(series.values.buffer, series.values.byteOffset, series.values.byteLength)) })))),
    tables: await Promise.all(runs.map(async (run) => (await store.readRunTableLogs(run.id)).map((log) => ({ ...log, arrow: Array.from(log.arrow) })))),
    code: await Promise.all(runs.map((run) => (run.code ? store.readRunCode(run.code) : []))),
    workspace: await store.getSetting(projectSettingKey('workspace', BUNDLE_PROJECT)),
    notebook: await store.getNotebook('nb1').then((notebook) => notebook && { ...notebook, revision: undefined }),
  };
}

describe('run bundles', () => {
  it('round-trips a project losslessly: export, delete, import gives the same records, point bits, tables, media, code and workspace', async () => {
    const { store } = await freshStore();
    await fillBundleProject(store);
    const before = await projectContents(store);
    const { blob, manifest } = await exportBundle(store, { projects: [BUNDLE_PROJECT] }, 'test');
    expect(manifest.runs.map((run) => run.id).sort()).toEqual(['r1', 'r2']);
    expect(manifest.notebooks).toEqual([{ id: 'nb1', name: 'Training' }]);
    expect(manifest.media).toHaveLength(1);

    await store.deleteProject(BUNDLE_PROJECT);
    await store.deleteNotebook('nb1');
    expect(await store.listRuns(BUNDLE_PROJECT)).toEqual([]);
    const bundle = await readBundle(blob);
    expect(await findConflicts(store, bundle)).toEqual([]);
    const result = await importBundle(store, bundle, 'skip');
    expect(result.imported.map((run) => run.id).sort()).toEqual(['r1', 'r2']);
    expect(result.notebooks).toBe(1);
    expect(await projectContents(store)).toEqual(before);
  });

  it('imports into another browser’s empty store, and on a second import asks about every run id already there', async () => {
    const { store: source } = await freshStore();
    await fillBundleProject(source);
    const { blob } = await exportBundle(source, { runIds: ['r1'] }, 'test');
    const { store, name } = await freshStore();
    await importBundle(store, await readBundle(blob), 'skip');
    expect((await store.listRuns(BUNDLE_PROJECT)).map((run) => run.id)).toEqual(['r1']);

    const again = await readBundle(blob);
    expect((await findConflicts(store, again)).map((conflict) => conflict.stored.id)).toEqual(['r1']);
    const digest = await databaseDigest(name);
    expect(await importBundle(store, again, 'skip')).toMatchObject({ skipped: 1, imported: [] });
    expect(await databaseDigest(name)).toBe(digest);

    const copied = await importBundle(store, again, 'copy');
    expect(copied.copied).toBe(1);
    const copy = copied.imported[0]!;
    expect(copy.id).not.toBe('r1');
    expect(copy.name).toBe('first (copy)');
    const [original, twin] = await Promise.all([store.readRunHistory('r1'), store.readRunHistory(copy.id)]);
    expect(twin.map((series) => [series.metric, Array.from(series.values)])).toEqual(original.map((series) => [series.metric, Array.from(series.values)]));
    expect((await store.readRunTableLogs(copy.id)).map((log) => log.seq)).toEqual([0, 1]);

    await store.updateRun('r1', (run) => ({ ...run, notes: 'edited here' }));
    expect(await importBundle(store, again, 'replace')).toMatchObject({ replaced: 1 });
    expect((await store.getRun('r1'))!.notes).toBe('note');
  });

  it('exports a notebook with the runs it made', async () => {
    const { store } = await freshStore();
    await fillBundleProject(store);
    const { manifest } = await exportBundle(store, { notebookIds: ['nb1'] }, 'test');
    expect(manifest.runs.map((run) => run.id)).toEqual(['r1']);
    expect(manifest.notebooks.map((notebook) => notebook.id)).toEqual(['nb1']);
  });

  it('undoes a write that fails half-way: no run, project or workspace of the import is left, and the error says so', async () => {
    const { store: source } = await freshStore();
    await fillBundleProject(source);
    const { blob } = await exportBundle(source, { projects: [BUNDLE_PROJECT] }, 'test');
    const { store } = await freshStore();
    const importRun = store.importRun.bind(store);
    let calls = 0;
    store.importRun = async (...args) => {
      if (++calls === 2) throw new Error('the disk is full');
      return importRun(...args);
    };
    const failure = await importBundle(store, await readBundle(blob), 'skip').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportFailedError);
    expect(failure).toMatchObject({ message: 'the disk is full', undoFailure: null });
    expect(await store.listProjects()).toEqual([]);
    expect(await store.getSetting(projectSettingKey('workspace', BUNDLE_PROJECT))).toBeUndefined();
  });

  it('imports a run exported while running as crashed, saying why, and a project exported without runs as a project', async () => {
    const { store: source } = await freshStore();
    await source.createRun(testRun({ id: 'live', project: 'p' }));
    await source.createRun(testRun({ id: 'gone', project: 'empty' }));
    await source.updateRun('gone', (run) => ({ ...run, state: 'finished' }));
    await source.deleteRuns(['gone']);
    await source.setSetting(projectSettingKey('workspace', 'empty'), { panels: [] });
    const { blob } = await exportBundle(source, { runIds: ['live'], projects: ['empty'] }, 'test');
    const { store } = await freshStore();
    await importBundle(store, await readBundle(blob), 'skip');
    expect(await store.getRun('live')).toMatchObject({ state: 'crashed', error: expect.stringMatching(/still running when it was exported/) });
    expect((await store.listProjects()).map((project) => project.name).sort()).toEqual(['empty', 'p']);
    expect(await store.getSetting(projectSettingKey('workspace', 'empty'))).toEqual({ panels: [] });
  });

  it('keeps a cell source or execution already stored rather than take the bundle’s', async () => {
    const { store: source } = await freshStore();
    await fillBundleProject(source);
    const { blob } = await exportBundle(source, { runIds: ['r1'] }, 'test');
    const { store } = await freshStore();
    const mine = 'console.log("mine")';
    await store.appendExecutedCells({ kernelId: 'kernel1', from: 0, cells: [{ cellId: 'x', hash: sha256HexOfText(mine), executedAt: 1 }], sources: [{ hash: sha256HexOfText(mine), source: mine }] });
    await importBundle(store, await readBundle(blob), 'skip');
    expect((await store.readRunCode({ notebookId: null, kernelId: 'kernel1', cells: 1 })).map((cell) => cell.source)).toEqual([mine]);
  });
});
