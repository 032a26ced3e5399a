import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext } from './harness/contexts.mjs';
import { appUrl, drawnPixels, openApp } from './harness/app.mjs';

/** The cells the seeded `coderun1` ran, as versions up to 4 stored them: inline, each source in the run's record. */
const INLINE_CELLS = [
  { cellId: 'c1', source: 'const rate = 0.5;', hash: '00000000000000a1', executedAt: 1_000 },
  { cellId: 'c2', source: "const run = await init({ project: 'old' });\nrun.log({ rate });", hash: '00000000000000a2', executedAt: 2_000 },
  { cellId: 'c1', source: 'const rate = 0.5;', hash: '00000000000000a1', executedAt: 3_000 },
];

/** The schema version of the app under test. */
const CURRENT_VERSION = 9;

/** Steps of each run seeded in version 5, and its coarse buckets (16 steps each) as version 5 stored them. */
const V5_STEPS = 4800;
const V5_RUNS = ['coarse01', 'coarse02'];

/**
 * Writes a database as `version` of the app left it, on a page of the app's origin that is not the app: up to
 * version 4 a finished run `coderun1` with its code inline; in version 2 (no coarse level yet) a finished run
 * `oldrun01` of 6,000 steps of `loss` with a one-step spike, in 4,096-point chunks; in version 5 (coarse level, no
 * overview blocks yet) two finished runs of 4,800 steps of `loss` in 1,024-point chunks with their coarse chunks.
 */
function seedOldVersion(page, version) {
  return page.evaluate(async ({ version, inlineCells, v5Runs, v5Steps }) => {
    const request = indexedDB.open('labbook', version);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('projects', { keyPath: 'name' });
      const runs = db.createObjectStore('runs', { keyPath: 'id' });
      runs.createIndex('by_project', 'project');
      runs.createIndex('by_state', 'state');
      runs.createIndex('by_project_name', ['project', 'name']);
      db.createObjectStore('series', { keyPath: ['runId', 'metric'] }).createIndex('by_run', 'runId');
      const chunks = db.createObjectStore('chunks', { keyPath: ['runId', 'metric', 'chunk'] });
      db.createObjectStore('media', { keyPath: 'hash' });
      db.createObjectStore('settings', { keyPath: 'key' });
      db.createObjectStore('notebooks', { keyPath: 'id' });
      if (version >= 3) db.createObjectStore('coarse', { keyPath: ['project', 'metric', 'runId', 'chunk'] });
      if (version >= 4) chunks.createIndex('by_metric_chunk', ['metric', 'chunk', 'runId']);
      if (version >= 5) {
        db.createObjectStore('cells', { keyPath: 'hash' });
        db.createObjectStore('executions', { keyPath: ['kernelId', 'index'] });
      }
    };
    const db = await new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const done = (tx) => new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    const environment = { tfjsBackend: 'cpu', webgpuAdapter: null, userAgent: `v${version}`, hardwareConcurrency: 2, deviceMemoryGb: null, appVersion: `v${version}` };
    const finished = { state: 'finished', group: null, tags: [], notes: '', config: { lr: 0.01 }, environment, createdAt: 1, updatedAt: 2, heartbeatAt: 2, finishedAt: 2, exitCode: 0, error: null, warnings: [] };
    const coded = db.transaction(['projects', 'runs'], 'readwrite');
    coded.objectStore('projects').put({ name: 'old', createdAt: 1, updatedAt: 1 });
    if (version <= 4) coded.objectStore('runs').put({ ...finished, id: 'coderun1', project: 'old', name: 'coded-run-1', summary: {}, code: { notebookId: 'nb-old', cells: inlineCells } });
    await done(coded);
    if (version === 5) {
      const tx = db.transaction(['runs', 'series', 'chunks', 'coarse'], 'readwrite');
      v5Runs.forEach((runId, r) => {
        // Quarters are exact in float32, so the coarse level's min and max need no rounding here.
        const values = Float64Array.from({ length: v5Steps }, (_, s) => ((s * 37 + r * 11) % 101) / 4 - r * 30);
        tx.objectStore('runs').put({ ...finished, id: runId, project: 'old', name: `coarse-run-${r + 1}`, summary: { loss: values[v5Steps - 1] } });
        const chunks = Array.from({ length: Math.ceil(v5Steps / 1024) }, (_, c) => values.slice(c * 1024, (c + 1) * 1024));
        tx.objectStore('series').put({
          runId, metric: 'loss', count: v5Steps,
          chunks: chunks.map((v, c) => ({ firstStep: c * 1024, lastStep: c * 1024 + v.length - 1, min: Math.min(...v), max: Math.max(...v), last: v[v.length - 1], count: v.length })),
        });
        chunks.forEach((v, c) => tx.objectStore('chunks').put({ runId, metric: 'loss', chunk: c, firstStep: c * 1024, steps: null, values: v }));
        const buckets = Array.from({ length: v5Steps / 16 }, (_, b) => values.slice(b * 16, (b + 1) * 16));
        tx.objectStore('coarse').put({
          project: 'old', metric: 'loss', runId, chunk: 0, firstStep: 0, lastStep: v5Steps - 1, x: null, counts: null,
          min: Float32Array.from(buckets, (b) => Math.min(...b)), max: Float32Array.from(buckets, (b) => Math.max(...b)), last: Float32Array.from(buckets, (b) => b[15]),
        });
      });
      await done(tx);
    }
    if (version !== 2) return db.close();
    const values = Float64Array.from({ length: 6000 }, (_, s) => (s === 4321 ? 1000 : Math.exp(-s / 1500)));
    const chunks = [values.slice(0, 4096), values.slice(4096)];
    const tx = db.transaction(['runs', 'series', 'chunks'], 'readwrite');
    tx.objectStore('runs').put({ ...finished, id: 'oldrun01', project: 'old', name: 'kept-run-1', summary: { loss: values[5999] }, code: { notebookId: null, cells: [] } });
    tx.objectStore('series').put({
      runId: 'oldrun01', metric: 'loss', count: 6000,
      chunks: chunks.map((v, c) => ({ firstStep: c * 4096, lastStep: c * 4096 + v.length - 1, min: Math.min(...v), max: Math.max(...v), last: v[v.length - 1], count: v.length })),
    });
    chunks.forEach((v, c) => tx.objectStore('chunks').put({ runId: 'oldrun01', metric: 'loss', chunk: c, firstStep: c * 4096, steps: null, values: v }));
    await done(tx);
    db.close();
  }, { version, inlineCells: INLINE_CELLS, v5Runs: V5_RUNS, v5Steps: V5_STEPS });
}

/** Opens the app at `hash` on a database that `version` of the app left. */
async function openOnOldDatabase(version, hash) {
  const context = await newContext();
  const seeder = await context.newPage();
  await seeder.goto(appUrl('not-the-app'));
  await seedOldVersion(seeder, version);
  await seeder.close();
  return { context, ...(await openApp(context, hash)) };
}

test('a database left by the previous version opens: its run charts draw, the workspace reads it from the coarse level built on upgrade and zooms into its old chunks', async () => {
  const { context, page, problems } = await openOnOldDatabase(2, '#/p/old/r/oldrun01');
  assert.equal(await page.evaluate(() => window.labbook.store.db.version), CURRENT_VERSION);
  const selector = 'figure.line-chart[data-metric="loss"]';
  await page.waitForFunction((s) => Number(document.querySelector(s)?.dataset.points) > 0, selector);
  assert.ok((await drawnPixels(page, selector)) > 200, 'the loss chart drew its line');

  const overview = await page.evaluate(async () => {
    const { series, timings } = await window.labbook.store.seriesOverview({ project: 'old', metric: 'loss', runIds: ['oldrun01'], buckets: 300 });
    return { coarseRuns: timings.coarseRuns, packedRuns: timings.packedRuns, buckets: series[0].x.length, max: Math.max(...series[0].max), lastX: series[0].x.at(-1) };
  });
  // The coarse level built in the v3 step was packed into an overview block in the v6 step, and answers the same: its
  // 375 buckets of 16 steps as they are (fewer than 1.5 for each of the 300 asked, see UNMERGED_RATIO).
  assert.deepEqual(overview, { coarseRuns: 1, packedRuns: 1, buckets: 375, max: 1000, lastX: 5999 });
  // A zoom over the old 4,096-point chunks (across their boundary, and over the spike) gets every point exactly.
  const zooms = await page.evaluate(async () => Promise.all([[4000, 4199], [4300, 4399]].map(async (xRange) => {
    const { series } = await window.labbook.store.seriesOverview({ project: 'old', metric: 'loss', runIds: ['oldrun01'], xRange, buckets: 1000 });
    return { exact: series[0].exact, first: series[0].x[0], count: series[0].x.length, max: Math.max(...series[0].max) };
  })));
  assert.deepEqual(zooms, [
    { exact: true, first: 4000, count: 200, max: Math.exp(-4000 / 1500) },
    { exact: true, first: 4300, count: 100, max: 1000 },
  ]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a version 4 database opens with each run\'s inline code moved to the store of sources, and the run page shows that code', async () => {
  const { context, page, problems } = await openOnOldDatabase(4, '#/p/old/r/coderun1');
  assert.equal(await page.evaluate(() => window.labbook.store.db.version), CURRENT_VERSION);
  const cells = page.locator('[data-testid=code] .code-cell pre');
  await cells.first().waitFor();
  assert.deepEqual(await cells.allInnerTexts(), INLINE_CELLS.map((cell) => cell.source));
  const stored = await page.evaluate(async () => ({
    sources: await window.labbook.store.db.count('cells'),
    code: (await window.labbook.store.getRun('coderun1')).code,
  }));
  assert.deepEqual(stored, { sources: 2, code: { notebookId: 'nb-old', kernelId: 'migrated-coderun1', cells: 3 } });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a version 5 database opens with its runs\' coarse levels packed into an overview block: the workspace draws their lines from it, bucket for bucket as stored', async () => {
  const { context, page, problems } = await openOnOldDatabase(5, '#/p/old');
  assert.equal(await page.evaluate(() => window.labbook.store.db.version), CURRENT_VERSION);
  const loss = page.locator('.panel[data-panel-type=line]', { has: page.locator('[data-testid=panel-title]', { hasText: /^loss$/ }) });
  await loss.locator('.multi-line-chart[data-lines="2"][data-drawn="true"]').waitFor();

  const read = await page.evaluate(async ({ runIds, steps }) => {
    const store = window.labbook.store;
    const { series, timings } = await store.seriesOverview({ project: 'old', metric: 'loss', runIds, buckets: steps / 16 });
    const stored = await Promise.all(runIds.map((runId) => store.db.get('coarse', ['old', 'loss', runId, 0])));
    return {
      blocks: (await store.db.getAll('overview')).map((block) => [block.metric, [...block.runIds].sort()]),
      packedRuns: timings.packedRuns,
      same: series.map((s, i) => ['min', 'max', 'last'].every((k) => s[k].length === steps / 16 && s[k].every((v, b) => v === stored[i][k][b]))),
      lastX: series.map((s) => s.x.at(-1)),
    };
  }, { runIds: V5_RUNS, steps: V5_STEPS });
  assert.deepEqual(read, { blocks: [['loss', V5_RUNS]], packedRuns: 2, same: [true, true], lastX: [V5_STEPS - 1, V5_STEPS - 1] });
  assert.deepEqual(problems, []);
  await context.close();
});
