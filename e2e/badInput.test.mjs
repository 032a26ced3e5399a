import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext } from './harness/contexts.mjs';
import { openApp, executeInKernel, appUrl, waitForAsync } from './harness/app.mjs';

const onlyRun = (page, project) => page.evaluate((p) => window.labbook.store.listRuns(p).then((runs) => runs[0]), project);
const pointCount = (page, runId, metric) =>
  page.evaluate(([id, m]) => window.labbook.store.series(id, m, { buckets: 1e6 }).then((s) => s.x.length), [runId, metric]);

test('a bad log value fails the cell naming the key; what was logged before stays, NaN and Infinity are kept', async () => {
  const context = await newContext();
  const { page } = await openApp(context);
  const outcome = await executeInKernel(page, `
    const run = await init({ project: 'bad' });
    run.log({ a: 1, nested: { b: 2 } });
    run.log({ a: 2, odd: NaN, big: Infinity });
    run.log({ a: 3, label: 'cat' });`);
  assert.equal(outcome.ok, false);
  assert.match(outcome.error.message, /"label" is a string/);
  assert.deepEqual(outcome.error.position, { line: 5, column: 9 });

  const run = await onlyRun(page, 'bad');
  assert.equal(run.state, 'failed');
  assert.match(run.error, /"label" is a string/);
  assert.equal(await pointCount(page, run.id, 'a'), 2);
  assert.equal(await pointCount(page, run.id, 'nested/b'), 1);
  assert.ok(Number.isNaN(run.summary.odd));
  assert.equal(run.summary.big, Infinity);

  await page.goto(appUrl(`#/p/bad/r/${run.id}`));
  const summary = await page.locator('[data-testid=summary]').innerText();
  assert.match(summary, /odd\s+NaN/);
  assert.match(summary, /big\s+Infinity/);
  assert.match(await page.locator('[data-testid=run-error]').innerText(), /"label" is a string/);
  await context.close();
});

test('a step that goes backwards is refused from the history with a warning, and the summary keeps the value', async () => {
  const context = await newContext();
  const { page } = await openApp(context);
  const outcome = await executeInKernel(page, `
    const run = await init({ project: 'steps' });
    run.log({ loss: 1 }, { step: 10 });
    run.log({ loss: 0.5 }, { step: 11 });
    run.log({ loss: 0.1 }, { step: 3 });
    await run.finish();`);
  assert.equal(outcome.ok, true);
  assert.match(outcome.outputs.map((o) => o.text).join(''), /step 3 is lower than the current step 11/);
  const run = await onlyRun(page, 'steps');
  assert.equal(run.summary.loss, 0.1);
  assert.equal(run.warnings.length, 1);
  assert.equal(await pointCount(page, run.id, 'loss'), 2);
  await context.close();
});

test('a full disk fails the run with a clear message and keeps what was stored before', async () => {
  const context = await newContext();
  const { page } = await openApp(context);
  // Chromium's quota override (DevTools protocol) makes IndexedDB refuse writes past the given size, as a full disk does.
  const origin = new URL(appUrl()).origin;
  const cdp = await context.newCDPSession(page);
  const usage = await page.evaluate(() => navigator.storage.estimate().then((e) => e.usage));
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 1024 * 1024 });
  const outcome = await executeInKernel(page, `
    const run = await init({ project: 'full' });
    for (let i = 0; i < 1000; i++) run.log({ x: i });
    await run.flush();
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < 5000; i++) run.log({ x: Math.random(), y: Math.random(), z: Math.random() });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }`);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  assert.equal(outcome.ok, false);
  assert.match(outcome.error.message, /browser storage is full: delete runs or projects \(Settings → Storage\) to free space/);

  // The failed state itself may not have fitted on the full disk; it is written again once space frees up.
  await waitForAsync(page, () => window.labbook.store.listRuns('full').then((runs) => runs[0]?.state === 'failed'), null, { timeout: 15_000 });
  const run = await onlyRun(page, 'full');
  assert.equal(run.error, 'browser storage is full: delete runs or projects (Settings → Storage) to free space', JSON.stringify(run));
  assert.ok((await pointCount(page, run.id, 'x')) >= 1000, 'points stored before the disk filled are still readable');
  assert.match(await page.getByRole('alert').innerText(), /browser storage is full/);
  await context.close();
});
