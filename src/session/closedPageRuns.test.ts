import { describe, expect, it } from 'vitest';
import { CLOSED_PAGE_RUNS_KEY, noteRunsOfClosingPage, takeRunsOfClosedPages, type NoteStorage } from './closedPageRuns';

function mapStorage(): NoteStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return { values, getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value), removeItem: (key) => void values.delete(key) };
}

describe('closed page notes', () => {
  it('noteRunsOfClosingPage(storage, ids) adds to what other closing pages noted, each id once; takeRunsOfClosedPages takes and clears', () => {
    const storage = mapStorage();
    noteRunsOfClosingPage(storage, ['a', 'b']);
    noteRunsOfClosingPage(storage, ['b', 'c']);
    expect(takeRunsOfClosedPages(storage)).toEqual(['a', 'b', 'c']);
    expect(storage.values.has(CLOSED_PAGE_RUNS_KEY)).toBe(false);
    expect(takeRunsOfClosedPages(storage)).toEqual([]);
  });

  it('noteRunsOfClosingPage(storage, []) writes nothing, so other tabs get no storage event for a page with no runs', () => {
    const storage = mapStorage();
    noteRunsOfClosingPage(storage, []);
    expect(storage.values.size).toBe(0);
  });

  it('takeRunsOfClosedPages drops a note that is not a list of ids (written by something else) without throwing', () => {
    const storage = mapStorage();
    storage.setItem(CLOSED_PAGE_RUNS_KEY, '{not json');
    expect(takeRunsOfClosedPages(storage)).toEqual([]);
    storage.setItem(CLOSED_PAGE_RUNS_KEY, JSON.stringify(['ok', 3, null]));
    expect(takeRunsOfClosedPages(storage)).toEqual(['ok']);
    expect(storage.values.size).toBe(0);
  });
});
