import { createSignal, For } from 'solid-js';
import type { PanelType } from '../model/workspace/workspaceState';
import { ModalDialog } from '../ui/ModalDialog';
import { PANEL_KINDS } from './panels';

/** Props of AddPanelDialog. */
export interface AddPanelDialogProps {
  sections: { id: string; name: string }[];
  onAdd: (type: PanelType, section: { id: string } | { name: string }) => void;
  onClose: () => void;
}

/** Lists the panel kinds; the new panel goes to a chosen section (or a new one) and opens with its settings. A modal dialog (see ModalDialog). */
export function AddPanelDialog(props: AddPanelDialogProps) {
  const [section, setSection] = createSignal(props.sections[0]?.id ?? '__new');
  const [newName, setNewName] = createSignal('charts');
  const target = () => (section() === '__new' ? { name: newName().trim() || 'charts' } : { id: section() });
  let sectionSelect!: HTMLSelectElement;
  return (
    <ModalDialog title="Add panel" testId="add-panel-dialog" onClose={props.onClose} initialFocus={() => sectionSelect}>
      <label>
        to section{' '}
        <select ref={sectionSelect} value={section()} onChange={(e) => setSection(e.currentTarget.value)}>
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
    </ModalDialog>
  );
}
