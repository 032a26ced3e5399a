import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ChangeFeed } from '../../store/changeFeed';
import { openStore, type LabbookStore } from '../../store/labbookStore';
import { projectSettingKey } from '../../store/settingKeys';
import { databaseDigest } from '../../store/testDigest';
import { uniqueDbName } from '../../store/testRuns';
import { exportBundle } from './exportBundle';
import { findConflicts, importBundle } from './importBundle';
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
});
