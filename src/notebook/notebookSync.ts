import { errorMessage } from '../lib/errorMessage';
import type { Notebook } from '../model/notebook/notebook';
import { NotebookChangedError, type LabbookStore } from '../store/labbookStore';

/** Edits are saved this long after the last keystroke, and at once when the page is hidden or left. */
export const AUTOSAVE_MS = 300;
/** A save that failed (not a conflict) is tried again after this long, and with the next edit. */
export const SAVE_RETRY_MS = 5000;

/** Where this tab's copy of a notebook stands against the stored one, as the notebook's toolbar shows it. */
export type NotebookSyncState =
  | { kind: 'saved' }
  | { kind: 'unsaved' }
  /** The last save failed; the edits are kept in this tab and saving is retried. */
  | { kind: 'failed'; message: string }
  /** Another tab saved the notebook while this one had edits of its own: the user picks which to keep. */
  | { kind: 'conflict'; theirs: Notebook }
  /** Another tab deleted the notebook; this tab's copy is kept until the user saves it again or leaves. */
  | { kind: 'deleted' };

/** Options of NotebookSync. */
export interface NotebookSyncOptions {
  store: LabbookStore;
  notebookId: string;
  /** Told of every copy the tab should show: the first load, and another tab's save adopted while nothing was unsaved. */
  onNotebook: (notebook: Notebook) => void;
  onState: (state: NotebookSyncState) => void;
}

/**
 * Keeps one tab's copy of a notebook and the stored notebook in step. Edits are saved shortly after they are made,
 * each save conditional on the revision the copy came from, so that with the notebook open in two tabs neither
 * overwrites the other unseen: a tab with nothing unsaved takes the other tab's saves as they land, a tab with edits
 * of its own is told of the conflict and keeps both versions until the user chooses.
 */
export class NotebookSync {
  private revision: number | undefined;
  /** The copy this tab shows: the last one loaded, adopted or edited. */
  private current: Notebook | null = null;
  private unsaved: Notebook | null = null;
  private saving = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private state: NotebookSyncState = { kind: 'saved' };
  private readonly unsubscribe: () => void;

  constructor(private readonly options: NotebookSyncOptions) {
    this.unsubscribe = options.store.feed.subscribe((notice) => {
      if (notice.type === 'notebooks' && notice.notebookId === options.notebookId) void this.checkStored();
    });
  }

  /** Loads the stored notebook and hands it to onNotebook; undefined when there is none. */
  async load(): Promise<Notebook | undefined> {
    const stored = await this.options.store.getNotebook(this.options.notebookId);
    if (stored) this.adopt(stored);
    return stored;
  }

  /** Takes the tab's edited copy; it is saved AUTOSAVE_MS after the last edit. */
  edited(notebook: Notebook): void {
    this.current = notebook;
    this.unsaved = notebook;
    if (this.state.kind === 'saved') this.setState({ kind: 'unsaved' });
    this.schedule(AUTOSAVE_MS);
  }

  /** Saves what is unsaved now (the page is being hidden or left). */
  flush(): void {
    this.schedule(0);
  }

  /** Ends a conflict by taking the other tab's version, dropping this tab's edits. */
  takeTheirs(): void {
    if (this.state.kind !== 'conflict') return;
    this.unsaved = null;
    this.adopt(this.state.theirs);
  }

  /** Ends a conflict by saving this tab's version over the other tab's, or saves a notebook deleted elsewhere again. */
  keepMine(): void {
    if (this.state.kind !== 'conflict' && this.state.kind !== 'deleted') return;
    this.revision = this.state.kind === 'conflict' ? this.state.theirs.revision : undefined;
    this.unsaved ??= this.current;
    this.setState({ kind: 'unsaved' });
    this.schedule(0);
  }

  /** Stops listening for other tabs' saves (a last flush is the caller's to ask for first). */
  dispose(): void {
    this.unsubscribe();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (delayMs === 0) void this.save();
    else this.timer = setTimeout(() => void this.save(), delayMs);
  }

  private async save(): Promise<void> {
    this.timer = null;
    const notebook = this.unsaved;
    if (notebook === null || this.saving || this.waitsForUser()) return;
    this.saving = true;
    this.unsaved = null;
    try {
      const saved = await this.options.store.saveNotebook(notebook, { expectRevision: this.revision });
      this.revision = saved.revision;
      if (this.unsaved === null) this.setState({ kind: 'saved' });
    } catch (error) {
      // Edits made while the save was in flight are newer than the ones that failed.
      this.unsaved ??= notebook;
      if (error instanceof NotebookChangedError) this.setState(error.stored ? { kind: 'conflict', theirs: error.stored } : { kind: 'deleted' });
      else {
        this.setState({ kind: 'failed', message: `not saved: ${errorMessage(error)}` });
        this.timer = setTimeout(() => void this.save(), SAVE_RETRY_MS);
      }
    } finally {
      this.saving = false;
    }
    if (this.unsaved !== null && this.timer === null && !this.waitsForUser()) this.schedule(AUTOSAVE_MS);
  }

  /** Nothing is saved during a conflict or after a deletion elsewhere until the user chooses (takeTheirs, keepMine). */
  private waitsForUser(): boolean {
    return this.state.kind === 'conflict' || this.state.kind === 'deleted';
  }

  /** Looks at the stored notebook after a change notice: another tab's save is adopted, or becomes a conflict. */
  private async checkStored(): Promise<void> {
    const stored = await this.options.store.getNotebook(this.options.notebookId);
    // This tab's own save (or one it is making) needs nothing; save() reports a conflict it runs into itself.
    if (this.saving || stored?.revision === this.revision) return;
    if (!stored) this.setState({ kind: 'deleted' });
    else if (this.unsaved === null && !this.waitsForUser()) this.adopt(stored);
    else this.setState({ kind: 'conflict', theirs: stored });
  }

  private adopt(notebook: Notebook): void {
    this.current = notebook;
    this.revision = notebook.revision;
    this.options.onNotebook(notebook);
    this.setState({ kind: 'saved' });
  }

  private setState(state: NotebookSyncState): void {
    this.state = state;
    this.options.onState(state);
  }
}
