import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext } from './harness/contexts.mjs';
import { appUrl, drawnPixels, openApp } from './harness/app.mjs';

/**
 * Writes a database as version 2 of the app left it (no coarse level): one finished run of 6,000 steps of `loss`,
 * with a one-step spike, in 4,096-point chunks. Runs on a page of the app's origin that is not the app.
 */
function seedVersion2(page) {
  return page.evaluate(async () => {
    const request = indexedDB.open('labbook', 2);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('projects', { keyPath: 'name' });
      const runs = db.createObjectStore('runs', { keyPath: 'id' });
      runs.createIndex('by_project', 'project');
      runs.createIndex('by_state', 'state');
      runs.createIndex('by_project_name', ['project', 'name']);
      db.createObjectStore('series', { keyPath: ['runId', 'metric'] }).createIndex('by_run', 'runId');
      db.createObjectStore('chunks', { keyPath: ['runId', 'metric', 'chunk'] });
      db.createObjectStore('media', { keyPath: 'hash' });
      db.createObjectStore('settings', { keyPath: 'key' });
      db.createObjectStore('notebooks', { keyPath: 'id' });
    };
    const db = await new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const values = Float64Array.from({ length: 6000 }, (_, s) => (s === 4321 ? 1000 : Math.exp(-s / 1500)));
    const chunks = [values.slice(0, 4096), values.slice(4096)];
    const tx = db.transaction(['projects', 'runs', 'series', 'chunks'], 'readwrite');
    tx.objectStore('projects').put({ name: 'old', createdAt: 1, updatedAt: 1 });
    tx.objectStore('runs').put({
      id: 'oldrun01', project: 'old', name: 'kept-run-1', state: 'finished', group: null, tags: [], notes: '', config: { lr: 0.01 },
      summary: { loss: values[5999] }, environment: { tfjsBackend: 'cpu', webgpuAdapter: null, userAgent: 'v2', hardwareConcurrency: 2, deviceMemoryGb: null, appVersion: 'v2' },
      createdAt: 1, updatedAt: 2, heartbeatAt: 2, finishedAt: 2, exitCode: 0, error: null, warnings: [], code: { notebookId: null, cells: [] },
    });
    tx.objectStore('series').put({
      runId: 'oldrun01', metric: 'loss', count: 6000,
      chunks: chunks.map((v, c) => ({ firstStep: c * 4096, lastStep: c * 4096 + v.length - 1, min: Math.min(...v), max: Math.max(...v), last: v[v.length - 1], count: v.length })),
    });
    chunks.forEach((v, c) => tx.objectStore('chunks').put({ runId: 'oldrun01', metric: 'loss', chunk: c, firstStep: c * 4096, steps: null, values: v }));
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
}

test('a database left by the previous version opens: its run charts draw, the workspace reads it from the coarse level built on upgrade and zooms into its old chunks', async () => {
  const context = await newContext();
  const seeder = await context.newPage();
  await seeder.goto(appUrl('not-the-app'));
  await seedVersion2(seeder);
  await seeder.close();

  const { page, problems } = await openApp(context, '#/p/old/r/oldrun01');
  assert.equal(await page.evaluate(() => window.labbook.store.db.version), 4);
  const selector = 'figure.line-chart[data-metric="loss"]';
  await page.waitForFunction((s) => Number(document.querySelector(s)?.dataset.points) > 0, selector);
  assert.ok((await drawnPixels(page, selector)) > 200, 'the loss chart drew its line');

  const overview = await page.evaluate(async () => {
    const { series, timings } = await window.labbook.store.seriesOverview({ project: 'old', metric: 'loss', runIds: ['oldrun01'], buckets: 300 });
    return { coarseRuns: timings.coarseRuns, buckets: series[0].x.length, max: Math.max(...series[0].max), lastX: series[0].x.at(-1) };
  });
  assert.deepEqual(overview, { coarseRuns: 1, buckets: 300, max: 1000, lastX: 5999 });
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
