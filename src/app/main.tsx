import { errorMessage } from '../lib/errorMessage';
import { render } from 'solid-js/web';
import { whenViewsIdle } from '../ui/busyViews';
import { Session } from '../session/session';
import { CLOSED_PAGE_RUNS_KEY, type PageNotes } from '../session/closedPageRuns';
import { openStore } from '../store/labbookStore';
import '../ui/styles.css';
import { App } from './App';
import { BackendChoice } from './backendSetting';
import { browserStorage, StorageMonitor } from './storageMonitor';
import { StoragePersistence } from './storagePersistence';

/** The kernel starts at the first idle moment after the first view, and no later than this. */
const KERNEL_START_LATEST_MS = 2000;
/** How long a view busy drawing (see busyViews) may hold the kernel's start back. */
const KERNEL_HOLD_MAX_MS = 5000;

/** Closing pages' notes in localStorage, heard from other tabs through the `storage` event (see closedPageRuns.ts). */
function localPageNotes(): PageNotes {
  return {
    storage: localStorage,
    subscribe: (onNote) => {
      const listener = (event: StorageEvent) => event.key === CLOSED_PAGE_RUNS_KEY && event.newValue !== null && onNote();
      window.addEventListener('storage', listener);
      return () => window.removeEventListener('storage', listener);
    },
  };
}

async function boot(): Promise<void> {
  const root = document.getElementById('app')!;
  let store;
  try {
    store = await openStore();
  } catch (error) {
    root.textContent = `Labbook cannot open its browser storage (IndexedDB): ${errorMessage(error)}. Private windows of some browsers disable it; try a normal window.`;
    return;
  }
  const backend = await BackendChoice.load(store);
  const session = new Session({
    store,
    createKernel: () => new Worker(new URL('../kernel/worker.ts', import.meta.url), { type: 'module', name: backend.workerName() }),
    pageNotes: localPageNotes(),
  });
  // A console handle for power users, and the hook end-to-end tests and benchmarks drive the real app through.
  // Only the bench build (`vite build --mode bench`) adds benchData, which fills the store with many synthetic runs:
  // elsewhere the condition is false at build time and the generator is left out of the bundle.
  const benchData = import.meta.env.MODE === 'bench' ? { benchData: () => import('../../bench/inPage/benchData') } : {};
  Object.assign(window, { labbook: { store, session, ...benchData } });
  const storage = new StorageMonitor({ api: browserStorage() });
  const persistence = new StoragePersistence(store, browserStorage());
  // Every write or deletion (here or in another tab) may move the figures; the monitor re-reads them throttled.
  store.feed.subscribe(() => storage.changed());
  // A page kept in the back-forward cache may come back, kernel and all; any other pagehide is the end of its runs.
  window.addEventListener('pagehide', (event) => event.persisted || session.pageClosing());
  render(() => <App store={store} session={session} backend={backend} storage={storage} persistence={persistence} />, root);
  // The kernel starts once the first view has drawn: initialising tfjs takes a core for a second, which a workspace of
  // 1,000 runs needs for its first draw on a 2-core machine. Its panels wait on the store between draws, which looks
  // idle, so views busy drawing hold the start back too. A kernel that fails to start has already been reported
  // through session.onError (shown as an alert).
  // (Safari has no requestIdleCallback: there the kernel starts after the first frame.)
  await new Promise((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(resolve, { timeout: KERNEL_START_LATEST_MS }) : setTimeout(resolve, 0)));
  await whenViewsIdle(KERNEL_HOLD_MAX_MS);
  // Not before: the estimate and the persistence request read the store, as the first view does.
  void storage.refresh();
  persistence.requestWhenRunsExist();
  await session.start().then(
    // A mark the kernel benchmark reads: page start to kernel ready with its backend initialised.
    () => performance.mark('labbook:kernel-ready'),
    () => undefined,
  );
}

void boot();
