import { parseBackendSetting, type BackendSetting } from '../kernel/backendChoice';
import type { LabbookStore } from '../store/labbookStore';

/** Settings key of the tfjs backend choice. */
const SETTING_KEY = 'tfjsBackend';

/** The user's tfjs backend choice: read at start, saved on change; the kernel picks it up when it (re)starts. */
export class BackendChoice {
  private constructor(
    private readonly store: LabbookStore,
    private current: BackendSetting,
  ) {}

  /** Loads the saved choice (`auto` when none). */
  static async load(store: LabbookStore): Promise<BackendChoice> {
    return new BackendChoice(store, parseBackendSetting(await store.getSetting(SETTING_KEY)));
  }

  /** The choice now. */
  get value(): BackendSetting {
    return this.current;
  }

  /** Saves a new choice; the caller restarts the kernel for it to take effect. */
  async set(setting: BackendSetting): Promise<void> {
    this.current = setting;
    await this.store.setSetting(SETTING_KEY, setting);
  }

  /** The kernel worker's name, which carries the choice into the worker before any message. */
  workerName(): string {
    return `labbook-kernel:${this.current}`;
  }
}
