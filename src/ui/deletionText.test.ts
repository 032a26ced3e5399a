import { describe, expect, it } from 'vitest';
import { projectDeletionQuestion, runningNote, runsDeletionQuestion, type DeletionSummary } from './deletionText';

const runs = (...names: string[]) => names.map((name) => ({ id: `id-${name}`, name }));
const summary = (fields: Partial<DeletionSummary>): DeletionSummary => ({ runs: [], running: [], series: 0, points: 0, bytes: 0, ...fields });

describe('runsDeletionQuestion', () => {
  it('runsDeletionQuestion names every run and how much history goes with them', () => {
    expect(runsDeletionQuestion(summary({ runs: runs('brave-fox-1', 'calm-owl-2', 'swift-elk-3'), series: 12, points: 1600, bytes: 4_200_000 }))).toBe(
      'Delete 3 runs: brave-fox-1, calm-owl-2 and swift-elk-3, and their history (12 metrics, 1,600 points, about 4.2 MB)?',
    );
  });

  it('runsDeletionQuestion speaks of one run in the singular, and says when it logged nothing', () => {
    expect(runsDeletionQuestion(summary({ runs: runs('a'), series: 1, points: 1, bytes: 9 }))).toBe('Delete the run a and its history (1 metric, 1 point, about 9 B)?');
    expect(runsDeletionQuestion(summary({ runs: runs('a') }))).toBe('Delete the run a and its history (none logged)?');
  });

  it('runsDeletionQuestion names five runs of many and counts the rest', () => {
    const many = runs(...Array.from({ length: 12 }, (_, i) => `r${i}`));
    expect(runsDeletionQuestion(summary({ runs: many }))).toBe('Delete 12 runs: r0, r1, r2, r3, r4 and 7 more, and their history (none logged)?');
  });

  it('runsDeletionQuestion says there is nothing to delete when every run asked for is kept', () => {
    expect(runsDeletionQuestion(summary({ running: [{ name: 'a', here: true }] }))).toBe('Nothing to delete.');
  });
});

describe('projectDeletionQuestion', () => {
  it('projectDeletionQuestion names the project, its runs, their history and its workspace', () => {
    expect(projectDeletionQuestion('mnist', summary({ runs: runs('a', 'b'), series: 4, points: 4000, bytes: 36_000 }))).toBe(
      'Delete the project mnist with 2 runs (a and b) and their history (4 metrics, 4,000 points, about 36 kB), and its saved workspace?',
    );
    expect(projectDeletionQuestion('empty', summary({}))).toBe('Delete the project empty with no runs, and its saved workspace?');
  });
});

describe('runningNote', () => {
  it('runningNote is null when nothing is running', () => {
    expect(runningNote(summary({ runs: runs('a') }), 'kept')).toBeNull();
  });

  it('runningNote tells how to end a run of this tab and runs of other tabs', () => {
    const note = runningNote(summary({ running: [{ name: 'mine', here: true }, { name: 'x', here: false }, { name: 'y', here: false }] }), 'kept');
    expect(note).toBe(
      'Running runs are kept. mine is still running in this tab: stop its cell (or let it finish) first. x and y are still running in other tabs: stop them there, or, if those tabs were closed, wait until they are marked crashed.',
    );
  });

  it('runningNote for a project says the running run blocks the whole deletion', () => {
    expect(runningNote(summary({ running: [{ name: 'mine', here: true }] }), 'blocks')).toBe(
      'A project cannot be deleted while any of its runs is running. mine is still running in this tab: stop its cell (or let it finish) first.',
    );
  });
});
