import { zipSync } from 'fflate';
import { createSignal, Show } from 'solid-js';
import { errorMessage } from '../lib/errorMessage';
import { historyCsv, historyEventFile, historyFeather } from '../exchange/historyExports';
import type { RunRecord } from '../model/runs/runTypes';
import type { LabbookStore } from '../store/labbookStore';
import { downloadFile } from '../ui/download';
import { eventFilePath } from '../exchange/runExports';

/**
 * A run's history for other tools: CSV (a column per metric, `_step` first, as pandas reads it), Feather (the same
 * table as Arrow, for `pandas.read_feather`) and a TensorBoard event file in a folder named after the run, zipped
 * (unzip, then `tensorboard --logdir .`).
 */
export function RunExports(props: { store: LabbookStore; run: RunRecord }) {
  const [failed, setFailed] = createSignal<string | null>(null);
  const exporting = (write: (history: Awaited<ReturnType<LabbookStore['readRunHistory']>>) => void) => async () => {
    setFailed(null);
    try {
      write(await props.store.readRunHistory(props.run.id));
    } catch (error) {
      setFailed(errorMessage(error));
    }
  };
  return (
    <>
      <button class="link" data-testid="export-history-csv" title="Every logged point, a column per metric" onClick={exporting((history) => downloadFile(`${props.run.name}-history.csv`, historyCsv(history), 'text/csv'))}>
        History CSV
      </button>
      <button
        class="link"
        data-testid="export-history-feather"
        title="Every logged point as an Arrow table (pandas.read_feather): int64 steps, float64 values"
        onClick={exporting((history) => downloadFile(`${props.run.name}-history.feather`, historyFeather(history) as Uint8Array<ArrayBuffer>, 'application/vnd.apache.arrow.file'))}
      >
        Feather
      </button>
      <button
        class="link"
        data-testid="export-tensorboard"
        title="A TensorBoard event file in a folder named after the run, zipped"
        onClick={exporting((history) => {
          downloadFile(`${props.run.name}-tensorboard.zip`, zipSync({ [eventFilePath(props.run)]: historyEventFile(props.run, history) }) as Uint8Array<ArrayBuffer>, 'application/zip');
        })}
      >
        TensorBoard (zip)
      </button>
      <Show when={failed()}>
        <span class="alert" role="alert">
          The export failed: {failed()}
        </span>
      </Show>
    </>
  );
}
