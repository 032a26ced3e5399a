import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { BundleError } from '../exchange/bundle/bundleError';
import { findConflicts, ImportFailedError, importBundle, type ConflictChoice, type ImportResult, type RunConflict } from '../exchange/bundle/importBundle';
import { readBundle, type CheckedBundle } from '../exchange/bundle/readBundle';
import type { TensorBoardImport } from '../exchange/tensorboardImport';
import { errorMessage } from '../lib/errorMessage';
import { formatBytes } from '../lib/formatBytes';
import type { LabbookStore } from '../store/labbookStore';
import { formatAgo } from '../ui/format';
import { ModalDialog } from '../ui/ModalDialog';
import { importLogdir, TensorBoardImportResult } from './TensorBoardImportResult';

/** What the user dropped or picked: a file (a bundle, or a stray file the check refuses) or a TensorBoard log folder. */
export type ImportSource = { kind: 'file'; file: File } | { kind: 'logdir'; files: { path: string; file: File }[] };

type Stage =
  | { kind: 'checking'; bytes: number; total: number }
  | { kind: 'ready'; bundle: CheckedBundle; conflicts: RunConflict[] }
  | { kind: 'writing'; done: number; total: number }
  | { kind: 'imported'; result: ImportResult }
  | { kind: 'logdir'; result: TensorBoardImport; project: string }
  | { kind: 'refused'; message: string }
  | { kind: 'failed'; message: string };

/** Why an import stopped, in words: what failed, and what it means for the store. */
function failureText(source: ImportSource, error: unknown, writing: boolean): string {
  if (source.kind === 'logdir') return `The logs could not be opened: ${errorMessage(error)}. Runs opened before the error stay.`;
  if (!writing) return `The bundle could not be read: ${errorMessage(error)}. Nothing was written.`;
  if (!(error instanceof ImportFailedError)) return `The import stopped: ${errorMessage(error)}.`;
  const undone = error.undoFailure === null ? 'What it had written was removed again.' : `Removing what it had written failed too (${error.undoFailure}): check the projects list.`;
  const replaced = error.replaced > 0 ? ` The ${error.replaced} runs it had already replaced are gone.` : '';
  return `The import stopped: ${error.message}. ${undone}${replaced}`;
}

const CHOICES: { value: ConflictChoice; label: string }[] = [
  { value: 'skip', label: 'Skip them: keep the runs that are here' },
  { value: 'replace', label: 'Replace them with the bundle’s' },
  { value: 'copy', label: 'Import copies with new ids' },
];
/** Conflicting runs listed by name; the rest are counted. */
const LISTED_CONFLICTS = 8;

/**
 * Importing a bundle: every byte is checked first (a progress bar over the bytes), then what the bundle holds is
 * shown, with the runs already here and a choice for them, and only "Import" writes (a progress bar over the runs).
 * A bundle that fails its check changes nothing and says which file and field are wrong. A TensorBoard log folder is
 * imported at once (it only adds runs).
 */
export function ImportDialog(props: { store: LabbookStore; source: ImportSource; onClose: () => void }) {
  const [stage, setStage] = createSignal<Stage>({ kind: 'checking', bytes: 0, total: 0 });
  const [choice, setChoice] = createSignal<ConflictChoice>('skip');
  let close!: HTMLButtonElement;
  // Checking writes nothing, so it may be cancelled: closing stops it between files.
  const checking = new AbortController();
  onCleanup(() => checking.abort());
  // The button that had focus (Import) goes away when the work starts: focus moves to Close, read with the outcome.
  const finish = (next: Stage) => {
    setStage(next);
    close.focus();
  };
  onMount(() => void start());
  const start = async () => {
    const source = props.source;
    try {
      if (source.kind === 'logdir') {
        const { result, project } = await importLogdir(props.store, source.files);
        finish({ kind: 'logdir', result, project });
        return;
      }
      const bundle = await readBundle(source.file, ({ bytes, total }) => setStage({ kind: 'checking', bytes, total }), checking.signal);
      setStage({ kind: 'ready', bundle, conflicts: await findConflicts(props.store, bundle) });
    } catch (error) {
      if (checking.signal.aborted) return;
      finish(error instanceof BundleError ? { kind: 'refused', message: error.message } : { kind: 'failed', message: failureText(source, error, false) });
    }
  };
  const write = async (bundle: CheckedBundle) => {
    setStage({ kind: 'writing', done: 0, total: bundle.runs.length });
    close.focus();
    try {
      const result = await importBundle(props.store, bundle, choice(), (done, total) => setStage({ kind: 'writing', done, total }));
      finish({ kind: 'imported', result });
    } catch (error) {
      finish({ kind: 'failed', message: failureText(props.source, error, true) });
    }
  };
  const busy = () => stage().kind === 'writing' || (props.source.kind === 'logdir' && stage().kind === 'checking');
  /** Stored runs that are running cannot be replaced: the choice is refused before anything is written. */
  const blockedReplace = () => {
    const now = stage();
    return now.kind === 'ready' && choice() === 'replace' ? now.conflicts.filter((conflict) => conflict.stored.state === 'running') : [];
  };
  const title = () => (props.source.kind === 'logdir' ? 'Open TensorBoard logs' : `Import ${props.source.file.name}`);
  return (
    <ModalDialog title={title()} testId="import-dialog" class="import-dialog" canClose={() => !busy()} onClose={props.onClose}>
      {/* One live region for every stage, so a screen reader hears each change (a region made anew may go unread). */}
      <div role="status" aria-live="polite" class="import-stage">
      <Show when={stage()} keyed>
        {(now) => {
          switch (now.kind) {
            case 'checking':
              return (
                <p>
                  <progress max={Math.max(1, now.total)} value={now.bytes} aria-label="Checking the bundle" />{' '}
                  {props.source.kind === 'logdir' ? `Reading ${props.source.files.length} files…` : `Checking ${formatBytes(now.bytes)} of ${formatBytes(now.total)}…`}
                </p>
              );
            case 'ready':
              return <BundleSummary bundle={now.bundle} conflicts={now.conflicts} choice={choice()} onChoice={setChoice} />;
            case 'writing':
              return (
                <p>
                  <progress max={Math.max(1, now.total)} value={now.done} aria-label="Import progress" /> Writing run {now.done} of {now.total}…
                </p>
              );
            case 'imported':
              return <ImportedRuns result={now.result} />;
            case 'logdir':
              return <TensorBoardImportResult result={now.result} project={now.project} />;
            case 'refused':
              return (
                <p class="field-error" role="alert" data-testid="import-refused">
                  This is not a bundle Labbook can import, so nothing was changed: {now.message}.
                </p>
              );
            case 'failed':
              return (
                <p class="field-error" role="alert" data-testid="import-failed">
                  {now.message}
                </p>
              );
          }
        }}
      </Show>
      </div>
      <Show when={blockedReplace().length > 0}>
        <p class="field-error" role="alert">
          {blockedReplace()
            .map((conflict) => conflict.stored.name)
            .join(', ')}{' '}
          {blockedReplace().length === 1 ? 'is' : 'are'} still running here: a running run cannot be replaced. Skip them, or import copies.
        </p>
      </Show>
      <div class="dialog-actions">
        <button ref={close} disabled={busy()} onClick={() => props.onClose()}>
          {stage().kind === 'ready' ? 'Cancel' : 'Close'}
        </button>
        <Show when={stage().kind === 'ready' && stage()} keyed>
          {(ready) =>
            ready.kind === 'ready' && (
              <button class="primary" data-testid="import-start" disabled={blockedReplace().length > 0} onClick={() => void write(ready.bundle)}>
                Import
              </button>
            )
          }
        </Show>
      </div>
    </ModalDialog>
  );
}

function BundleSummary(props: { bundle: CheckedBundle; conflicts: RunConflict[]; choice: ConflictChoice; onChoice: (choice: ConflictChoice) => void }) {
  const projects = () => [...new Set(props.bundle.runs.map((run) => run.record.project))];
  const { manifest } = props.bundle;
  return (
    <div data-testid="import-summary">
      <p>
        <b>{props.bundle.runs.length} runs</b> in {projects().length === 1 ? 'project' : 'projects'} {projects().join(', ')}
        {manifest.notebooks.length > 0 ? `, ${manifest.notebooks.length} ${manifest.notebooks.length === 1 ? 'notebook' : 'notebooks'}` : ''}
        {manifest.media.length > 0 ? `, ${manifest.media.length} ${manifest.media.length === 1 ? 'image' : 'images'}` : ''} ({formatBytes(manifest.files.reduce((sum, file) => sum + file.size, 0))}), exported by Labbook {manifest.app.version} on{' '}
        {new Date(manifest.created).toLocaleString()}. Every file was checked.
      </p>
      <Show when={props.conflicts.length > 0}>
        <p data-testid="import-conflicts">
          <b>{props.conflicts.length === 1 ? '1 run is' : `${props.conflicts.length} runs are`} already here</b> (same id):
        </p>
        <ul class="import-conflicts">
          <For each={props.conflicts.slice(0, LISTED_CONFLICTS)}>
            {(conflict) => (
              <li>
                {conflict.bundled.name} <span class="muted">({conflict.bundled.id}; here: {conflict.stored.state}, changed {formatAgo(conflict.stored.updatedAt)})</span>
              </li>
            )}
          </For>
          <Show when={props.conflicts.length > LISTED_CONFLICTS}>
            <li class="muted">and {props.conflicts.length - LISTED_CONFLICTS} more</li>
          </Show>
        </ul>
        <fieldset class="import-choice">
          <legend>For these runs</legend>
          <For each={CHOICES}>
            {(option) => (
              <label>
                <input type="radio" name="import-choice" value={option.value} checked={props.choice === option.value} onChange={() => props.onChoice(option.value)} data-testid={`import-choice-${option.value}`} />{' '}
                {option.label}
              </label>
            )}
          </For>
        </fieldset>
      </Show>
    </div>
  );
}

function ImportedRuns(props: { result: ImportResult }) {
  const projects = () => [...new Set(props.result.imported.map((run) => run.project))];
  const extras = () =>
    [
      props.result.skipped > 0 ? `${props.result.skipped} skipped` : '',
      props.result.replaced > 0 ? `${props.result.replaced} replaced` : '',
      props.result.copied > 0 ? `${props.result.copied} imported as copies` : '',
      props.result.notebooks > 0 ? `${props.result.notebooks} ${props.result.notebooks === 1 ? 'notebook' : 'notebooks'}` : '',
    ].filter(Boolean);
  return (
    <p data-testid="import-done">
      Imported {props.result.imported.length} {props.result.imported.length === 1 ? 'run' : 'runs'}
      <Show when={projects().length > 0}>
        {' '}into{' '}
        <For each={projects()}>
          {(project, i) => (
            <>
              {i() > 0 ? ', ' : ''}
              <a href={`#/p/${encodeURIComponent(project)}`}>{project}</a>
            </>
          )}
        </For>
      </Show>
      {extras().length > 0 ? ` (${extras().join(', ')})` : ''}.
    </p>
  );
}
