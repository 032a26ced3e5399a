import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ChangeFeed } from '../store/changeFeed';
import { openStore, type LabbookStore } from '../store/labbookStore';
import { testRun, uniqueDbName } from '../store/testRuns';
import { PERSISTENCE_SETTING, StoragePersistence } from './storagePersistence';
import type { StorageApi } from './storageMonitor';

const opened: LabbookStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

async function freshStore(): Promise<LabbookStore> {
  const store = await openStore({ name: uniqueDbName('persist'), feed: new ChangeFeed(uniqueDbName('feed')) });
  opened.push(store);
  return store;
}

/** A StorageManager that grants or refuses; it notes how many runs the store held each time it was asked. */
function fakeStorage(store: LabbookStore, grant: boolean, persisted = false): StorageApi & { runsWhenAsked: number[] } {
  const api = {
    runsWhenAsked: [] as number[],
    estimate: async () => ({ usage: 0, quota: 1 }),
    persisted: async () => persisted,
    persist: async () => {
      api.runsWhenAsked.push((await store.listProjects()).reduce((n, p) => n + p.runCount, 0));
      return grant;
    },
  };
  return api;
}

describe('StoragePersistence', () => {
  it('requestWhenRunsExist() waits for the first run, then asks once and stores the answer', async () => {
    const store = await freshStore();
    const api = fakeStorage(store, true);
    const { decided } = new StoragePersistence(store, api, () => 1234).requestWhenRunsExist();
    await store.createRun(testRun({ id: 'a', project: 'p' }));
    expect(await decided).toBe(true);
    expect(api.runsWhenAsked).toEqual([1]);
    expect(await store.getSetting(PERSISTENCE_SETTING)).toEqual({ askedAt: 1234, granted: true });
  });

  it('requestWhenRunsExist() asks at once when runs exist, and a later start does not ask again once an answer is stored', async () => {
    const store = await freshStore();
    await store.createRun(testRun({ id: 'a', project: 'p' }));
    const refusing = fakeStorage(store, false);
    expect(await new StoragePersistence(store, refusing, () => 1).requestWhenRunsExist().decided).toBe(false);
    expect(refusing.runsWhenAsked).toEqual([1]);
    expect(await store.getSetting(PERSISTENCE_SETTING)).toEqual({ askedAt: 1, granted: false });

    const next = fakeStorage(store, true);
    const persistence = new StoragePersistence(store, next, () => 2);
    expect(await persistence.requestWhenRunsExist().decided).toBeNull();
    expect(next.runsWhenAsked).toEqual([]);
    // Asked from the settings page, it asks and records the new answer.
    expect(await persistence.request()).toBe(true);
    expect(await persistence.lastAnswer()).toEqual({ askedAt: 2, granted: true });
  });

  it('requestWhenRunsExist() does not ask when the data is already persistent', async () => {
    const store = await freshStore();
    await store.createRun(testRun({ id: 'a', project: 'p' }));
    const api = fakeStorage(store, true, true);
    expect(await new StoragePersistence(store, api).requestWhenRunsExist().decided).toBeNull();
    expect(api.runsWhenAsked).toEqual([]);
    expect(await store.getSetting(PERSISTENCE_SETTING)).toBeUndefined();
  });
});
