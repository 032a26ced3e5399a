import { errorMessage } from '../lib/errorMessage';
import { createSignal, createUniqueId, onCleanup, onMount, Show, type JSX } from 'solid-js';

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
 * A modal question with Cancel and a destructive confirm button, on the browser's own <dialog>: showModal() keeps focus
 * inside and makes the page behind inert, Escape cancels, and screen readers announce it as a dialog with its title.
 * Focus starts on Cancel, so a stray Enter never confirms.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  let dialog!: HTMLDialogElement;
  let cancel!: HTMLButtonElement;
  const titleId = createUniqueId();
  const bodyId = createUniqueId();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  onMount(() => {
    dialog.showModal();
    cancel.focus();
  });
  onCleanup(() => dialog.open && dialog.close());
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
    <dialog
      ref={dialog}
      class="dialog confirm-dialog"
      data-testid={props.testId}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      // Escape: closed by the owner (which unmounts this), not by the browser, so the two never disagree; not mid-work.
      onCancel={(e) => {
        e.preventDefault();
        if (!busy()) props.onClose();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
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
    </dialog>
  );
}
