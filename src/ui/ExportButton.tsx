import { createSignal, Show } from 'solid-js';
import { ExportDialog, type ExportDialogProps } from './ExportDialog';

/** Props of ExportButton: the dialog's, and the button's label and test id. */
export type ExportButtonProps<F extends string> = Omit<ExportDialogProps<F>, 'onClose'> & { label: string; testId: string; class?: string; title?: string };

/** A button that opens the export dialog for what its owner names. */
export function ExportButton<F extends string>(props: ExportButtonProps<F>) {
  const [open, setOpen] = createSignal(false);
  return (
    <>
      <button class={props.class ?? 'link'} data-testid={props.testId} title={props.title ?? `Export ${props.subject}: a Labbook bundle, CSV, Feather, TensorBoard or MLflow`} onClick={() => setOpen(true)}>
        {props.label}
      </button>
      <Show when={open()}>
        <ExportDialog subject={props.subject} formats={props.formats} write={props.write} onClose={() => setOpen(false)} />
      </Show>
    </>
  );
}
