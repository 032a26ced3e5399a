import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { COARSE_FROM_POINTS } from '../model/history/coarseLevel';
import type { HistoryBatch } from '../model/history/historyBatch';
import { newNotebook } from '../model/notebook/notebook';
import type { RunRecord } from '../model/runs/runTypes';
import { ChangeFeed, type ChangeNotice } from './changeFeed';
import { LabbookStore, openStore } from './labbookStore';
import { RunsStillRunningError } from './runDeletion';
import { projectSettingKey } from './settingKeys';
import { testRun, uniqueDbName } from './testRuns';

const opened: LabbookStore[] = [];

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

async function freshStore(label: string, feedName = uniqueDbName('feed')): Promise<LabbookStore> {
  const store = await openStore({ name: uniqueDbName(label), feed: new ChangeFeed(feedName) });
  opened.push(store);
  return store;
}

/** `points` consecutive steps of `loss` (long enough for a coarse level when ≥ COARSE_FROM_POINTS) and 10 of `acc`. */
function history(points: number): HistoryBatch {
  const steps = Float64Array.from({ length: points }, (_, i) => i);
  return { metrics: ['loss', 'acc'], steps: [steps, steps.slice(0, 10)], values: [steps.map((s) => 1 / (s + 1)), steps.slice(0, 10)] };
}

const finish = (run: RunRecord): RunRecord => ({ ...run, state: 'finished', finishedAt: run.createdAt + 1 });

/** A finished run with history; ids share prefixes ('a', 'a1') so a key range that is too wide would show. */
async function addRun(store: LabbookStore, id: string, project: string, points = COARSE_FROM_POINTS + 100): Promise<void> {
  await store.createRun(testRun({ id, project }));
  await store.appendHistory(id, history(points), finish);
  store.releaseRun(id);
}

/** Every record of every object store, as "store key" lines, so a test sees whatever a run left behind. */
async function everyRecord(store: LabbookStore): Promise<string[]> {
  const lines: string[] = [];
  for (const name of store.db.objectStoreNames) {
    const keys = await store.db.getAllKeys(name);
    for (const key of keys) lines.push(`${name} ${JSON.stringify(key)}`);
  }
  return lines.sort();
}

/** Lines of everyRecord that belong to a run: its record, or a key naming it (series, chunks, coarse). */
function linesOfRun(lines: readonly string[], runId: string): string[] {
  return lines.filter((line) => line === `runs "${runId}"` || line.includes(`"${runId}",`) || line.includes(`,"${runId}"`));
}

/** Overview blocks (keyed by project and metric, not run) holding a run's coarse level or points. */
function blocksOfRun(store: LabbookStore, runId: string): Promise<unknown[]> {
  return store.db.getAllKeysFromIndex('overview', 'by_run', runId);
}

/** everyRecord without overview blocks: a deletion drops whole blocks, which are packed again later. */
const withoutBlocks = (lines: readonly string[]) => lines.filter((line) => !line.startsWith('overview '));

describe('LabbookStore.deleteRuns', () => {
  it('deleteRuns(ids) removes the runs’ records, series indexes, raw and coarse chunks and overview blocks, and leaves every other record as it was', async () => {
    const store = await freshStore('delete-runs');
    for (const id of ['a', 'a1', 'b']) await addRun(store, id, 'p');
    await addRun(store, 'c', 'q');
    await store.setSetting(projectSettingKey('workspace', 'p'), { view: 'table' });
    await store.whenOverviewPacked();
    const before = await everyRecord(store);
    for (const id of ['a', 'b']) {
      const stores = new Set(linesOfRun(before, id).map((line) => line.split(' ')[0]));
      expect([...stores].sort()).toEqual(['chunks', 'coarse', 'runs', 'series']);
      expect(await blocksOfRun(store, id), 'a coarse block of its loss, a points block of its 10 points of acc').toHaveLength(2);
    }

    await store.deleteRuns(['a', 'b']);

    const after = await everyRecord(store);
    expect(linesOfRun(after, 'a')).toEqual([]);
    expect(linesOfRun(after, 'b')).toEqual([]);
    expect(await blocksOfRun(store, 'a')).toEqual([]);
    expect(await blocksOfRun(store, 'b')).toEqual([]);
    const gone = new Set([...linesOfRun(before, 'a'), ...linesOfRun(before, 'b')]);
    expect(withoutBlocks(after)).toEqual(withoutBlocks(before).filter((line) => !gone.has(line)));
    expect((await store.listRuns('p')).map((r) => r.id)).toEqual(['a1']);
    expect((await store.series('a1', 'loss', { buckets: 10_000 })).x.length).toBe(COARSE_FROM_POINTS + 100);
    expect(await store.getSetting(projectSettingKey('workspace', 'p'))).toEqual({ view: 'table' });
    // The run that shared a block with the deleted ones is packed again; the other project's block was never touched.
    await store.whenOverviewPacked();
    expect(await blocksOfRun(store, 'a1')).toHaveLength(1);
    expect(after.filter((line) => line.startsWith('overview ["q"'))).toEqual(before.filter((line) => line.startsWith('overview ["q"')));
  });

  it('deleteRuns(ids) tells this tab and other tabs which runs of which project went', async () => {
    const feedName = uniqueDbName('feed');
    const store = await freshStore('delete-notices', feedName);
    const otherTab = new LabbookStore(store.db, new ChangeFeed(feedName));
    await addRun(store, 'a', 'p', 20);
    await addRun(store, 'b', 'q', 20);
    const here: ChangeNotice[] = [];
    store.feed.subscribe((notice) => here.push(notice));
    const thereHeard = new Promise<ChangeNotice>((resolve) => otherTab.feed.subscribe((n) => n.type === 'runs' && n.project === 'q' && resolve(n)));

    await store.deleteRuns(['a', 'b', 'never-existed']);

    expect(here).toEqual([{ type: 'runs', project: 'p', runIds: ['a'] }, { type: 'runs', project: 'q', runIds: ['b'] }, { type: 'projects' }]);
    expect(await thereHeard).toEqual({ type: 'runs', project: 'q', runIds: ['b'] });
    otherTab.feed.close();
  });

  it('deleteRuns(ids) refuses the whole deletion when one run is still running, naming it, and deletes nothing', async () => {
    const store = await freshStore('delete-running');
    await addRun(store, 'done', 'p', 20);
    await store.createRun(testRun({ id: 'live', project: 'p', name: 'brave-fox-1' }));
    const before = await everyRecord(store);
    const error = await store.deleteRuns(['done', 'live']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunsStillRunningError);
    expect((error as Error).message).toBe('brave-fox-1 is still running: stop it first');
    expect(await everyRecord(store)).toEqual(before);
  });

  it('previewRunDeletion(ids) counts the histories that would go and keeps running runs apart, saying which this tab writes', async () => {
    const store = await freshStore('preview');
    await addRun(store, 'a', 'p', 100);
    await addRun(store, 'b', 'p', 50);
    await store.createRun(testRun({ id: 'mine', project: 'p', name: 'mine-1' }));
    // A run another tab writes: running in the database, not created by this store.
    const other = new LabbookStore(store.db, new ChangeFeed(uniqueDbName('feed')));
    await other.createRun(testRun({ id: 'theirs', project: 'p', name: 'theirs-1' }));
    other.feed.close();

    const preview = await store.previewRunDeletion(['a', 'b', 'mine', 'theirs', 'gone']);
    expect(preview.runs).toEqual([
      { id: 'a', name: 'run-a' },
      { id: 'b', name: 'run-b' },
    ]);
    expect(preview.running).toEqual([
      { id: 'mine', name: 'mine-1', here: true },
      { id: 'theirs', name: 'theirs-1', here: false },
    ]);
    expect(preview.series).toBe(4);
    expect(preview.points).toBe(100 + 10 + 50 + 10);
    // Consecutive steps are not stored: 8 bytes a value, plus the coarse level.
    expect(preview.bytes).toBeGreaterThanOrEqual(preview.points * 8);
    expect(preview.bytes).toBeLessThan(preview.points * 10);
  });
});

describe('LabbookStore.deleteProject', () => {
  it('deleteProject(name) removes its runs and their history, its saved workspace and its record; other projects and notebooks stay', async () => {
    const store = await freshStore('delete-project');
    await addRun(store, 'a', 'p');
    await addRun(store, 'b', 'p', 30);
    await addRun(store, 'c', 'p2');
    await store.setSetting(projectSettingKey('workspace', 'p'), { view: 'table' });
    await store.setSetting(projectSettingKey('workspace', 'p2'), { view: 'panels' });
    await store.saveNotebook(newNotebook('nb', 1));
    await store.whenOverviewPacked();
    const before = await everyRecord(store);
    expect(before.filter((line) => line.startsWith('overview ["p"'))).not.toEqual([]);

    await store.deleteProject('p');

    const after = await everyRecord(store);
    const gone = new Set([...linesOfRun(before, 'a'), ...linesOfRun(before, 'b'), 'projects "p"', `settings "${projectSettingKey('workspace', 'p')}"`]);
    expect(after.filter((line) => line.includes('"p"'))).toEqual([]);
    expect(after).toEqual(before.filter((line) => !gone.has(line) && !line.startsWith('overview ["p"')));
    expect((await store.listProjects()).map((p) => [p.name, p.runCount])).toEqual([['p2', 1]]);
    expect(await store.getSetting(projectSettingKey('workspace', 'p2'))).toEqual({ view: 'panels' });
  });

  it('deleteProject(name) is refused while one of its runs is running, and deletes nothing', async () => {
    const store = await freshStore('delete-project-running');
    await addRun(store, 'a', 'p', 20);
    await store.createRun(testRun({ id: 'live', project: 'p', name: 'live-1' }));
    const before = await everyRecord(store);
    await expect(store.deleteProject('p')).rejects.toThrow('live-1 is still running: stop it first');
    expect(await everyRecord(store)).toEqual(before);
  });

  it('previewProjectDeletion(name) names every run of the project, newest first', async () => {
    const store = await freshStore('preview-project');
    await store.createRun(testRun({ id: 'old', project: 'p', state: 'finished' }, 1000));
    await store.createRun(testRun({ id: 'new', project: 'p', state: 'finished' }, 2000));
    const preview = await store.previewProjectDeletion('p');
    expect(preview.runs.map((r) => r.id)).toEqual(['new', 'old']);
    expect(preview.series).toBe(0);
  });
});

describe('LabbookStore.projectStorageUse', () => {
  it('projectStorageUse() totals runs, points and bytes per project, largest first', async () => {
    const store = await freshStore('use');
    await addRun(store, 'a', 'small', 20);
    await addRun(store, 'b', 'big', 2000);
    await addRun(store, 'c', 'big', 1000);
    const use = await store.projectStorageUse();
    expect(use.map((u) => [u.project, u.runs, u.points])).toEqual([
      ['big', 2, 2000 + 10 + 1000 + 10],
      ['small', 1, 20 + 10],
    ]);
    expect(use[0]!.bytes).toBeGreaterThan(use[1]!.bytes);
    expect(use[0]!.bytes).toBe((await store.previewProjectDeletion('big')).bytes);
  });
});
