import { Show } from 'solid-js';
import type { LabbookStore } from '../store/labbookStore';
import { DeleteProjectDialog } from '../ui/DeletionDialogs';

/** A table row's "Delete…" for a project; the page owns the dialog, so a re-read of its list does not close it. */
export function DeleteProjectButton(props: { project: string; onClick: () => void }) {
  return (
    <button class="link danger-link" data-testid="delete-project" aria-label={`Delete project ${props.project}`} onClick={() => props.onClick()}>
      Delete…
    </button>
  );
}

/** Props of ProjectDeletion. */
export interface ProjectDeletionProps {
  store: LabbookStore;
  /** The project asked about; null while no deletion is asked for. */
  project: string | null;
  onClose: () => void;
  /** Called once the project is deleted. */
  onDeleted?: () => void;
}

/** The confirmation for deleting a project, open while `project` is set. */
export function ProjectDeletion(props: ProjectDeletionProps) {
  return (
    <Show when={props.project} keyed>
      {(project) => (
        <DeleteProjectDialog
          project={project}
          preview={() => props.store.previewProjectDeletion(project)}
          remove={async () => {
            await props.store.deleteProject(project);
            props.onDeleted?.();
          }}
          onClose={props.onClose}
        />
      )}
    </Show>
  );
}
