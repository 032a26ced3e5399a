import { errorMessage } from '../lib/errorMessage';
import { createSignal, createUniqueId, Show, type JSX } from 'solid-js';
import { ModalDialog } from './ModalDialog';

/** Props of ConfirmDialog. */
export interface ConfirmDialogProps {
  title: string;
  testId: string;
  /** The confirm button's label ("Delete"); `busyLabel` while onConfirm runs ("Deleting…"). */
  confirmLabel: string;
  busyLabel: string;
  /** False while there is nothing to confirm yet (still reading) or nothing can be done. */
  canConfirm: boolean;
  /** Does the work; the dialog closes when it resolves and shows the message when it rejects. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
  children: JSX.Element;
}

/**
 * A modal question with Cancel and a destructive confirm button (see ModalDialog). Focus starts on Cancel, so a stray
 * Enter never confirms.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  let cancel!: HTMLButtonElement;
  const bodyId = createUniqueId();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      props.onClose();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <ModalDialog title={props.title} testId={props.testId} class="confirm-dialog" describedBy={bodyId} canClose={() => !busy()} onClose={props.onClose} initialFocus={() => cancel}>
      <div id={bodyId}>{props.children}</div>
      <Show when={error()}>
        <p class="field-error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="dialog-actions">
        <button ref={cancel} disabled={busy()} onClick={() => props.onClose()}>
          Cancel
        </button>
        <button class="danger" data-testid="confirm" disabled={!props.canConfirm || busy()} onClick={() => void confirm()}>
          {busy() ? props.busyLabel : props.confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
