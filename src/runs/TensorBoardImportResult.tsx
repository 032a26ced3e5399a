import { importTensorBoardLogdir, type TensorBoardImport } from '../exchange/tensorboardImport';
import { EVENT_FILE, type LogdirFile } from '../exchange/tfevents/logdir';
import type { LabbookStore } from '../store/labbookStore';

/** A picked or dropped log directory's files, read: event files with their bytes, others named only (they are counted). */
async function readLogdirFiles(files: readonly { path: string; file: File }[]): Promise<LogdirFile[]> {
  return Promise.all(files.map(async ({ path, file }) => ({ path, bytes: EVENT_FILE.test(path) ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(0) })));
}

/** Imports a log directory into the project named after it. */
export async function importLogdir(store: LabbookStore, files: readonly { path: string; file: File }[]): Promise<{ result: TensorBoardImport; project: string }> {
  const project = files[0]?.path.split('/')[0] || 'tensorboard';
  return { result: await importTensorBoardLogdir(store, project, await readLogdirFiles(files), __APP_VERSION__), project };
}

/** What an import of TensorBoard logs made, in words, with a link to the project. */
export function TensorBoardImportResult(props: { result: TensorBoardImport; project: string }) {
  const notes = () =>
    [
      props.result.skippedRecords > 0 ? `${props.result.skippedRecords} damaged records skipped` : '',
      props.result.cutShortFiles > 0 ? `${props.result.cutShortFiles} files ended cut short` : '',
      props.result.badStepPoints > 0 ? `${props.result.badStepPoints} points with a negative step or one past 2^53 left out` : '',
      props.result.otherFiles > 0 ? `${props.result.otherFiles} other files left out` : '',
    ].filter(Boolean);
  return (
    <span role="status" data-testid="import-tensorboard-done">
      {props.result.runs.length === 0 ? (
        'No event files found in that folder.'
      ) : (
        <>
          Opened {props.result.runs.length} runs ({props.result.points.toLocaleString('en-US')} points) in <a href={`#/p/${encodeURIComponent(props.project)}`}>{props.project}</a>
          {notes().length > 0 ? `; ${notes().join(', ')}` : ''}.
        </>
      )}
    </span>
  );
}
