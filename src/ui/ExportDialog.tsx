import { createSignal, For, Show } from 'solid-js';
import { errorMessage } from '../lib/errorMessage';
import { formatBytes } from '../lib/formatBytes';
import { downloadFile } from './download';
import { ModalDialog } from './ModalDialog';

/** A format the dialog offers. */
export interface ExportChoice<F extends string> {
  value: F;
  label: string;
  description: string;
}

/** Props of ExportDialog. */
export interface ExportDialogProps<F extends string> {
  /** What is exported, for the title: "3 runs", "project quickstart", "everything". */
  subject: string;
  formats: readonly ExportChoice<F>[];
  /** Writes the export, reporting runs written; the dialog hands the file to the browser's downloads. */
  write: (format: F, onProgress: (done: number, total: number) => void) => Promise<{ blob: Blob; fileName: string; runs: number }>;
  onClose: () => void;
}

type Stage = { kind: 'choosing' } | { kind: 'writing'; done: number; total: number } | { kind: 'done'; fileName: string; bytes: number; runs: number } | { kind: 'failed'; message: string };

/**
 * "Export…": pick a format, watch a progress bar a run at a time, get the file in the browser's downloads with its
 * name, size and run count shown. Closing is refused while it writes (the file would be lost half made).
 */
export function ExportDialog<F extends string>(props: ExportDialogProps<F>) {
  const [format, setFormat] = createSignal<F>(props.formats[0]!.value);
  const [stage, setStage] = createSignal<Stage>({ kind: 'choosing' });
  let close!: HTMLButtonElement;
  const run = async () => {
    setStage({ kind: 'writing', done: 0, total: 0 });
    try {
      const file = await props.write(format(), (done, total) => setStage({ kind: 'writing', done, total }));
      downloadFile(file.fileName, file.blob, file.blob.type);
      setStage({ kind: 'done', fileName: file.fileName, bytes: file.blob.size, runs: file.runs });
    } catch (error) {
      setStage({ kind: 'failed', message: errorMessage(error) });
    }
    // Export was disabled while it wrote, which took focus from it: Close is where the outcome is read from.
    close.focus();
  };
  const writing = () => stage().kind === 'writing';
  return (
    <ModalDialog title={`Export ${props.subject}`} testId="export-dialog" class="export-dialog" canClose={() => !writing()} onClose={props.onClose}>
      <fieldset class="export-formats" disabled={writing()}>
        <legend>Format</legend>
        <For each={props.formats}>
          {(choice) => (
            <label class="export-format">
              <input type="radio" name="export-format" value={choice.value} checked={format() === choice.value} onChange={() => setFormat(() => choice.value)} data-testid={`export-format-${choice.value}`} />
              <span>
                <b>{choice.label}</b>
                <span class="muted"> — {choice.description}</span>
              </span>
            </label>
          )}
        </For>
      </fieldset>
      {/* One live region for every stage, so a screen reader hears each change. */}
      <div role="status" aria-live="polite">
      <Show when={stage()} keyed>
        {(now) => {
          switch (now.kind) {
            case 'writing':
              return (
                <p class="export-progress">
                  <progress max={Math.max(1, now.total)} value={now.done} aria-label="Export progress" /> {now.total === 0 ? 'Reading runs…' : `Run ${now.done} of ${now.total}`}
                </p>
              );
            case 'done':
              return (
                <p data-testid="export-done">
                  Saved <b>{now.fileName}</b> ({formatBytes(now.bytes)}, {now.runs} {now.runs === 1 ? 'run' : 'runs'}) to your downloads.
                </p>
              );
            case 'failed':
              return (
                <p class="field-error" role="alert">
                  The export failed: {now.message}
                </p>
              );
            default:
              return null;
          }
        }}
      </Show>
      </div>
      <div class="dialog-actions">
        <button ref={close} disabled={writing()} onClick={() => props.onClose()}>
          {stage().kind === 'done' ? 'Close' : 'Cancel'}
        </button>
        <button class="primary" data-testid="export-start" disabled={writing()} onClick={() => void run()}>
          {writing() ? 'Exporting…' : 'Export'}
        </button>
      </div>
    </ModalDialog>
  );
}
