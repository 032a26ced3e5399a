import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { reviveWorkspace, workspaceReducer, type WorkspaceEdit, type WorkspaceState } from '../model/workspaceState';
import type { LabbookStore } from '../store/labbookStore';

/** Edits are saved this long after the last one (dragging a brush makes dozens a second), and when the page goes. */
const SAVE_AFTER_MS = 400;

/** The settings key a project's workspace is saved under. */
export function workspaceSettingKey(project: string): string {
  return `workspace:${project}`;
}

/** A project's workspace: loaded from the store, changed through the reducer, saved shortly after each change. */
export function createWorkspaceSettings(store: LabbookStore, project: string): { state: Accessor<WorkspaceState | null>; dispatch: (edit: WorkspaceEdit) => void } {
  const [state, setState] = createSignal<WorkspaceState | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    if (timer === null) return;
    clearTimeout(timer);
    timer = null;
    const current = state();
    if (current) void store.setSetting(workspaceSettingKey(project), current);
  };
  void store.getSetting<unknown>(workspaceSettingKey(project)).then((stored) => setState(reviveWorkspace(stored)));
  window.addEventListener('pagehide', save);
  onCleanup(() => {
    window.removeEventListener('pagehide', save);
    save();
  });
  const dispatch = (edit: WorkspaceEdit) => {
    const current = state();
    if (!current) return;
    const next = workspaceReducer(current, edit);
    if (next === current) return;
    setState(next);
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(save, SAVE_AFTER_MS);
  };
  return { state, dispatch };
}
