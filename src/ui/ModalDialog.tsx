import { createUniqueId, onCleanup, onMount, type JSX } from 'solid-js';

/** Props of ModalDialog. */
export interface ModalDialogProps {
  title: string;
  testId: string;
  /** Whether Escape may close it now (not while it is doing what was asked). */
  canClose?: () => boolean;
  onClose: () => void;
  /** The element to focus when it opens (the first focusable one when absent). */
  initialFocus?: () => HTMLElement | undefined;
  class?: string;
  describedBy?: string;
  children: JSX.Element;
}

/**
 * A modal dialog on the browser's own <dialog>: showModal() keeps focus inside and makes the page behind inert, Escape
 * closes it, screen readers announce it with its title, and focus goes back where it was when it closes. The platform
 * does what a dialog library would (focus trap, inert page, Escape), so none is added for it.
 */
export function ModalDialog(props: ModalDialogProps) {
  let dialog!: HTMLDialogElement;
  const titleId = createUniqueId();
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  onMount(() => {
    dialog.showModal();
    props.initialFocus?.()?.focus();
  });
  onCleanup(() => {
    if (dialog.open) dialog.close();
    // The owner unmounts the dialog, so the focus it took is handed back explicitly.
    if (opener?.isConnected) opener.focus();
  });
  return (
    <dialog
      ref={dialog}
      class={`dialog ${props.class ?? ''}`}
      data-testid={props.testId}
      aria-labelledby={titleId}
      aria-describedby={props.describedBy}
      // Escape: closed by the owner (which unmounts this), not by the browser, so the two never disagree.
      onCancel={(e) => {
        e.preventDefault();
        if (props.canClose?.() ?? true) props.onClose();
      }}
      // A click on the backdrop lands on the dialog element itself.
      onClick={(e) => e.target === dialog && (props.canClose?.() ?? true) && props.onClose()}
    >
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
    </dialog>
  );
}
