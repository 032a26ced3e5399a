/** The Web Storage key under which a closing page leaves the ids of the runs it was writing. */
export const CLOSED_PAGE_RUNS_KEY = 'labbook:runs-of-closed-pages';

/** Why a run ended crashed when its page was closed or reloaded while it ran. */
export const PAGE_CLOSED_MESSAGE = 'the tab was closed or reloaded while the run was running';

/** The part of Web Storage (localStorage) these notes need; tests pass a Map-backed one. */
export type NoteStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * Notes, while a page unloads, the runs it was writing. An IndexedDB write begun in `pagehide` is dropped when the
 * page goes (measured in Chromium 156: a reload lost it every time), but a localStorage write is synchronous and
 * lasts; any tab then ends those runs (takeRunsOfClosedPages), and other open tabs hear of it at once through the
 * `storage` event.
 */
export function noteRunsOfClosingPage(storage: NoteStorage, runIds: readonly string[]): void {
  if (runIds.length === 0) return;
  storage.setItem(CLOSED_PAGE_RUNS_KEY, JSON.stringify([...new Set([...readNote(storage), ...runIds])]));
}

/** Takes (and clears) the runs closed pages left noted; a note that is not a list of ids is dropped. */
export function takeRunsOfClosedPages(storage: NoteStorage): string[] {
  if (storage.getItem(CLOSED_PAGE_RUNS_KEY) === null) return [];
  const runIds = readNote(storage);
  storage.removeItem(CLOSED_PAGE_RUNS_KEY);
  return runIds;
}

function readNote(storage: NoteStorage): string[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(CLOSED_PAGE_RUNS_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/** Where a tab keeps and hears of closing pages' notes: localStorage and its `storage` event in the app. */
export interface PageNotes {
  storage: NoteStorage;
  /** Calls `onNote` when another tab leaves a note; returns the unsubscribe function. */
  subscribe: (onNote: () => void) => () => void;
}
