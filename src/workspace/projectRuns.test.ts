import 'fake-indexeddb/auto';
import { createRoot } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChangeFeed } from '../store/changeFeed';
import { openStore, type LabbookStore } from '../store/labbookStore';
import { testRun, uniqueDbName } from '../store/testRuns';
import { createProjectRuns } from './projectRuns';

const opened: LabbookStore[] = [];

beforeEach(() => {
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => setTimeout(callback, 0) as unknown as number);
  vi.stubGlobal('cancelAnimationFrame', (id: number) => clearTimeout(id));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  for (const store of opened.splice(0)) store.close();
});

/** Resolves once the resource's value passes `ready`. */
async function until<T>(value: () => T | undefined, ready: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const current = value();
    if (current !== undefined && ready(current)) return current;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the runs never got there');
}

describe('createProjectRuns', () => {
  it('re-reads only the runs a notice names when the list holds them, and the whole list for a new run', async () => {
    const store = await openStore({ name: uniqueDbName('project-runs'), feed: new ChangeFeed(uniqueDbName('feed')) });
    opened.push(store);
    for (const id of ['a', 'b', 'c']) await store.createRun(testRun({ id, project: 'p', createdAt: id.charCodeAt(0) }));
    const lists = vi.spyOn(store, 'listRuns');
    const gets = vi.spyOn(store, 'getRuns');
    const runs = createRoot(() => createProjectRuns(store, 'p'));
    await until(runs.value, (list) => list.length === 3);
    expect(lists).toHaveBeenCalledTimes(1);

    await store.updateRun('b', (run) => ({ ...run, notes: 'changed' }));
    const updated = await until(runs.value, (list) => list.some((run) => run.notes === 'changed'));
    expect(lists, 'a known run changed: only it is read').toHaveBeenCalledTimes(1);
    expect(gets).toHaveBeenLastCalledWith(['b']);
    expect(updated.map((run) => run.id)).toEqual(['c', 'b', 'a']);

    await store.createRun(testRun({ id: 'd', project: 'p', createdAt: 200 }));
    const grown = await until(runs.value, (list) => list.length === 4);
    expect(lists, 'a new run: the list is read again').toHaveBeenCalledTimes(2);
    expect(grown.map((run) => run.id)).toEqual(['d', 'c', 'b', 'a']);
  });
});
