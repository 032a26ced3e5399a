// The exchange benchmark's side in the page (bench/exchange.bench.mjs): runs of 10 metrics written straight into the
// store, and the exchange module's exports and imports driven on them. Reached only through benchData's `exchange()`
// (a lazy chunk of the bench build), as the exchange module is not on window.labbook.
import { randomId } from '../../src/lib/ids';
import { seededRandom } from '../../src/lib/seededRandom';
import type { HistoryBatch } from '../../src/model/history/historyBatch';
import { createRunRecord, endRun, withSummary } from '../../src/model/runs/runRecordUpdates';
import type { RunEnvironment } from '../../src/model/runs/runTypes';
import type { LabbookStore } from '../../src/store/labbookStore';
import { databaseDigest } from '../../src/store/testDigest';
import { badBundleCases } from '../../src/exchange/bundle/badBundleCases';
import { BundleError } from '../../src/exchange/bundle/bundleError';
import { exportBundle } from '../../src/exchange/bundle/exportBundle';
import { importBundle } from '../../src/exchange/bundle/importBundle';
import { readBundle } from '../../src/exchange/bundle/readBundle';
import { BUNDLE_PROJECT, fillBundleProject } from '../../src/exchange/bundle/testBundles';
import { historyEventFile } from '../../src/exchange/historyExports';
import { importTensorBoardLogdir } from '../../src/exchange/tensorboardImport';
import { encodeEventFile, type ScalarPoint } from '../../src/exchange/tfevents/events';
import type { LogdirFile } from '../../src/exchange/tfevents/logdir';
import { syntheticConfig, syntheticCurves, SYNTHETIC_METRICS } from './syntheticRuns';

/** The 10 metrics of an exchange bench run: the 4 synthetic curves and 6 more derived from them. */
export const EXCHANGE_METRICS = [...SYNTHETIC_METRICS, 'lr', 'grad_norm', 'train/loss_ema', 'val/top5', 'throughput', 'weight_norm'] as const;

const ENVIRONMENT: RunEnvironment = { tfjsBackend: null, webgpuAdapter: null, userAgent: 'synthetic', hardwareConcurrency: null, deviceMemoryGb: null, appVersion: 'synthetic' };

/** Runs being written at once, as writeBenchRuns does. */
const IN_FLIGHT = 3;

/** The 10 curves of a run: syntheticCurves' 4, then a warmup-cosine lr, noisy grad norm, an EMA, top-5, throughput, weight norm. */
function tenCurves(config: ReturnType<typeof syntheticConfig>, steps: number, random: () => number): Float64Array[] {
  const [trainLoss, trainAcc, valLoss, valAcc] = syntheticCurves(config, steps, random) as [Float64Array, Float64Array, Float64Array, Float64Array];
  const lr = new Float64Array(steps);
  const gradNorm = new Float64Array(steps);
  const ema = new Float64Array(steps);
  const top5 = new Float64Array(steps);
  const throughput = new Float64Array(steps);
  const weightNorm = new Float64Array(steps);
  let smooth = trainLoss[0]!;
  for (let s = 0; s < steps; s++) {
    const warm = config.warmup > 0 ? Math.min(1, (s + 1) / config.warmup) : 1;
    lr[s] = config.lr * warm * 0.5 * (1 + Math.cos((Math.PI * s) / steps));
    gradNorm[s] = trainLoss[s]! * (0.5 + random());
    smooth = Number.isNaN(trainLoss[s]!) ? smooth : 0.98 * smooth + 0.02 * trainLoss[s]!;
    ema[s] = smooth;
    top5[s] = Math.min(1, valAcc[s]! * 1.3);
    throughput[s] = config.batch_size * (900 + 100 * random());
    weightNorm[s] = 10 + Math.sqrt(s) * 0.05 + random() * 0.01;
  }
  return [trainLoss, trainAcc, valLoss, valAcc, lr, gradNorm, ema, top5, throughput, weightNorm];
}

/**
 * Writes `runs` finished runs of `steps` steps × 10 metrics into `project` through the live runs' history writer (as
 * writeBenchRuns does for 4 metrics), then waits until their coarse levels are packed. Returns their ids and seconds.
 */
export async function writeExchangeRuns(store: LabbookStore, options: { project: string; runs: number; steps: number; seed?: number }): Promise<{ ids: string[]; seconds: number }> {
  const t0 = performance.now();
  const random = seededRandom(options.seed ?? 7);
  const steps = Float64Array.from({ length: options.steps }, (_, i) => i);
  const start = Date.now() - options.runs * 60_000;
  const ids: string[] = [];
  const pending: Promise<void>[] = [];
  for (let i = 0; i < options.runs; i++) {
    const config = syntheticConfig(random);
    const now = start + i * 60_000;
    const run = createRunRecord({ id: randomId(8, random), name: `exchange-${i + 1}`, project: options.project, config, group: null, tags: [config.optimizer], notes: '', environment: ENVIRONMENT, now });
    const curves = tenCurves(config, options.steps, random);
    const batch: HistoryBatch = { metrics: [...EXCHANGE_METRICS], steps: EXCHANGE_METRICS.map(() => steps), values: curves };
    const summary = Object.fromEntries(batch.metrics.map((metric, m) => [metric, curves[m]!.at(-1)!]));
    ids.push(run.id);
    if (pending.length >= IN_FLIGHT) await pending.shift();
    pending.push(
      (async () => {
        await store.createRun(run);
        await store.appendHistory(run.id, batch, (stored) => endRun(withSummary(stored, summary, now + 50_000), { state: 'finished', exitCode: 0, error: null, now: now + 50_000 }));
        store.releaseRun(run.id);
      })(),
    );
  }
  await Promise.all(pending);
  await store.whenOverviewPacked();
  return { ids, seconds: (performance.now() - t0) / 1000 };
}

/** The bundle of the last exportProject, kept for importBundled. */
let lastBundle: Blob | null = null;

/** Exports a project as a bundle; the time runs from the call until the Blob is there. */
export async function exportProject(store: LabbookStore, project: string): Promise<{ ms: number; bytes: number; runs: number; files: number }> {
  lastBundle = null;
  const t0 = performance.now();
  const { blob, runs, manifest } = await exportBundle(store, { projects: [project] }, 'bench');
  const ms = performance.now() - t0;
  lastBundle = blob;
  return { ms, bytes: blob.size, runs, files: manifest.files.length };
}

/** Deletes the project exportProject exported (not timed). */
export async function deleteProject(store: LabbookStore, project: string): Promise<number> {
  await store.whenOverviewPacked();
  await store.deleteProject(project);
  return (await store.listRuns(project)).length;
}

/** Reads, checks and imports the last exported bundle ('skip'); times readBundle and importBundle apart and together. */
export async function importBundled(store: LabbookStore): Promise<{ ms: number; readMs: number; writeMs: number; imported: number; skipped: number }> {
  if (!lastBundle) throw new Error('nothing exported yet');
  const t0 = performance.now();
  const checked = await readBundle(lastBundle);
  const t1 = performance.now();
  const result = await importBundle(store, checked, 'skip');
  const t2 = performance.now();
  return { ms: t2 - t0, readMs: t1 - t0, writeMs: t2 - t1, imported: result.imported.length, skipped: result.skipped };
}

/** Runs of a project and the points of one of them (every metric), after an import. */
export async function countProject(store: LabbookStore, project: string): Promise<{ runs: number; finished: number; pointsOfFirst: number; metricsOfFirst: number }> {
  const runs = await store.listRuns(project);
  const first = runs.sort((a, b) => a.createdAt - b.createdAt)[0];
  const history = first ? await store.readRunHistory(first.id) : [];
  return {
    runs: runs.length,
    finished: runs.filter((run) => run.state === 'finished').length,
    pointsOfFirst: history.reduce((sum, series) => sum + series.steps.length, 0),
    metricsOfFirst: history.length,
  };
}

/** Every run of a project as a TensorBoard event file (readRunHistory + historyEventFile), timed in total and by part. */
export async function eventFilesOfProject(store: LabbookStore, project: string): Promise<{ ms: number; readMs: number; encodeMs: number; runs: number; bytes: number }> {
  const runs = await store.listRuns(project);
  let readMs = 0;
  let encodeMs = 0;
  let bytes = 0;
  const t0 = performance.now();
  for (const run of runs) {
    const r0 = performance.now();
    const history = await store.readRunHistory(run.id);
    const r1 = performance.now();
    bytes += historyEventFile(run, history).length;
    readMs += r1 - r0;
    encodeMs += performance.now() - r1;
  }
  return { ms: performance.now() - t0, readMs, encodeMs, runs: runs.length, bytes };
}

/** The log directory of makeLogdir, kept for importLogdir. */
let logdir: LogdirFile[] = [];

/** Builds (untimed) a log directory of `runs` folders, each one event file of `tags` scalars at `steps` steps. */
export function makeLogdir(options: { runs: number; tags: number; steps: number }): { files: number; bytes: number; points: number } {
  const random = seededRandom(11);
  const wallTime = Date.now() / 1000 - 3600;
  logdir = [];
  let points = 0;
  for (let r = 0; r < options.runs; r++) {
    const scalars: ScalarPoint[] = [];
    for (let step = 0; step < options.steps; step++) {
      for (let t = 0; t < options.tags; t++) scalars.push({ tag: `tag${t}`, step, wallTime: wallTime + step * 0.1, value: Math.exp(-step / 3000) + random() * 0.1 });
    }
    points += scalars.length;
    logdir.push({ path: `logs/run${r}/events.out.tfevents.${Math.floor(wallTime)}.bench.${r}`, bytes: encodeEventFile(scalars, [], wallTime) });
  }
  return { files: logdir.length, bytes: logdir.reduce((sum, file) => sum + file.bytes.length, 0), points };
}

/** Imports makeLogdir's directory into `project` (importTensorBoardLogdir), timed. */
export async function importLogdir(store: LabbookStore, project: string): Promise<{ ms: number; points: number; runs: number; skippedRecords: number }> {
  const t0 = performance.now();
  const result = await importTensorBoardLogdir(store, project, logdir, 'bench');
  const ms = performance.now() - t0;
  return { ms, points: result.points, runs: result.runs.length, skippedRecords: result.skippedRecords };
}

/**
 * The generated bad bundles (badBundleCases) of a small valid bundle (fillBundleProject's project, written into the
 * page's store and exported), each read and imported with 'replace' into the page's store, which already holds that
 * project, so a bad bundle that got as far as writing would change it. Counts the refusals that are BundleErrors (and
 * those whose message is not the one the case expects), and compares a digest of every object store before and after.
 */
export async function badBundles(store: LabbookStore): Promise<{ tried: number; rejected: number; wrongMessages: number; wrongMessage: string[]; otherOutcomes: string[]; digestStable: boolean; storeUnchanged: boolean; ms: number; dbName: string }> {
  await fillBundleProject(store);
  await store.whenOverviewPacked();
  const { blob } = await exportBundle(store, { projects: [BUNDLE_PROJECT] }, 'bench');
  const cases = badBundleCases(new Uint8Array(await blob.arrayBuffer()));
  const dbName = store.db.name;
  const before = await databaseDigest(dbName);
  // Nothing else writes meanwhile: a second digest says so (else the comparison below would mean nothing).
  const digestStable = (await databaseDigest(dbName)) === before;
  let rejected = 0;
  const wrongMessage: string[] = [];
  const otherOutcomes: string[] = [];
  const t0 = performance.now();
  for (const bad of cases) {
    try {
      await importBundle(store, await readBundle(new Blob([bad.bytes as Uint8Array<ArrayBuffer>])), 'replace');
      otherOutcomes.push(`${bad.name}: accepted`);
    } catch (error) {
      if (error instanceof BundleError) {
        rejected++;
        if (!bad.message.test(error.message)) wrongMessage.push(`${bad.name}: ${error.message}`);
      } else otherOutcomes.push(`${bad.name}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
  }
  const ms = performance.now() - t0;
  await store.whenOverviewPacked();
  const storeUnchanged = (await databaseDigest(dbName)) === before;
  return { tried: cases.length, rejected, wrongMessages: wrongMessage.length, wrongMessage: wrongMessage.slice(0, 20), otherOutcomes: otherOutcomes.slice(0, 20), digestStable, storeUnchanged, ms, dbName };
}
