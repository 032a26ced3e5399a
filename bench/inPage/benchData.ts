import { randomId } from '../../src/lib/ids';
import { seededRandom } from '../../src/lib/seededRandom';
import { createRunRecord, endRun, withSummary } from '../../src/model/runs/runRecordUpdates';
import { randomRunNameStem, runNameWithOrdinal } from '../../src/model/runs/runNames';
import type { RunEnvironment } from '../../src/model/runs/runTypes';
import type { LabbookStore } from '../../src/store/labbookStore';
import { syntheticConfig, syntheticCurves, SYNTHETIC_METRICS } from './syntheticRuns';

/** Options of writeBenchRuns. */
export interface BenchRunsOptions {
  project: string;
  runs: number;
  steps: number;
  /** Same seed, same runs (ids, configs, curves). */
  seed?: number;
  /** Told how many runs are stored so far, after each. */
  onProgress?: (written: number) => void;
}

/** Runs being written at once: generating the next run's points overlaps the database writing the previous ones. */
const IN_FLIGHT = 3;

const ENVIRONMENT: RunEnvironment = {
  tfjsBackend: null,
  webgpuAdapter: null,
  userAgent: 'synthetic',
  hardwareConcurrency: null,
  deviceMemoryGb: null,
  appVersion: 'synthetic',
};

/**
 * Writes finished synthetic runs (8 config keys; train/loss, train/acc, val/loss, val/acc at every step) straight
 * into the store, without the kernel, through the same writer live runs use: run records, raw chunks and the coarse
 * level. For benchmarks and demos of many runs; returns the run ids in creation order.
 */
export async function writeBenchRuns(store: LabbookStore, options: BenchRunsOptions): Promise<string[]> {
  const random = seededRandom(options.seed ?? 1);
  const steps = Float64Array.from({ length: options.steps }, (_, i) => i);
  const ids: string[] = [];
  const pending: Promise<void>[] = [];
  const start = Date.now() - options.runs * 60_000;
  for (let i = 0; i < options.runs; i++) {
    const config = syntheticConfig(random);
    const now = start + i * 60_000;
    const run = createRunRecord({
      id: randomId(8, random),
      name: runNameWithOrdinal(randomRunNameStem(random), i + 1),
      project: options.project,
      config,
      group: null,
      tags: [config.optimizer],
      notes: '',
      environment: ENVIRONMENT,
      now,
    });
    const values = syntheticCurves(config, options.steps, random);
    const summary = Object.fromEntries(SYNTHETIC_METRICS.map((metric, m) => [metric, values[m]![options.steps - 1]!]));
    ids.push(run.id);
    if (pending.length >= IN_FLIGHT) await pending.shift();
    pending.push(
      (async () => {
        await store.createRun(run);
        await store.appendHistory(run.id, { metrics: [...SYNTHETIC_METRICS], steps: SYNTHETIC_METRICS.map(() => steps), values }, (stored) =>
          endRun(withSummary(stored, summary, now + 50_000), { state: 'finished', exitCode: 0, error: null, now: now + 50_000 }),
        );
        // The writer keeps each series' open chunks for the next append; these runs are done.
        store.releaseRun(run.id);
        options.onProgress?.(i + 1);
      })(),
    );
  }
  await Promise.all(pending);
  return ids;
}
