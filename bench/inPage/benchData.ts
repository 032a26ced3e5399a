import { randomId } from '../../src/lib/ids';
import { seededRandom } from '../../src/lib/seededRandom';
import { CHUNK_POINTS } from '../../src/model/history/historyChunks';
import type { HistoryBatch } from '../../src/model/history/historyBatch';
import { createRunRecord, endRun, withSummary } from '../../src/model/runs/runRecordUpdates';
import { randomRunNameStem, runNameWithOrdinal } from '../../src/model/runs/runNames';
import type { RunEnvironment } from '../../src/model/runs/runTypes';
import type { LabbookStore } from '../../src/store/labbookStore';
import { syntheticConfig, syntheticCurves, SYNTHETIC_METRICS } from './syntheticRuns';

/** The exchange bench's in-page side (bench/exchange.bench.mjs), a chunk of its own loaded only when that bench asks. */
export const exchange = () => import('./exchangeBench');

/** The sparse metric runs log with `evalEvery`. */
export const EVAL_METRIC = 'eval/acc';

/** Options of writeBenchRuns. */
export interface BenchRunsOptions {
  project: string;
  runs: number;
  /** Steps of every run, or of the longest with `minSteps`. */
  steps: number;
  /** Each run's length drawn uniformly from minSteps … steps (runs stopped early, sweeps of several lengths). */
  minSteps?: number;
  /** Each run also logs EVAL_METRIC (its val/acc) at steps evalEvery, 2 × evalEvery, …: a metric with gaps. */
  evalEvery?: number;
  /** The last runs created stay running and go on logging after writeBenchRuns returns. */
  live?: LiveBenchRuns;
  /** Same seed, same runs (ids, configs, curves). */
  seed?: number;
  /** Told how many runs are stored so far, after each. */
  onProgress?: (written: number) => void;
}

/** Runs of writeBenchRuns that are still logging, as a sweep in another tab would be. */
export interface LiveBenchRuns {
  runs: number;
  /** They log until this aborts, then finish. */
  signal: AbortSignal;
  /** Steps each logs per second, in one batch (default 10); values stay near their last ones. */
  stepsPerSecond?: number;
  /** Told of a write that failed (logging goes on). */
  onError?: (error: unknown) => void;
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

/** What a live run needs to go on logging: where it is and its last values. */
interface LiveRun {
  id: string;
  nextStep: number;
  summary: Record<string, number>;
}

/**
 * Writes synthetic runs (8 config keys; train/loss, train/acc, val/loss, val/acc at every step, plus EVAL_METRIC with
 * `evalEvery`) straight into the store, without the kernel, through the same writer live runs use: run records, raw
 * chunks and the coarse level. Finished, except `live` ones, whose last chunk is left part-full and which keep logging
 * in the background. For benchmarks and demos of many runs; returns the run ids in creation order.
 */
export async function writeBenchRuns(store: LabbookStore, options: BenchRunsOptions): Promise<string[]> {
  const random = seededRandom(options.seed ?? 1);
  const steps = Float64Array.from({ length: options.steps }, (_, i) => i);
  const ids: string[] = [];
  const live: LiveRun[] = [];
  const pending: Promise<void>[] = [];
  const start = Date.now() - options.runs * 60_000;
  const firstLive = options.runs - (options.live?.runs ?? 0);
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
    const isLive = i >= firstLive;
    const length = runLength(options, random, isLive);
    const batch = syntheticBatch(syntheticCurves(config, length, random), steps.subarray(0, length), options.evalEvery);
    const summary = Object.fromEntries(batch.metrics.map((metric, m) => [metric, batch.values[m]!.at(-1)!]));
    ids.push(run.id);
    if (isLive) live.push({ id: run.id, nextStep: length, summary });
    if (pending.length >= IN_FLIGHT) await pending.shift();
    pending.push(
      (async () => {
        await store.createRun(run);
        if (isLive) {
          await store.appendHistory(run.id, batch, (stored) => withSummary(stored, summary, Date.now()));
        } else {
          await store.appendHistory(run.id, batch, (stored) =>
            endRun(withSummary(stored, summary, now + 50_000), { state: 'finished', exitCode: 0, error: null, now: now + 50_000 }),
          );
          // The writer keeps each series' open chunks for the next append; these runs are done.
          store.releaseRun(run.id);
        }
        options.onProgress?.(i + 1);
      })(),
    );
  }
  await Promise.all(pending);
  if (options.live) void keepLogging(store, live, options.live, options.evalEvery);
  return ids;
}

/** A run's length: `steps`, or drawn from minSteps … steps; a live run's last raw chunk is never full. */
function runLength(options: BenchRunsOptions, random: () => number, isLive: boolean): number {
  const { steps, minSteps } = options;
  const length = minSteps === undefined ? steps : minSteps + Math.floor(random() * (steps - minSteps + 1));
  return isLive && length % CHUNK_POINTS === 0 ? length - 1 : length;
}

/** The curves of one run as one batch, with EVAL_METRIC taken from its val/acc every `evalEvery` steps. */
function syntheticBatch(curves: Float64Array[], steps: Float64Array, evalEvery: number | undefined): HistoryBatch {
  const batch: HistoryBatch = { metrics: [...SYNTHETIC_METRICS], steps: SYNTHETIC_METRICS.map(() => steps), values: curves };
  if (evalEvery === undefined) return batch;
  const valAcc = curves[SYNTHETIC_METRICS.indexOf('val/acc')]!;
  const evalSteps = Float64Array.from({ length: Math.floor((steps.length - 1) / evalEvery) }, (_, k) => (k + 1) * evalEvery);
  return {
    metrics: [...batch.metrics, EVAL_METRIC],
    steps: [...batch.steps, evalSteps],
    values: [...batch.values, evalSteps.map((s) => valAcc[s]!)],
  };
}

/** Appends a batch a second to each live run until the signal aborts, then finishes them. */
async function keepLogging(store: LabbookStore, runs: LiveRun[], live: LiveBenchRuns, evalEvery: number | undefined): Promise<void> {
  const random = seededRandom(runs.length);
  const perSecond = live.stepsPerSecond ?? 10;
  const logged = (error: unknown) => (live.onError ?? console.error)(error);
  while (!live.signal.aborted) {
    const tick = new Promise((resolve) => setTimeout(resolve, 1000));
    await Promise.all(
      runs.map((run) => {
        const batch = plateauBatch(run, perSecond, evalEvery, random);
        run.nextStep += perSecond;
        return store.appendHistory(run.id, batch, (stored) => withSummary(stored, run.summary, Date.now())).catch(logged);
      }),
    );
    await tick;
  }
  for (const run of runs) {
    await store.updateRun(run.id, (stored) => endRun(stored, { state: 'finished', exitCode: 0, error: null, now: Date.now() })).catch(logged);
    store.releaseRun(run.id);
  }
}

/** The next `count` steps of a live run: each metric near its last value (a plateau), EVAL_METRIC where it is due. */
function plateauBatch(run: LiveRun, count: number, evalEvery: number | undefined, random: () => number): HistoryBatch {
  const steps = Float64Array.from({ length: count }, (_, i) => run.nextStep + i);
  const evalSteps = evalEvery === undefined ? [] : [...steps].filter((s) => s % evalEvery === 0);
  const batch: HistoryBatch = { metrics: [], steps: [], values: [] };
  for (const metric of Object.keys(run.summary)) {
    const at = metric === EVAL_METRIC ? Float64Array.from(evalSteps) : steps;
    if (at.length === 0) continue;
    const values = at.map(() => run.summary[metric]! * (1 + (random() - 0.5) * 0.02));
    batch.metrics.push(metric);
    batch.steps.push(at);
    batch.values.push(values);
    run.summary[metric] = values.at(-1)!;
  }
  return batch;
}
