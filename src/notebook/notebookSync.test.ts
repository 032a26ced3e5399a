import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { newNotebook, notebookReducer, type Notebook } from '../model/notebook/notebook';
import { ChangeFeed } from '../store/changeFeed';
import { openStore, type LabbookStore } from '../store/labbookStore';
import { uniqueDbName } from '../store/testRuns';
import { NotebookSync, type NotebookSyncState } from './notebookSync';

const opened: LabbookStore[] = [];
const syncs: NotebookSync[] = [];
afterEach(() => {
  for (const sync of syncs.splice(0)) sync.dispose();
  for (const store of opened.splice(0)) store.close();
});

/** One browser tab: its own connection and change channel on the shared database. */
interface Tab {
  store: LabbookStore;
  sync: NotebookSync;
  shown: Notebook[];
  states: NotebookSyncState[];
  /** Resolves with the first state of `kind` reported from now on. */
  next: (kind: NotebookSyncState['kind']) => Promise<NotebookSyncState>;
}

async function openTab(dbName: string, feedName: string, notebookId: string): Promise<Tab> {
  const store = await openStore({ name: dbName, feed: new ChangeFeed(feedName) });
  opened.push(store);
  const waiters: { kind: NotebookSyncState['kind']; resolve: (state: NotebookSyncState) => void }[] = [];
  const tab: Tab = {
    store,
    sync: undefined as unknown as NotebookSync,
    shown: [],
    states: [],
    next: (kind) => new Promise((resolve) => waiters.push({ kind, resolve })),
  };
  tab.sync = new NotebookSync({
    store,
    notebookId,
    onNotebook: (notebook) => tab.shown.push(notebook),
    onState: (state) => {
      tab.states.push(state);
      for (const waiter of waiters.splice(0)) {
        if (waiter.kind === state.kind) waiter.resolve(state);
        else waiters.push(waiter);
      }
    },
  });
  syncs.push(tab.sync);
  await tab.sync.load();
  return tab;
}

/** Two tabs with the same notebook open. */
async function twoTabs(): Promise<[Tab, Tab, Notebook]> {
  const dbName = uniqueDbName('nb');
  const feedName = uniqueDbName('feed');
  const setup = await openStore({ name: dbName, feed: new ChangeFeed(feedName) });
  opened.push(setup);
  const notebook = await setup.saveNotebook(newNotebook('shared', 1));
  return [await openTab(dbName, feedName, notebook.id), await openTab(dbName, feedName, notebook.id), notebook];
}

function typed(notebook: Notebook, source: string): Notebook {
  return notebookReducer(notebook, { type: 'editSource', cellId: notebook.cells[0]!.id, source }, Date.now());
}

describe('NotebookSync', () => {
  it('an edit saved in one tab is shown in the other tab, which has nothing unsaved', async () => {
    const [first, second] = await twoTabs();
    const adopted = second.next('saved');
    first.sync.edited(typed(first.shown[0]!, 'const a = 1;'));
    first.sync.flush();
    await adopted;
    expect(second.shown.at(-1)?.cells[0]?.source).toBe('const a = 1;');
    expect((await first.store.getNotebook(first.shown[0]!.id))?.cells[0]?.source).toBe('const a = 1;');
  });

  it('two tabs editing at once: the later save is refused as a conflict, and neither edit is lost until the user chooses', async () => {
    const [first, second, notebook] = await twoTabs();
    const conflict = second.next('conflict');
    second.sync.edited(typed(second.shown[0]!, 'second tab'));
    first.sync.edited(typed(first.shown[0]!, 'first tab'));
    first.sync.flush();
    const state = await conflict;
    expect(state.kind === 'conflict' && state.theirs.cells[0]?.source).toBe('first tab');
    second.sync.flush();
    // The second tab's edit never reached the store: the first tab's save stands.
    expect((await first.store.getNotebook(notebook.id))?.cells[0]?.source).toBe('first tab');

    const saved = second.next('saved');
    const adopted = first.next('saved');
    second.sync.keepMine();
    await Promise.all([saved, adopted]);
    expect((await first.store.getNotebook(notebook.id))?.cells[0]?.source).toBe('second tab');
    expect(first.shown.at(-1)?.cells[0]?.source).toBe('second tab');
  });

  it('takeTheirs() ends a conflict with the other tab’s version shown and nothing of this tab saved', async () => {
    const [first, second, notebook] = await twoTabs();
    const conflict = second.next('conflict');
    second.sync.edited(typed(second.shown[0]!, 'mine'));
    first.sync.edited(typed(first.shown[0]!, 'theirs'));
    first.sync.flush();
    await conflict;
    second.sync.takeTheirs();
    expect(second.shown.at(-1)?.cells[0]?.source).toBe('theirs');
    expect(second.states.at(-1)).toEqual({ kind: 'saved' });
    const revision = (await first.store.getNotebook(notebook.id))?.revision;
    second.sync.flush();
    expect((await first.store.getNotebook(notebook.id))?.revision).toBe(revision);
  });

  it('a save that fails says so, keeps the edit and succeeds on the next edit', async () => {
    const [tab, , notebook] = await twoTabs();
    const realSave = tab.store.saveNotebook.bind(tab.store);
    tab.store.saveNotebook = () => Promise.reject(new Error('the disk is on fire'));
    const failed = tab.next('failed');
    tab.sync.edited(typed(tab.shown[0]!, 'kept'));
    tab.sync.flush();
    expect(await failed).toEqual({ kind: 'failed', message: 'not saved: the disk is on fire' });
    tab.store.saveNotebook = realSave;
    const saved = tab.next('saved');
    tab.sync.edited(typed(tab.shown[0]!, 'kept, then more'));
    tab.sync.flush();
    await saved;
    expect((await tab.store.getNotebook(notebook.id))?.cells[0]?.source).toBe('kept, then more');
  });

  it('a notebook deleted in another tab is reported, not re-created by the next edit, and kept by keepMine()', async () => {
    const [first, second, notebook] = await twoTabs();
    const deleted = second.next('deleted');
    await first.store.deleteNotebook(notebook.id);
    await deleted;
    second.sync.edited(typed(second.shown[0]!, 'after the delete'));
    second.sync.flush();
    expect(await second.store.getNotebook(notebook.id)).toBeUndefined();
    const saved = second.next('saved');
    second.sync.keepMine();
    await saved;
    expect((await second.store.getNotebook(notebook.id))?.cells[0]?.source).toBe('after the delete');
  });
});
