import { errorMessage } from '../lib/errorMessage';
import { createSignal, Show, type Accessor } from 'solid-js';
import { ConfirmDialog } from './ConfirmDialog';
import { projectDeletionQuestion, runningNote, runsDeletionQuestion, type DeletionSummary } from './deletionText';

/** Props of DeleteRunsDialog. */
export interface DeleteRunsDialogProps {
  /** Reads what would go (the store's previewRunDeletion). */
  preview: () => Promise<DeletionSummary>;
  /** Deletes these runs (the store's deleteRuns): those of the preview that are not running. */
  remove: (runIds: string[]) => Promise<void>;
  onClose: () => void;
}

/** Asks before deleting runs, naming them and the history that goes with them; running runs are kept and said so. */
export function DeleteRunsDialog(props: DeleteRunsDialogProps) {
  const { summary, error } = readSummary(props.preview);
  return (
    <ConfirmDialog
      title="Delete runs"
      testId="delete-runs-dialog"
      confirmLabel="Delete"
      busyLabel="Deleting…"
      canConfirm={(summary()?.runs.length ?? 0) > 0}
      onConfirm={() => props.remove(summary()!.runs.map((r) => r.id))}
      onClose={props.onClose}
    >
      <SummaryText summary={summary()} error={error()} question={runsDeletionQuestion} note={(s) => runningNote(s, 'kept')} />
    </ConfirmDialog>
  );
}

/** Props of DeleteProjectDialog. */
export interface DeleteProjectDialogProps {
  project: string;
  /** Reads what would go (the store's previewProjectDeletion). */
  preview: () => Promise<DeletionSummary>;
  /** Deletes the project (the store's deleteProject). */
  remove: () => Promise<void>;
  onClose: () => void;
}

/** Asks before deleting a project, naming its runs and their history; refused while one of its runs is running. */
export function DeleteProjectDialog(props: DeleteProjectDialogProps) {
  const { summary, error } = readSummary(props.preview);
  return (
    <ConfirmDialog
      title="Delete project"
      testId="delete-project-dialog"
      confirmLabel="Delete project"
      busyLabel="Deleting…"
      canConfirm={summary() !== undefined && summary()!.running.length === 0}
      onConfirm={props.remove}
      onClose={props.onClose}
    >
      <SummaryText summary={summary()} error={error()} question={(s) => projectDeletionQuestion(props.project, s)} note={(s) => runningNote(s, 'blocks')} />
    </ConfirmDialog>
  );
}

/** Reads the preview once, when the dialog opens. */
function readSummary(preview: () => Promise<DeletionSummary>): { summary: Accessor<DeletionSummary | undefined>; error: Accessor<string | null> } {
  const [summary, setSummary] = createSignal<DeletionSummary>();
  const [error, setError] = createSignal<string | null>(null);
  preview().then(setSummary, (failure: unknown) => setError(errorMessage(failure)));
  return { summary, error };
}

/** Props of SummaryText. */
interface SummaryTextProps {
  summary: DeletionSummary | undefined;
  error: string | null;
  question: (summary: DeletionSummary) => string;
  note: (summary: DeletionSummary) => string | null;
}

/** The question, what stops part of it, and that nothing can bring it back. */
function SummaryText(props: SummaryTextProps) {
  return (
    <Show when={props.summary} fallback={<p class="muted">{props.error ? `Cannot read what would be deleted: ${props.error}` : 'Reading what would be deleted…'}</p>}>
      {(summary) => (
        <>
          <p data-testid="deletion-question">{props.question(summary())}</p>
          <Show when={props.note(summary())}>
            <p class="deletion-note" data-testid="deletion-note">
              {props.note(summary())}
            </p>
          </Show>
          <p class="muted">This cannot be undone: the data is removed from this browser's storage.</p>
        </>
      )}
    </Show>
  );
}
