import { createSignal, Show } from 'solid-js';
import { errorMessage } from '../lib/errorMessage';
import { importTensorBoardLogdir, type TensorBoardImport } from '../exchange/tensorboardImport';
import { EVENT_FILE } from '../exchange/tfevents/logdir';
import type { LabbookStore } from '../store/labbookStore';

/**
 * "Open TensorBoard logs…": pick a log directory; each of its folders of event files becomes a finished run in a
 * project named after the directory, scalars as metrics, so an existing TensorBoard experiment opens in the workspace.
 */
export function TensorBoardImportButton(props: { store: LabbookStore }) {
  const [status, setStatus] = createSignal<{ reading: number } | { done: TensorBoardImport; project: string } | { failed: string } | null>(null);
  const open = async (files: File[]) => {
    const project = (files[0]?.webkitRelativePath || 'tensorboard').split('/')[0]!;
    setStatus({ reading: files.length });
    try {
      const path = (file: File) => file.webkitRelativePath || file.name;
      // Other files are named to the import (which counts them) without being read.
      const read = await Promise.all(files.map(async (file) => ({ path: path(file), bytes: EVENT_FILE.test(path(file)) ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(0) })));
      setStatus({ done: await importTensorBoardLogdir(props.store, project, read, __APP_VERSION__), project });
    } catch (error) {
      setStatus({ failed: errorMessage(error) });
    }
  };
  return (
    <>
      <label class="button-like" title="Pick a TensorBoard log directory: each folder of event files becomes a run">
        Open TensorBoard logs…
        <input
          type="file"
          data-testid="import-tensorboard"
          class="visually-hidden"
          ref={(input) => input.setAttribute('webkitdirectory', '')}
          multiple
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            if (files.length > 0) void open(files);
          }}
        />
      </label>
      <Show when={status()} keyed>
        {(now) => {
          if ('reading' in now) return <span class="muted" role="status">Reading {now.reading} files…</span>;
          if ('failed' in now) return <span class="alert" role="alert" data-testid="import-tensorboard-error">The logs could not be opened: {now.failed}. Runs imported before the error stay.</span>;
          const { done, project } = now;
          const notes = [
            done.skippedRecords > 0 ? `${done.skippedRecords} damaged records skipped` : '',
            done.cutShortFiles > 0 ? `${done.cutShortFiles} files ended cut short` : '',
            done.otherFiles > 0 ? `${done.otherFiles} other files left out` : '',
          ].filter(Boolean);
          return (
            <span role="status" data-testid="import-tensorboard-done">
              {done.runs.length === 0 ? 'No event files found in that folder.' : <>Opened {done.runs.length} runs ({done.points.toLocaleString('en-US')} points) in <a href={`#/p/${encodeURIComponent(project)}`}>{project}</a>{notes.length > 0 ? `; ${notes.join(', ')}` : ''}.</>}
            </span>
          );
        }}
      </Show>
    </>
  );
}
