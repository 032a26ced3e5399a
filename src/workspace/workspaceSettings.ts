import { createSignal, type Accessor } from 'solid-js';
import { reviveWorkspace, workspaceReducer, type WorkspaceEdit, type WorkspaceState } from '../model/workspace/workspaceState';
import type { LabbookStore } from '../store/labbookStore';
import { projectSettingKey } from '../store/settingKeys';
import { errorMessage } from '../lib/errorMessage';
import { reportProblem } from '../ui/problems';

/** The settings key a project's workspace is saved under (the store deletes it with the project). */
function workspaceSettingKey(project: string): string {
  return projectSettingKey('workspace', project);
}

/**
 * A project's workspace: loaded from the store, changed through the reducer, saved at once after each change (one
 * write at a time; edits made while a write is in flight are saved right after it), so a reload a moment after an
 * edit still finds it. A brush dragged across an axis makes a handful of writes, not one per mouse move: only its
 * release is an edit.
 */
export function createWorkspaceSettings(store: LabbookStore, project: string): { state: Accessor<WorkspaceState | null>; dispatch: (edit: WorkspaceEdit) => void } {
  const [state, setState] = createSignal<WorkspaceState | null>(null);
  let writing = false;
  let dirty = false;
  const save = () => {
    const current = state();
    if (!dirty || writing || !current) return;
    dirty = false;
    writing = true;
    void store
      .setSetting(workspaceSettingKey(project), current)
      .catch((error: unknown) => reportProblem(`the workspace of ${project} could not be saved: ${errorMessage(error)}`))
      .finally(() => {
        writing = false;
        save();
      });
  };
  void store.getSetting<unknown>(workspaceSettingKey(project)).then((stored) => setState(reviveWorkspace(stored)));
  const dispatch = (edit: WorkspaceEdit) => {
    const current = state();
    if (!current) return;
    const next = workspaceReducer(current, edit);
    if (next === current) return;
    setState(next);
    dirty = true;
    // Coalesces the edits of one task (a click that hides several runs) into one write.
    queueMicrotask(save);
  };
  return { state, dispatch };
}
