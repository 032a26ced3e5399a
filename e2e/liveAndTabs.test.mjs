import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext } from './harness/contexts.mjs';
import { openApp, executeInKernel, appUrl, waitForAsync } from './harness/app.mjs';

const runsOf = (page, project) => page.evaluate((p) => window.labbook.store.listRuns(p), project);

test('the run page chart grows while the run is still logging', async () => {
  const context = await newContext();
  const { page, problems } = await openApp(context);
  await page.evaluate(() => {
    window.__execution = window.labbook.session.execute(`
      const run = await init({ project: 'live' });
      for (let i = 0; i < 50; i++) run.log({ x: i });
      // Holds the run open, half logged, until the test has seen that half on the run page.
      await new Promise((resolve) => {
        const gate = new BroadcastChannel('e2e-live-gate');
        gate.onmessage = () => (gate.close(), resolve());
      });
      for (let i = 50; i < 100; i++) run.log({ x: i });
      await run.finish();`);
  });
  await waitForAsync(page, () => window.labbook.store.listRuns('live').then((runs) => runs.length === 1));
  const [run] = await runsOf(page, 'live');
  await page.goto(appUrl(`#/p/live/r/${run.id}`));
  await page.waitForFunction(() => document.querySelector('figure[data-metric="x"]')?.dataset.points === '50');
  assert.equal(await page.locator('.run-meta .state-badge').innerText(), 'running');
  await page.evaluate(() => new BroadcastChannel('e2e-live-gate').postMessage('go'));
  await page.waitForFunction(() => document.querySelector('figure[data-metric="x"]')?.dataset.points === '100', null, { timeout: 15_000 });
  await page.locator('.run-meta .state-finished').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('two tabs see each other\'s runs live and lose no write when logging at once', async () => {
  const context = await newContext();
  const { page: first } = await openApp(context);
  const { page: second } = await openApp(context, '#/p/shared');
  await second.click('[data-testid=view-table]');
  const script = (tab) => `
    for (let r = 0; r < 4; r++) {
      const run = await init({ project: 'shared', name: '${tab}-' + r, config: { tab: '${tab}' } });
      for (let s = 0; s < 3000; s++) {
        run.log({ loss: 1 / (s + 1), acc: s / 3000 });
        if (s % 500 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await run.finish();
    }`;
  const outcomes = await Promise.all([executeInKernel(first, script('a')), executeInKernel(second, script('b'))]);
  for (const outcome of outcomes) assert.equal(outcome.ok, true, JSON.stringify(outcome));
  // The second tab's table shows all 8 runs (4 written by the other tab) without a reload.
  await second.waitForFunction(() => document.querySelectorAll('[data-testid=runs-table] tbody tr').length === 8);
  await second.waitForFunction(() => document.querySelectorAll('[data-testid=runs-table] .state-finished').length === 8);
  const counts = await first.evaluate(async () => {
    const runs = await window.labbook.store.listRuns('shared');
    return Promise.all(runs.map(async (r) => (await window.labbook.store.series(r.id, 'loss', { buckets: 10_000 })).x.length));
  });
  assert.deepEqual(counts, Array(8).fill(3000));
  await context.close();
});

test('a run left running by a closed tab shows crashed, with the reason, in the next tab at once (no 30 s wait for its heartbeat)', async () => {
  const context = await newContext();
  const { page: doomed } = await openApp(context);
  await doomed.evaluate(() => {
    void window.labbook.session.execute(`
      const run = await init({ project: 'crashy' });
      run.log({ loss: 1 });
      await new Promise(() => {});`);
  });
  await waitForAsync(doomed, () => window.labbook.store.listRuns('crashy').then((runs) => runs.length === 1));
  await doomed.close();

  const later = await context.newPage();
  await later.goto(appUrl('#/p/crashy'));
  await later.click('[data-testid=view-table]');
  await later.locator('[data-testid=runs-table] .state-crashed').waitFor({ timeout: 30_000 });
  const [run] = await runsOf(later, 'crashy');
  assert.equal(run.state, 'crashed');
  assert.equal(run.error, 'the tab was closed or reloaded while the run was running');
  await context.close();
});
