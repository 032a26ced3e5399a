import type { LabbookStore } from '../store/labbookStore';
import type { StorageApi } from './storageMonitor';

/** The settings key under which the answer to the persistence request is kept. */
export const PERSISTENCE_SETTING = 'storage:persistence';

/** When persistent storage was asked for and whether the browser granted it. */
export interface PersistenceAnswer {
  askedAt: number;
  granted: boolean;
}

/**
 * Asks the browser to keep Labbook's data (navigator.storage.persist()), so it is not evicted when the disk runs low.
 * Asked once on its own — when the first run exists, as a user with no data has nothing to keep and Firefox shows a
 * prompt — and again only when the user asks on the settings page; each answer is stored.
 */
export class StoragePersistence {
  constructor(
    private readonly store: LabbookStore,
    private readonly api: StorageApi | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether the browser keeps the data now (null where it cannot say). */
  async persisted(): Promise<boolean | null> {
    return this.api ? this.api.persisted() : null;
  }

  /** The stored answer of the last request (undefined if never asked). */
  lastAnswer(): Promise<PersistenceAnswer | undefined> {
    return this.store.getSetting<PersistenceAnswer>(PERSISTENCE_SETTING);
  }

  /** Asks now and stores the answer; returns whether it was granted (false where the browser cannot say). */
  async request(): Promise<boolean> {
    if (!this.api) return false;
    const granted = await this.api.persist();
    await this.store.setSetting(PERSISTENCE_SETTING, { askedAt: this.now(), granted } satisfies PersistenceAnswer);
    return granted;
  }

  /**
   * Asks once, as soon as the store holds a run (now, or when the first run is created), unless the data is already
   * persistent or an answer is stored. `decided` resolves to the answer, or null when it did not ask (or was stopped).
   */
  requestWhenRunsExist(): { decided: Promise<boolean | null>; stop: () => void } {
    let unsubscribe = () => {};
    let settle!: (granted: boolean | null) => void;
    const decided = new Promise<boolean | null>((resolve) => (settle = resolve));
    let waiting = true;
    const decide = async () => {
      if (!waiting || !(await this.store.listProjects()).some((project) => project.runCount > 0) || !waiting) return;
      waiting = false;
      unsubscribe();
      const skip = (await this.persisted()) !== false || (await this.lastAnswer()) !== undefined;
      settle(skip ? null : await this.request());
    };
    const fail = (error: unknown) => {
      console.error('Labbook: asking for persistent storage failed', error);
      settle(null);
    };
    // createRun posts 'projects' (in this tab or another) when a run is created; so does a deletion, hence the check.
    unsubscribe = this.store.feed.subscribe((notice) => notice.type === 'projects' && void decide().catch(fail));
    decide().catch(fail);
    return {
      decided,
      stop: () => {
        waiting = false;
        unsubscribe();
        settle(null);
      },
    };
  }
}
