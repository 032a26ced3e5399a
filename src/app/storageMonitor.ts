/** Share of the quota past which the top bar warns that storage is nearly full. */
export const STORAGE_WARNING_SHARE = 0.8;

/** How often at most the estimate is re-read while runs are written: it asks the browser to total every store. */
const REFRESH_MIN_INTERVAL_MS = 5_000;

/** What the browser says of the origin's storage (navigator.storage.estimate()). */
export interface StorageFigures {
  usage: number;
  quota: number;
}

/** The parts of the StorageManager this app uses; tests pass their own. */
export interface StorageApi {
  estimate(): Promise<StorageEstimate>;
  persisted(): Promise<boolean>;
  persist(): Promise<boolean>;
}

/** The browser's StorageManager, or null where there is none (an insecure context, an old browser). */
export function browserStorage(): StorageApi | null {
  return typeof navigator !== 'undefined' && navigator.storage && typeof navigator.storage.estimate === 'function' ? navigator.storage : null;
}

/** Used share of the quota, 0–1 (0 when the quota is unknown). */
export function usedShare(figures: StorageFigures): number {
  return figures.quota > 0 ? Math.min(1, figures.usage / figures.quota) : 0;
}

/** True past STORAGE_WARNING_SHARE of the quota. */
export function nearlyFull(figures: StorageFigures): boolean {
  return usedShare(figures) >= STORAGE_WARNING_SHARE;
}

/** Options of StorageMonitor. */
export interface StorageMonitorOptions {
  api: StorageApi | null;
  /** Re-reads caused by writes are at least this far apart (default 5 s). */
  minIntervalMs?: number;
}

/**
 * The origin's used and available storage, kept current: read on demand (the settings page opens) and, throttled,
 * after writes (changes()), so the top bar's warning follows the data without an estimate per write.
 */
export class StorageMonitor {
  private figures: StorageFigures | null = null;
  private readonly listeners = new Set<(figures: StorageFigures) => void>();
  private lastRead = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly minIntervalMs: number;

  constructor(private readonly options: StorageMonitorOptions) {
    this.minIntervalMs = options.minIntervalMs ?? REFRESH_MIN_INTERVAL_MS;
  }

  /** False where the browser does not report storage. */
  get supported(): boolean {
    return this.options.api !== null;
  }

  /** The last figures read (null before the first read). */
  get current(): StorageFigures | null {
    return this.figures;
  }

  /** Subscribes to new figures; returns the unsubscribe function. */
  subscribe(listener: (figures: StorageFigures) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the figures now. A failed read keeps the last figures (it is retried on the next change). */
  async refresh(): Promise<StorageFigures | null> {
    const api = this.options.api;
    if (!api) return null;
    this.lastRead = performance.now();
    try {
      const estimate = await api.estimate();
      this.figures = { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 };
    } catch (error) {
      console.error('Labbook: the browser did not say how much storage is used', error);
      return this.figures;
    }
    for (const listener of this.listeners) listener(this.figures);
    return this.figures;
  }

  /** Something was written or deleted: re-reads at most once per interval, the last change included. */
  changed(): void {
    if (this.timer !== null || !this.options.api) return;
    const wait = Math.max(0, this.lastRead + this.minIntervalMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, wait);
  }

  /** Stops a pending re-read. */
  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }
}
