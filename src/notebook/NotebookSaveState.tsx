import { Match, Show, Switch } from 'solid-js';
import type { NotebookSyncState } from './notebookSync';

/** The word on saving beside the notebook's name; always this short, so the toolbar never reflows as it changes. */
const SAVE_WORDS: Record<NotebookSyncState['kind'], string> = {
  saved: 'saved',
  unsaved: 'saving…',
  failed: 'not saved',
  conflict: 'not saved',
  deleted: 'not saved',
};

/** The notebook toolbar's word on saving: quiet while all is saved; what went wrong shows in NotebookSaveProblem. */
export function SaveStatus(props: { state: NotebookSyncState }) {
  return (
    <span class={`save-status save-${props.state.kind}`} data-testid="save-status" role="status">
      {SAVE_WORDS[props.state.kind]}
    </span>
  );
}

/** Props of NotebookSaveProblem. */
export interface NotebookSaveProblemProps {
  state: NotebookSyncState;
  onTakeTheirs: () => void;
  onKeepMine: () => void;
}

/**
 * Why the notebook is not saved, under the toolbar: a save that failed (retried on its own), or another tab that saved
 * or deleted the notebook while this tab had edits of its own, where the user decides.
 */
export function NotebookSaveProblem(props: NotebookSaveProblemProps) {
  return (
    <Switch>
      <Match when={props.state.kind === 'failed' && props.state}>
        {(failed) => (
          <div class="alert notebook-save-problem" role="alert" data-testid="save-failed">
            {failed().message}. Your edits are kept in this tab, and saving is tried again.
          </div>
        )}
      </Match>
      <Match when={props.state.kind === 'conflict' || props.state.kind === 'deleted'}>
        <div class="alert notebook-save-problem" role="alert" data-testid="notebook-conflict">
          <Show
            when={props.state.kind === 'conflict'}
            fallback={
              <>
                This notebook was deleted in another tab. Its cells are still here; nothing is saved until you choose.{' '}
                <button data-testid="keep-mine" onClick={() => props.onKeepMine()}>
                  Keep this notebook
                </button>
              </>
            }
          >
            This notebook was changed in another tab while you edited it here. Nothing is saved until you choose.{' '}
            <button data-testid="take-theirs" onClick={() => props.onTakeTheirs()}>
              Load the other tab's version
            </button>{' '}
            <button data-testid="keep-mine" onClick={() => props.onKeepMine()}>
              Keep this tab's version
            </button>
          </Show>
        </div>
      </Match>
    </Switch>
  );
}
