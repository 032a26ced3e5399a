// The workspace's store side: 1,000 runs × 10,000 steps × 4 metrics written straight into the store, then read back
// as the workspace will: every run of every metric at 1,000 px from the coarse level, and a 1 % zoom from raw points;
// then the overview again in a persistent profile (as users have), written there and read after a browser restart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../e2e/harness/chromium.mjs';
import { generateRuns } from './benchRuns.mjs';
import { heapMb } from './pageMemory.mjs';
import { median } from './stats.mjs';

export const targets = { generate_s: '< 60', overview_read_ms: '<= 500', overview_read_persistent_ms: '<= 500' };

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
  overview_first_read_persistent_ms: 'the four queries at once in a persistent profile, the runs written there and the browser restarted, first time after the page load',
  overview_read_persistent_ms: 'the same, median of 5 more',
  pack_s: 'after the runs are written, how long the store goes on packing their coarse levels into overview blocks in the background (`store.whenOverviewPacked`)',
  overview_blocks: 'overview blocks the four queries read (each a metric of many runs in one Blob); `overview_packed_runs` of the 4,000 series came from them',
  layout_blocks_to_chunks: 'the four metrics\' overview blocks read from IndexedDB (`layout_blocks_read_ms`) over the same series read as coarse chunks in key ranges of 16 runs, the layout before v6 (`layout_chunks_read_ms`): each pair read back to back in the same page, so the ratio holds under any load; median of 5 pairs',
  layout_blocks_to_chunks_persistent: 'the same in the persistent profile',
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
      // Absent before the overview blocks (schema v6), so the same bench measures the code before them.
      packedRuns: answers.reduce((sum, a) => sum + (a.timings.packedRuns ?? 0), 0),
      blocks: answers.reduce((sum, a) => sum + (a.timings.blocks ?? 0), 0),
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

/** Loads the app in `page` and waits for its store. */
async function openStore(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.labbook?.store, null, { timeout: 60_000 });
}

/** The overview read once after a page load, then REPEATS more times; `cdp` (optional) measures the answers' memory. */
async function overviewReads(page, cdp) {
  const heapBefore = cdp ? await heapMb(cdp) : NaN;
  const first = await overview(page, { metrics: METRICS, buckets: WIDTH });
  const heapWithAnswers = cdp ? await heapMb(cdp) : NaN;
  const warm = [];
  const layouts = [];
  for (let i = 0; i < REPEATS; i++) {
    warm.push(await overview(page, { metrics: METRICS, buckets: WIDTH }));
    layouts.push(await layoutReads(page));
  }
  const typical = warm.find((w) => w.wallMs === median(warm.map((x) => x.wallMs)));
  if (first.coarseRuns !== RUNS * METRICS.length || first.series !== RUNS * METRICS.length) throw new Error(`overview was not all coarse: ${JSON.stringify(first)}`);
  return { first, warm, typical, heapBefore, heapWithAnswers, layouts };
}

/**
 * The two layouts' IndexedDB reads alone, one after the other in the same page, so that their ratio holds under
 * whatever load the machine has: the four metrics' coarse chunks read as the store read them before overview blocks
 * (v3–v5: key ranges of 16 runs, 1,000 records a metric), and the four metrics' overview blocks (v6) with their data.
 */
function layoutReads(page) {
  return page.evaluate(async ({ project, metrics }) => {
    const db = window.labbook.store.db;
    const runIds = (await window.labbook.store.listRuns(project)).map((run) => run.id).sort();
    const t0 = performance.now();
    const coarse = db.transaction('coarse').store;
    const reads = [];
    for (const metric of metrics) {
      for (let i = 0; i < runIds.length; i += 16) reads.push(coarse.getAll(IDBKeyRange.bound([project, metric, runIds[i], -Infinity], [project, metric, runIds[Math.min(i + 15, runIds.length - 1)], Infinity])));
    }
    const chunks = (await Promise.all(reads)).flat().length;
    const chunksMs = performance.now() - t0;
    if (!db.objectStoreNames.contains('overview')) return { chunksMs, chunks, blocksMs: NaN, blocks: 0 };
    const t1 = performance.now();
    const overview = db.transaction('overview').store;
    const blocks = (await Promise.all(metrics.map((metric) => overview.getAll(IDBKeyRange.bound([project, metric], [project, metric, []]))))).flat();
    await Promise.all(blocks.map((block) => block.data.arrayBuffer()));
    return { chunksMs, chunks, blocksMs: performance.now() - t1, blocks: blocks.length };
  }, { project: PROJECT, metrics: METRICS });
}

/** The layout figures of overviewReads' `layouts`, named with `suffix`. */
function layoutFigures(layouts, suffix = '') {
  const chunks = median(layouts.map((l) => l.chunksMs));
  const blocks = median(layouts.map((l) => l.blocksMs));
  return {
    [`layout_chunks_read${suffix}_ms`]: Math.round(chunks),
    [`layout_chunks_read${suffix}_ms_runs`]: layouts.map((l) => Math.round(l.chunksMs)),
    [`layout_blocks_read${suffix}_ms`]: Math.round(blocks),
    [`layout_blocks_read${suffix}_ms_runs`]: layouts.map((l) => Math.round(l.blocksMs)),
    [`layout_blocks_to_chunks${suffix}`]: round(median(layouts.map((l) => l.blocksMs / l.chunksMs)), 3),
    [`layout_records${suffix}`]: [layouts[0].chunks, layouts[0].blocks],
  };
}

/**
 * The overview in a persistent profile: the runs written there, the browser closed and launched again on the same
 * profile (as a user opens the workspace another day), a pause, then the reads.
 */
async function persistentProfileFigures(url) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'labbook-bench-store-profile-'));
  const launch = () => chromium.launchPersistentContext(dir, { executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
  try {
    let context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    await openStore(page, url);
    const generated = await generateRuns(page, { project: PROJECT, runs: RUNS, steps: STEPS });
    await context.close();
    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    await openStore(page, url);
    await page.waitForTimeout(5000);
    const { first, warm, typical, layouts } = await overviewReads(page);
    await context.close();
    return {
      generate_persistent_s: round(generated.seconds),
      pack_persistent_s: round(generated.packSeconds),
      storage_persistent_mb: Math.round(generated.storageMb),
      overview_first_read_persistent_ms: Math.round(first.wallMs),
      overview_read_persistent_ms: Math.round(typical.wallMs),
      overview_read_persistent_ms_runs: warm.map((w) => Math.round(w.wallMs)),
      overview_coarse_read_persistent_ms: Math.round(typical.coarseReadMs),
      overview_packed_runs_persistent: typical.packedRuns,
      overview_blocks_persistent: typical.blocks,
      ...layoutFigures(layouts, '_persistent'),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the workspace store benchmark in a fresh page of `context`, then in a persistent profile of its own. */
export async function runBench({ context, url }) {
  const page = await context.newPage();
  await openStore(page, url);
  const generated = await generateRuns(page, { project: PROJECT, runs: RUNS, steps: STEPS });

  // A fresh page, as when the workspace is opened later; a pause lets the database settle after the bulk write.
  await openStore(page, url);
  await page.waitForTimeout(5000);
  const cdp = await context.newCDPSession(page);
  const { first, warm, typical, heapBefore, heapWithAnswers, layouts } = await overviewReads(page, cdp);
  // The same panel from raw points, for comparison: at 2,000 buckets (5 steps each) the coarse level does not apply.
  const raw = await overview(page, { metrics: [METRICS[0]], buckets: 2 * WIDTH });
  const zooms = [];
  for (let i = 0; i < REPEATS; i++) zooms.push(await zoom(page, i + 1));

  if (!zooms.every((z) => z.allExact)) throw new Error('the 1 % zoom did not return exact points for every run');
  return {
    generate_s: round(generated.seconds),
    generate_points_per_s: Math.round((RUNS * STEPS * METRICS.length) / generated.seconds),
    pack_s: round(generated.packSeconds),
    storage_mb: Math.round(generated.storageMb),
    overview_first_read_ms: Math.round(first.wallMs),
    overview_read_ms: Math.round(typical.wallMs),
    overview_read_ms_runs: warm.map((w) => Math.round(w.wallMs)),
    overview_coarse_read_ms: Math.round(typical.coarseReadMs),
    overview_bucket_ms: round(typical.coarseBucketMs),
    overview_packed_runs: typical.packedRuns,
    overview_blocks: typical.blocks,
    ...layoutFigures(layouts),
    overview_series: first.series,
    overview_buckets_per_series: first.maxBuckets,
    overview_distinct_x_arrays: first.distinctX,
    overview_heap_mb: Math.round(heapWithAnswers - heapBefore),
    heap_before_mb: Math.round(heapBefore),
    overview_raw_one_metric_ms: Math.round(raw.wallMs),
    zoom_exact_ms: Math.round(median(zooms.map((z) => z.wallMs))),
    zoom_exact_ms_runs: zooms.map((z) => Math.round(z.wallMs)),
    ...(await persistentProfileFigures(url)),
  };
}
