import 'fake-indexeddb/auto';
import { newNotebook } from '../model/notebook/notebook';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryBatch } from '../model/history/historyBatch';
import { CHUNK_POINTS } from '../model/history/historyChunks';
import { COARSE_FACTOR } from '../model/history/coarseLevel';
import { nanExtremes } from '../model/history/testSeries';
import { float32Above, float32Below } from '../lib/float32Round';
import { withSummary } from '../model/runs/runRecordUpdates';
import { ChangeFeed, type ChangeNotice } from './changeFeed';
import { LabbookStore, NotebookChangedError, openStore } from './labbookStore';
import { testRun, uniqueDbName } from './testRuns';

const opened: LabbookStore[] = [];

async function freshStore(label: string, feed?: ChangeFeed): Promise<LabbookStore> {
  const store = await openStore({ name: uniqueDbName(label), feed: feed ?? new ChangeFeed(uniqueDbName('feed')) });
  opened.push(store);
  return store;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const store of opened.splice(0)) store.close();
});

/** A batch with one or more metrics over the same steps. */
function batch(steps: number[], metrics: Record<string, number[]>): HistoryBatch {
  const names = Object.keys(metrics);
  return {
    metrics: names,
    steps: names.map(() => Float64Array.from(steps)),
    values: names.map((m) => Float64Array.from(metrics[m]!)),
  };
}

const keep = (run: Parameters<typeof withSummary>[0]) => run;

describe('LabbookStore runs and projects', () => {
  it('createRun(run) then getRun(id) returns the same record', async () => {
    const store = await freshStore('get');
    const run = testRun({ id: 'a', project: 'p', config: { lr: 0.1, opt: { name: 'adam' } }, tags: ['x'] });
    await store.createRun(run);
    expect(await store.getRun('a')).toEqual(run);
    expect(await store.getRun('missing')).toBeUndefined();
  });

  it('createRun(run) with an existing id is refused', async () => {
    const store = await freshStore('dup');
    await store.createRun(testRun({ id: 'a', project: 'p' }));
    await expect(store.createRun(testRun({ id: 'a', project: 'p' }))).rejects.toThrow();
  });

  it('listRuns(project) returns only that project’s runs, newest first', async () => {
    const store = await freshStore('list');
    await store.createRun(testRun({ id: 'a', project: 'p' }, 1000));
    await store.createRun(testRun({ id: 'b', project: 'p' }, 3000));
    await store.createRun(testRun({ id: 'c', project: 'q' }, 2000));
    await store.createRun(testRun({ id: 'd', project: 'p' }, 2000));
    expect((await store.listRuns('p')).map((r) => r.id)).toEqual(['b', 'd', 'a']);
    expect((await store.listRuns('q')).map((r) => r.id)).toEqual(['c']);
    expect(await store.listRuns('none')).toEqual([]);
  });

  it('listProjects() counts runs per project and lists the most recently active first', async () => {
    const store = await freshStore('projects');
    await store.createRun(testRun({ id: 'a', project: 'old' }, 1000));
    await store.createRun(testRun({ id: 'b', project: 'new' }, 2000));
    await store.createRun(testRun({ id: 'c', project: 'new' }, 3000));
    await store.createRun(testRun({ id: 'd', project: 'old' }, 500));
    const projects = await store.listProjects();
    expect(projects.map((p) => [p.name, p.runCount])).toEqual([
      ['new', 2],
      ['old', 2],
    ]);
    // The project keeps its first creation time; updatedAt follows the latest created run.
    expect(projects.find((p) => p.name === 'old')).toMatchObject({ createdAt: 1000, updatedAt: 500 });
    expect(projects.find((p) => p.name === 'new')).toMatchObject({ createdAt: 2000, updatedAt: 3000 });
  });

  it('createRun(run, { nameStem }) names the run stem-N with N its ordinal in the project', async () => {
    const store = await freshStore('names');
    await store.createRun(testRun({ id: 'a', project: 'p', name: 'given' }));
    await store.createRun(testRun({ id: 'c', project: 'q', name: 'other-1' }));
    const created = await store.createRun(testRun({ id: 'b', project: 'p' }), { nameStem: 'rosy-sky' });
    expect(created.name).toBe('rosy-sky-2');
    expect((await store.getRun('b'))?.name).toBe('rosy-sky-2');
  });

  it('createRun(run, { nameStem }) moves N up past names already taken in the project', async () => {
    const store = await freshStore('names-clash');
    await store.createRun(testRun({ id: 'a', project: 'p', name: 'rosy-sky-2' }));
    await store.createRun(testRun({ id: 'b', project: 'p', name: 'rosy-sky-3' }));
    const created = await store.createRun(testRun({ id: 'c', project: 'p' }), { nameStem: 'rosy-sky' });
    expect(created.name).toBe('rosy-sky-4');
  });

  it('createRun(run, { nameStem }) run concurrently never gives two runs the same name', async () => {
    const store = await freshStore('names-concurrent');
    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => store.createRun(testRun({ id: `r${i}`, project: 'p' }), { nameStem: 'same-stem' })));
    expect(new Set(created.map((r) => r.name)).size).toBe(20);
  });

  it('updateRun(id, update) applies the update and returns the stored record', async () => {
    const store = await freshStore('update');
    await store.createRun(testRun({ id: 'a', project: 'p' }));
    const updated = await store.updateRun('a', (run) => ({ ...run, notes: 'hello', summary: { loss: 0.5 } }));
    expect(updated.notes).toBe('hello');
    expect(await store.getRun('a')).toEqual(updated);
  });

  it('updateRun(id) of a missing run rejects and writes nothing', async () => {
    const store = await freshStore('update-missing');
    await expect(store.updateRun('nope', (run) => run)).rejects.toThrow('run nope does not exist');
    expect(await store.getRun('nope')).toBeUndefined();
  });

  it('listRunsInState(state) finds runs by state across projects', async () => {
    const store = await freshStore('state');
    await store.createRun(testRun({ id: 'a', project: 'p' }));
    await store.createRun(testRun({ id: 'b', project: 'q' }));
    await store.createRun(testRun({ id: 'c', project: 'q', state: 'finished' }));
    expect((await store.listRunsInState('running')).map((r) => r.id).sort()).toEqual(['a', 'b']);
    expect((await store.listRunsInState('finished')).map((r) => r.id)).toEqual(['c']);
    await store.updateRun('a', (run) => ({ ...run, state: 'failed' }));
    expect((await store.listRunsInState('running')).map((r) => r.id)).toEqual(['b']);
  });
});

describe('LabbookStore history', () => {
  it('appendHistory then series() round-trips 5,000 points over several batches, exact and bucketed', async () => {
    const store = await freshStore('history');
    await store.createRun(testRun({ id: 'r', project: 'p' }));
    const steps: number[] = [];
    const loss: number[] = [];
    const acc: number[] = [];
    for (let i = 0; i < 5000; i++) {
      steps.push(i);
      loss.push(i === 3210 ? 1e6 : i % 97 === 0 ? NaN : 1 / (i + 1));
      acc.push(i / 5000);
    }
    let written = 0;
    for (const size of [1, 700, 1500, 323, 2000, 476]) {
      const slice = (a: number[]) => a.slice(written, written + size);
      await store.appendHistory('r', batch(slice(steps), { loss: slice(loss), acc: slice(acc) }), (run) =>
        withSummary(run, { loss: loss[written + size - 1]!, acc: acc[written + size - 1]! }, 5),
      );
      written += size;
    }
    expect(written).toBe(5000);

    const exact = await store.series('r', 'loss', { buckets: 10_000 });
    expect(exact.exact).toBe(true);
    expect(Array.from(exact.x)).toEqual(steps);
    expect(Array.from(exact.last)).toEqual(loss);

    // 100 steps a bucket: answered from the coarse level, in buckets of whole 16-step groups (float32 values).
    const bucketed = await store.series('r', 'loss', { buckets: 50 });
    expect(bucketed.exact).toBe(false);
    expect(bucketed.x.length).toBeGreaterThan(45);
    expect(bucketed.x.length).toBeLessThanOrEqual(50);
    for (let b = 0, from = 0; b < bucketed.x.length; b++) {
      const to = bucketed.x[b]! + 1;
      expect(to % COARSE_FACTOR === 0 || to === 5000, `bucket ${b} ends a 16-step group`).toBe(true);
      const { min, max } = nanExtremes(loss.slice(from, to));
      expect(bucketed.min[b], `bucket ${b}`).toBe(float32Below(min));
      expect(bucketed.max[b], `bucket ${b}`).toBe(float32Above(max));
      expect(bucketed.last[b]).toBe(Math.fround(loss[to - 1]!));
      from = to;
    }
    expect(bucketed.x.at(-1)).toBe(4999);
    expect(Math.max(...bucketed.max)).toBe(1e6);

    const zoom = await store.series('r', 'acc', { xRange: [1000, 1049], buckets: 100 });
    expect(Array.from(zoom.x)).toEqual(steps.slice(1000, 1050));
    expect(Array.from(zoom.last)).toEqual(acc.slice(1000, 1050));

    const run = await store.getRun('r');
    expect(run?.summary).toEqual({ loss: loss[4999], acc: acc[4999] });
  });

  it('readZoomAhead also reads the chunk just past a drag\'s range, so a zoom whose last move crossed into it reads nothing more', async () => {
    const store = await freshStore('zoom-ahead-margin');
    const steps = Array.from({ length: 3 * CHUNK_POINTS }, (_, i) => i);
    for (const id of ['a', 'b']) {
      await store.createRun(testRun({ id, project: 'p' }));
      await store.appendHistory(id, batch(steps, { loss: steps.map((s) => s / 10) }), keep);
    }
    const chunkReads = vi.spyOn(IDBIndex.prototype, 'getAll');
    store.readZoomAhead({ metric: 'loss', runIds: ['a', 'b'], xRange: [850, 850] });
    const readAhead = chunkReads.mock.calls.length;
    expect(readAhead, 'at the press, 174 steps before chunk 1: chunks 0 and 1').toBe(2);
    store.readZoomAhead({ metric: 'loss', runIds: ['a', 'b'], xRange: [850, 990] });
    const zoom = await store.seriesOverview({ project: 'p', metric: 'loss', runIds: ['a', 'b'], xRange: [850, 1040], buckets: 1000 });
    expect(chunkReads.mock.calls.length).toBe(readAhead);
    expect(Array.from(zoom.series[0]!.x)).toEqual(steps.slice(850, 1041));
  });

  it('readZoomAhead: the zoom that follows answers the same points, and a write in between is seen', async () => {
    const store = await freshStore('zoom-ahead');
    const steps = Array.from({ length: 3 * CHUNK_POINTS }, (_, i) => i);
    for (const id of ['a', 'b']) {
      await store.createRun(testRun({ id, project: 'p' }));
      await store.appendHistory(id, batch(steps, { loss: steps.map((s) => s / 10) }), keep);
    }
    const zoom = { project: 'p', metric: 'loss', runIds: ['a', 'b'], xRange: [1500, 1599] as [number, number], buckets: 1000 };
    store.readZoomAhead(zoom);
    const ahead = await store.seriesOverview(zoom);
    expect(ahead.series.map((s) => [s.exact, Array.from(s.x)])).toEqual([
      [true, steps.slice(1500, 1600)],
      [true, steps.slice(1500, 1600)],
    ]);
    expect(Array.from(ahead.series[1]!.last)).toEqual(steps.slice(1500, 1600).map((s) => s / 10));

    store.readZoomAhead({ ...zoom, xRange: [3000, 3100] });
    await store.appendHistory('a', batch([3072, 3073], { loss: [-1, -2] }), keep);
    const after = await store.seriesOverview({ ...zoom, xRange: [3000, 3100] });
    expect(Array.from(after.series[0]!.x).slice(-2)).toEqual([3072, 3073]);
    expect(Array.from(after.series[0]!.last).slice(-2)).toEqual([-1, -2]);

    // Points written by another tab (another store on the same database, its notice arriving over the channel).
    const feedName = uniqueDbName('feed');
    const here = await openStore({ name: uniqueDbName('zoom-tabs'), feed: new ChangeFeed(feedName) });
    opened.push(here);
    const there = new LabbookStore(here.db, new ChangeFeed(feedName));
    await here.createRun(testRun({ id: 'c', project: 'p' }));
    await here.appendHistory('c', batch(steps.slice(0, 50), { loss: steps.slice(0, 50) }), keep);
    const tabZoom = { ...zoom, runIds: ['c'], xRange: [0, 99] as [number, number] };
    expect((await here.seriesOverview(tabZoom)).series[0]!.x.length).toBe(50);
    const heard = new Promise<void>((resolve) => here.feed.subscribe((notice) => notice.type === 'history' && resolve()));
    await there.appendHistory('c', batch([50, 51], { loss: [50, 51] }), keep);
    await heard;
    expect((await here.seriesOverview(tabZoom)).series[0]!.x.length).toBe(52);
    there.feed.close();
  });

  it('series() of a metric never logged is empty', async () => {
    const store = await freshStore('no-series');
    const out = await store.series('r', 'nothing', { buckets: 10 });
    expect(out.x).toHaveLength(0);
  });

  it('appendHistory continues a partial tail chunk after the store is reopened (the writer reads the tail back)', async () => {
    const name = uniqueDbName('reopen');
    const first = await openStore({ name, feed: new ChangeFeed(uniqueDbName('feed')) });
    await first.createRun(testRun({ id: 'r', project: 'p' }));
    const steps = Array.from({ length: CHUNK_POINTS + 500 }, (_, i) => i);
    await first.appendHistory('r', batch(steps.slice(0, 1200), { m: steps.slice(0, 1200) }), keep);
    first.close();
    const second = await openStore({ name, feed: new ChangeFeed(uniqueDbName('feed')) });
    opened.push(second);
    await second.appendHistory('r', batch(steps.slice(1200), { m: steps.slice(1200) }), keep);
    second.releaseRun('r');
    await second.appendHistory('r', batch([5000, 5001], { m: [-1, -2] }), keep);
    const out = await second.series('r', 'm', { buckets: 10_000 });
    expect(Array.from(out.x)).toEqual([...steps, 5000, 5001]);
    expect(Array.from(out.last)).toEqual([...steps, -1, -2]);
  });

  it('appendHistory(runId) of a missing run rejects and stores no points', async () => {
    const store = await freshStore('missing-run');
    await expect(store.appendHistory('ghost', batch([0, 1], { m: [1, 2] }), keep)).rejects.toThrow('run ghost does not exist');
    expect(await store.listMetrics('ghost')).toEqual([]);
    expect((await store.series('ghost', 'm', { buckets: 10 })).x).toHaveLength(0);
  });

  it('appendHistory applies updateRun in the same write and returns the updated run', async () => {
    const store = await freshStore('update-run');
    await store.createRun(testRun({ id: 'r', project: 'p' }));
    const updated = await store.appendHistory('r', batch([0], { m: [1] }), (run) => withSummary(run, { m: 1 }, 9));
    expect(updated).toMatchObject({ summary: { m: 1 }, updatedAt: 9, heartbeatAt: 9 });
    expect(await store.getRun('r')).toEqual(updated);
  });

  it('listMetrics(runId) lists the run’s logged metrics, sorted, and no other run’s', async () => {
    const store = await freshStore('metrics');
    await store.createRun(testRun({ id: 'r', project: 'p' }));
    await store.createRun(testRun({ id: 's', project: 'p' }));
    await store.appendHistory('r', batch([0], { 'val/loss': [1], acc: [2], _timestamp: [3] }), keep);
    await store.appendHistory('s', batch([0], { other: [1] }), keep);
    await store.appendHistory('r', batch([1], { zeta: [1] }), keep);
    expect(await store.listMetrics('r')).toEqual(['_timestamp', 'acc', 'val/loss', 'zeta']);
    expect(await store.listMetrics('s')).toEqual(['other']);
  });
});

describe('LabbookStore media and settings', () => {
  it('putMedia(blob) stores identical content once under its SHA-256 and getMedia(hash) reads it back', async () => {
    const store = await freshStore('media');
    const a = await store.putMedia(new Blob(['hello'], { type: 'text/plain' }));
    const b = await store.putMedia(new Blob(['hello'], { type: 'text/plain' }));
    const c = await store.putMedia(new Blob(['other'], { type: 'image/png' }));
    expect(a).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(await store.db.count('media')).toBe(2);
    const read = await store.getMedia(a);
    expect(read?.type).toBe('text/plain');
    expect(await read?.text()).toBe('hello');
    expect(await store.getMedia('0'.repeat(64))).toBeUndefined();
  });

  it('setSetting(key, value) then getSetting(key) returns the value; unknown keys are undefined', async () => {
    const store = await freshStore('settings');
    expect(await store.getSetting('theme')).toBeUndefined();
    await store.setSetting('theme', 'dark');
    await store.setSetting('layout', { panels: [1, 2], smoothing: 0.6 });
    await store.setSetting('theme', 'light');
    expect(await store.getSetting<string>('theme')).toBe('light');
    expect(await store.getSetting('layout')).toEqual({ panels: [1, 2], smoothing: 0.6 });
  });
});

describe('LabbookStore change feed', () => {
  it('putMedia and setSetting post change notices too', async () => {
    const feed = new ChangeFeed(uniqueDbName('feed-media'));
    const store = await freshStore('notices-media', feed);
    const notices: ChangeNotice[] = [];
    feed.subscribe((n) => notices.push(n));
    const hash = await store.putMedia(new Blob(['x']));
    await store.setSetting('theme', 'dark');
    expect(notices).toEqual([{ type: 'media', hash }, { type: 'settings', key: 'theme' }]);
  });

  it('createRun, updateRun and appendHistory post change notices naming what changed', async () => {
    const feed = new ChangeFeed(uniqueDbName('feed'));
    const store = await freshStore('notices', feed);
    const notices: ChangeNotice[] = [];
    feed.subscribe((n) => notices.push(n));
    await store.createRun(testRun({ id: 'r', project: 'p' }));
    expect(notices).toEqual([{ type: 'projects' }, { type: 'runs', project: 'p', runIds: ['r'] }]);
    notices.length = 0;
    await store.updateRun('r', (run) => ({ ...run, notes: 'n' }));
    expect(notices).toEqual([{ type: 'runs', project: 'p', runIds: ['r'] }]);
    notices.length = 0;
    await store.appendHistory('r', batch([0], { loss: [1], acc: [2] }), keep);
    expect(notices).toEqual([
      { type: 'history', runId: 'r', metrics: ['loss', 'acc'] },
      { type: 'runs', project: 'p', runIds: ['r'] },
    ]);
    notices.length = 0;
    await store.appendHistory('r', { metrics: [], steps: [], values: [] }, keep);
    expect(notices).toEqual([{ type: 'runs', project: 'p', runIds: ['r'] }]);
  });

  it('a failed write posts no notice', async () => {
    const feed = new ChangeFeed(uniqueDbName('feed'));
    const store = await freshStore('no-notice', feed);
    const notices: ChangeNotice[] = [];
    feed.subscribe((n) => notices.push(n));
    await expect(store.updateRun('ghost', (run) => run)).rejects.toThrow();
    await expect(store.appendHistory('ghost', batch([0], { m: [1] }), keep)).rejects.toThrow();
    expect(notices).toEqual([]);
  });
});

describe('LabbookStore notebooks', () => {
  it('saveNotebook / getNotebook / listNotebooks / deleteNotebook round-trip, newest first', async () => {
    const store = await freshStore('notebooks');
    const a = { ...newNotebook('a', 1, 'a'), updatedAt: 5 };
    const b = { ...newNotebook('b', 2, 'b'), updatedAt: 9 };
    await store.saveNotebook(a);
    await store.saveNotebook(b);
    expect((await store.listNotebooks()).map((n) => n.id)).toEqual(['b', 'a']);
    expect(await store.getNotebook('a')).toEqual({ ...a, revision: 1 });
    await store.deleteNotebook('b');
    expect((await store.listNotebooks()).map((n) => n.id)).toEqual(['a']);
  });

  it('saveNotebook(notebook) counts revisions; with expectRevision it refuses a save over another revision with NotebookChangedError', async () => {
    const store = await freshStore('notebook-revisions');
    const first = await store.saveNotebook(newNotebook('n', 1, 'n'));
    expect(first.revision).toBe(1);
    const second = await store.saveNotebook({ ...first, name: 'renamed' }, { expectRevision: 1 });
    expect(second.revision).toBe(2);
    const stale = store.saveNotebook({ ...first, name: 'from a tab that saw revision 1' }, { expectRevision: 1 });
    await expect(stale).rejects.toBeInstanceOf(NotebookChangedError);
    await expect(stale).rejects.toMatchObject({ stored: { name: 'renamed', revision: 2 } });
    expect((await store.getNotebook('n'))?.name).toBe('renamed');
    await store.deleteNotebook('n');
    await expect(store.saveNotebook(second, { expectRevision: 2 })).rejects.toMatchObject({ stored: undefined, message: 'the notebook was deleted in another tab' });
  });
});
