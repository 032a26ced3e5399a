/** What changed in the store; views re-read only the part a notice names. */
export type ChangeNotice =
  | { type: 'projects' }
  | { type: 'runs'; project: string; runIds: string[] }
  | { type: 'history'; runId: string; metrics: string[] }
  | { type: 'media'; hash: string }
  | { type: 'settings'; key: string }
  | { type: 'notebooks'; notebookId: string };

/** Listener of change notices. */
export type ChangeListener = (notice: ChangeNotice) => void;

const CHANNEL_NAME = 'labbook:changes';

/**
 * Delivers change notices to listeners in this tab and, over a BroadcastChannel, in every other tab of the origin
 * (a BroadcastChannel does not echo to its own sender, so local listeners are called directly).
 */
export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  private readonly channel: BroadcastChannel | null;

  constructor(channelName = CHANNEL_NAME) {
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(channelName);
    this.channel?.addEventListener('message', (event: MessageEvent<ChangeNotice>) => this.deliver(event.data));
  }

  /** Announces a change here and in other tabs. */
  post(notice: ChangeNotice): void {
    this.deliver(notice);
    this.channel?.postMessage(notice);
  }

  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes to new points of one metric of one run; returns the unsubscribe function. */
  onHistory(runId: string, metric: string, onChange: () => void): () => void {
    return this.subscribe((notice) => {
      if (notice.type === 'history' && notice.runId === runId && notice.metrics.includes(metric)) onChange();
    });
  }

  /** Subscribes to changes of one run's record (state, summary, config…); returns the unsubscribe function. */
  onRun(runId: string, onChange: () => void): () => void {
    return this.subscribe((notice) => {
      if (notice.type === 'runs' && notice.runIds.includes(runId)) onChange();
    });
  }

  /** Subscribes to a run logging a metric not in `known()` yet (new points of known metrics are not reported). */
  onNewMetric(runId: string, known: () => readonly string[], onChange: () => void): () => void {
    return this.subscribe((notice) => {
      if (notice.type === 'history' && notice.runId === runId && notice.metrics.some((m) => !known().includes(m))) onChange();
    });
  }

  /** Stops listening to other tabs. */
  close(): void {
    this.channel?.close();
    this.listeners.clear();
  }

  private deliver(notice: ChangeNotice): void {
    for (const listener of this.listeners) listener(notice);
  }
}
