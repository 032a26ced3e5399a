import { createSignal, For } from 'solid-js';
import type { PanelType } from '../model/workspace/workspaceState';
import { PANEL_KINDS } from './panels';

/** Props of AddPanelDialog. */
export interface AddPanelDialogProps {
  sections: { id: string; name: string }[];
  onAdd: (type: PanelType, section: { id: string } | { name: string }) => void;
  onClose: () => void;
}

/** Lists the panel kinds; the new panel goes to a chosen section (or a new one) and opens with its settings. */
export function AddPanelDialog(props: AddPanelDialogProps) {
  const [section, setSection] = createSignal(props.sections[0]?.id ?? '__new');
  const [newName, setNewName] = createSignal('charts');
  const target = () => (section() === '__new' ? { name: newName().trim() || 'charts' } : { id: section() });
  return (
    <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <div class="dialog" role="dialog" aria-label="Add panel" data-testid="add-panel-dialog">
        <h2>Add panel</h2>
        <label>
          to section{' '}
          <select value={section()} onChange={(e) => setSection(e.currentTarget.value)}>
            <For each={props.sections}>{(s) => <option value={s.id}>{s.name}</option>}</For>
            <option value="__new">new section…</option>
          </select>
          {section() === '__new' && <input value={newName()} aria-label="New section name" onInput={(e) => setNewName(e.currentTarget.value)} />}
        </label>
        <div class="panel-kinds">
          <For each={Object.values(PANEL_KINDS)}>
            {(kind) => (
              <button class="panel-kind" data-testid={`add-${kind.type}`} onClick={() => props.onAdd(kind.type, target())}>
                <b>{kind.label}</b>
                <span class="muted">{kind.description}</span>
              </button>
            )}
          </For>
        </div>
        <button onClick={() => props.onClose()}>Cancel</button>
      </div>
    </div>
  );
}
