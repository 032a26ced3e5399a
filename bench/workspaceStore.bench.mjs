// The workspace's store side: 1,000 runs × 10,000 steps × 4 metrics written straight into the store, then read back
// as the workspace will: every run of every metric at 1,000 px from the coarse level, and a 1 % zoom from raw points.
import { generateRuns } from './benchRuns.mjs';
import { heapMb } from './pageMemory.mjs';
import { median } from './stats.mjs';

export const targets = { generate_s: '< 60', overview_read_ms: '<= 500' };

/** What each reported metric measures, for bench/README.md's table (bench/readme.mjs). */
export const descriptions = {
  generate_s: 'writing the 1,000 runs (40 M points: raw chunks, coarse level, run records), fresh context',
  storage_mb: 'IndexedDB usage afterwards (`navigator.storage.estimate`)',
  overview_first_read_ms: 'the four panels\' queries at once (`store.seriesOverview`: each metric of all 1,000 runs at 1,000 px), first time after a page load, fresh context',
  overview_read_ms: 'the same, median of 5 more',
  overview_coarse_read_ms: 'of which reading the coarse level from IndexedDB',
  overview_bucket_ms: 'of which turning it into buckets',
  overview_buckets_per_series: 'buckets each of the 4,000 series gets',
  overview_distinct_x_arrays: 'distinct x arrays among the 4,000 answers (runs over the same steps share one)',
  overview_heap_mb: 'page memory holding the 4,000 answers (JS heap + typed arrays, after GC)',
  overview_raw_one_metric_ms: 'one metric of the 1,000 runs from raw points (2,000 buckets, below the coarse level)',
  zoom_exact_ms: 'one metric of the 1,000 runs zoomed to 1 % of the steps (exact raw points); median of 5, each in another raw chunk (the store keeps a chunk\'s read for 10 s)',
};

const PROJECT = 'workspace-bench';
const RUNS = 1000;
const STEPS = 10_000;
const METRICS = ['train/loss', 'train/acc', 'val/loss', 'val/acc'];
const WIDTH = 1000;
const REPEATS = 5;

const round = (value, digits = 1) => Number(value.toFixed(digits));

/**
 * The four panels' queries at once, as the workspace issues them; keeps the answers on window (so their memory can be
 * measured) and returns wall time, per-stage times and what came back.
 */
async function overview(page, { metrics, buckets }) {
  return page.evaluate(async ({ project, metrics, buckets }) => {
    const store = window.labbook.store;
    const runIds = (await store.listRuns(project)).map((run) => run.id);
    const t0 = performance.now();
    const answers = await Promise.all(metrics.map((metric) => store.seriesOverview({ project, metric, runIds, buckets })));
    const wallMs = performance.now() - t0;
    window.benchAnswers = answers;
    const series = answers.flatMap((a) => a.series);
    return {
      wallMs,
      coarseReadMs: Math.max(...answers.map((a) => a.timings.coarseReadMs)),
      coarseBucketMs: answers.reduce((sum, a) => sum + a.timings.coarseBucketMs, 0),
      rawMs: Math.max(...answers.map((a) => a.timings.rawMs)),
      coarseRuns: answers.reduce((sum, a) => sum + a.timings.coarseRuns, 0),
      series: series.length,
      maxBuckets: Math.max(...series.map((s) => s.x.length)),
      distinctX: new Set(series.map((s) => s.x)).size,
    };
  }, { project: PROJECT, metrics, buckets });
}

/**
 * One metric of every run zoomed to 1 % of the steps (exact raw points), inside raw chunk `chunk`: each repeat reads
 * another chunk, since the store keeps a chunk read for a few seconds (for the zoom that follows a drag's read-ahead).
 */
async function zoom(page, chunk) {
  return page.evaluate(async ({ project, metric, width, steps, chunk }) => {
    const store = window.labbook.store;
    const runIds = (await store.listRuns(project)).map((run) => run.id);
    const x0 = chunk * 1024 + 100;
    const t0 = performance.now();
    const { series } = await store.seriesOverview({ project, metric, runIds, xRange: [x0, x0 + steps / 100 - 1], buckets: width });
    const wallMs = performance.now() - t0;
    return { wallMs, allExact: series.every((s) => s.exact && s.x.length === steps / 100) };
  }, { project: PROJECT, metric: METRICS[0], width: WIDTH, steps: STEPS, chunk });
}

/** Runs the workspace store benchmark in a fresh page of `context`. */
export async function runBench({ context, url }) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.labbook?.store, null, { timeout: 60_000 });
  const generated = await generateRuns(page, { project: PROJECT, runs: RUNS, steps: STEPS });

  // A fresh page, as when the workspace is opened later; a pause lets the database settle after the bulk write.
  await page.goto(url);
  await page.waitForFunction(() => window.labbook?.store, null, { timeout: 60_000 });
  await page.waitForTimeout(5000);
  const cdp = await context.newCDPSession(page);
  const heapBefore = await heapMb(cdp);
  const first = await overview(page, { metrics: METRICS, buckets: WIDTH });
  const heapWithAnswers = await heapMb(cdp);
  const warm = [];
  for (let i = 0; i < REPEATS; i++) warm.push(await overview(page, { metrics: METRICS, buckets: WIDTH }));
  const typical = warm.find((w) => w.wallMs === median(warm.map((x) => x.wallMs)));
  // The same panel from raw points, for comparison: at 2,000 buckets (5 steps each) the coarse level does not apply.
  const raw = await overview(page, { metrics: [METRICS[0]], buckets: 2 * WIDTH });
  const zooms = [];
  for (let i = 0; i < REPEATS; i++) zooms.push(await zoom(page, i + 1));

  if (first.coarseRuns !== RUNS * METRICS.length || first.series !== RUNS * METRICS.length) throw new Error(`overview was not all coarse: ${JSON.stringify(first)}`);
  if (!zooms.every((z) => z.allExact)) throw new Error('the 1 % zoom did not return exact points for every run');
  return {
    generate_s: round(generated.seconds),
    generate_points_per_s: Math.round((RUNS * STEPS * METRICS.length) / generated.seconds),
    storage_mb: Math.round(generated.storageMb),
    overview_first_read_ms: Math.round(first.wallMs),
    overview_read_ms: Math.round(typical.wallMs),
    overview_read_ms_runs: warm.map((w) => Math.round(w.wallMs)),
    overview_coarse_read_ms: Math.round(typical.coarseReadMs),
    overview_bucket_ms: round(typical.coarseBucketMs),
    overview_series: first.series,
    overview_buckets_per_series: first.maxBuckets,
    overview_distinct_x_arrays: first.distinctX,
    overview_heap_mb: Math.round(heapWithAnswers - heapBefore),
    heap_before_mb: Math.round(heapBefore),
    overview_raw_one_metric_ms: Math.round(raw.wallMs),
    zoom_exact_ms: Math.round(median(zooms.map((z) => z.wallMs))),
    zoom_exact_ms_runs: zooms.map((z) => Math.round(z.wallMs)),
  };
}
