import { randomId } from '../lib/ids';
import { createRunRecord, endRun, withSummary } from '../model/runs/runRecordUpdates';
import type { RunEnvironment } from '../model/runs/runTypes';
import type { LabbookStore } from '../store/labbookStore';
import { readLogdir, type LogdirFile } from './tfevents/logdir';

/** What importing a log directory did: each run made, and what was left out and why. */
export interface TensorBoardImport {
  runs: { id: string; name: string; metrics: number; points: number }[];
  points: number;
  /** Records skipped for a wrong checksum or a protobuf that did not parse, over all files. */
  skippedRecords: number;
  /** Event files that ended cut short (a run still writing, a partial copy). */
  cutShortFiles: number;
  /** Points left out for a negative step or one past 2^53. */
  badStepPoints: number;
  /** Files in the folder that are no event files. */
  otherFiles: number;
}

/**
 * Makes each folder of event files a finished run of `project` (tensorboardX's `add_hparams` folder taken in by the
 * run that wrote it): its scalars as metrics (summary: each one's last value), its `config` text summary as config, or
 * else its hparams under their flat names, its time span from the events' wall times, tagged `tensorboard`.
 */
export async function importTensorBoardLogdir(store: LabbookStore, project: string, files: readonly LogdirFile[], appVersion: string): Promise<TensorBoardImport> {
  const { runs, otherFiles } = readLogdir(files);
  const environment: RunEnvironment = { tfjsBackend: null, webgpuAdapter: null, userAgent: 'imported from TensorBoard event files', hardwareConcurrency: null, deviceMemoryGb: null, appVersion };
  const made: TensorBoardImport['runs'] = [];
  for (const run of runs) {
    const id = randomId();
    await store.createRun(createRunRecord({ id, name: run.name, project, config: run.config, group: null, tags: ['tensorboard'], notes: '', environment, now: run.startedAt }));
    const metrics = [...run.metrics.keys()];
    const summary = Object.fromEntries([...run.metrics].map(([tag, series]) => [tag, series.values[series.values.length - 1]!]));
    await store.appendHistory(
      id,
      { metrics, steps: metrics.map((tag) => run.metrics.get(tag)!.steps), values: metrics.map((tag) => run.metrics.get(tag)!.values) },
      (record) => endRun(withSummary(record, summary, run.endedAt), { state: 'finished', exitCode: 0, error: null, now: run.endedAt }),
    );
    made.push({ id, name: run.name, metrics: metrics.length, points: run.points });
  }
  return {
    runs: made,
    points: runs.reduce((n, r) => n + r.points, 0),
    skippedRecords: runs.reduce((n, r) => n + r.badChecksums + r.malformed, 0),
    cutShortFiles: runs.reduce((n, r) => n + r.cutShort, 0),
    badStepPoints: runs.reduce((n, r) => n + r.badSteps, 0),
    otherFiles,
  };
}
