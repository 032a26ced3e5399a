import { Match, Show, Switch } from 'solid-js';
import type { NotebookSyncState } from './notebookSync';

/** The notebook toolbar's word on saving: quiet while all is saved, loud when a save failed. */
export function SaveStatus(props: { state: NotebookSyncState }) {
  return (
    <span class={`save-status save-${props.state.kind}`} data-testid="save-status" role="status">
      <Switch>
        <Match when={props.state.kind === 'saved'}>saved</Match>
        <Match when={props.state.kind === 'unsaved'}>saving…</Match>
        <Match when={props.state.kind === 'failed' && props.state}>{(failed) => `${failed().message} (your edits are kept in this tab; retrying)`}</Match>
        <Match when={props.state.kind === 'conflict'}>not saved: changed in another tab</Match>
        <Match when={props.state.kind === 'deleted'}>not saved: deleted in another tab</Match>
      </Switch>
    </span>
  );
}

/** Props of NotebookConflict. */
export interface NotebookConflictProps {
  state: NotebookSyncState;
  onTakeTheirs: () => void;
  onKeepMine: () => void;
}

/** What the user decides when another tab saved or deleted the notebook while this tab had edits of its own. */
export function NotebookConflict(props: NotebookConflictProps) {
  return (
    <Show when={props.state.kind === 'conflict' || props.state.kind === 'deleted'}>
      <div class="alert notebook-conflict" role="alert" data-testid="notebook-conflict">
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
    </Show>
  );
}
