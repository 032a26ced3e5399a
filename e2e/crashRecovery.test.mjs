import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext } from './harness/contexts.mjs';
import { appUrl, openApp, waitForAsync } from './harness/app.mjs';
import { crashTrial, inspectTrials } from './harness/crashTrials.mjs';

test('a tab killed while a cell logs at full speed leaves a crashed run whose history is an intact prefix of what was logged', async () => {
  const context = await newContext();
  const baseUrl = appUrl();
  const kills = [];
  // Early, mid-flush and late: the benchmark (npm run bench crash) does 20 random moments and measures the loss.
  for (const [trial, logForMs] of [[0, 0], [1, 400], [2, 1500]]) kills.push(await crashTrial(context, { baseUrl, trial, logForMs }));
  const results = await inspectTrials(context, { baseUrl, kills });
  assert.equal(results.length, 3);
  for (const result of results) {
    assert.equal(result.state, 'crashed', `trial ${result.trial}`);
    assert.deepEqual(result.problems, [], `trial ${result.trial}`);
    assert.ok(result.steps > 0, `trial ${result.trial} kept no step`);
  }
  await context.close();
});

/** Starts a run in `page` that logs until its tab goes away; resolves once it has stored points. */
async function startEndlessRun(page, project) {
  await page.evaluate((name) => void window.labbook.session.execute(`
    const run = await init({ project: '${name}' });
    for (let step = 0; ; step++) { run.log({ step }); await new Promise((resolve) => setTimeout(resolve, 5)); }`), project);
  await waitForAsync(page, (name) => window.labbook.store.listRuns(name).then((runs) => runs.length === 1 && 'step' in runs[0].summary), project);
}

test('reloading a tab mid-run ends its run crashed with the reason, without waiting for the heartbeat to lapse', async () => {
  const context = await newContext();
  const { page } = await openApp(context);
  await startEndlessRun(page, 'reloaded');
  await page.reload();
  await waitForAsync(page, () => window.labbook?.store.listRuns('reloaded').then((runs) => runs[0].state !== 'running'));
  const [run] = await page.evaluate(() => window.labbook.store.listRuns('reloaded'));
  assert.equal(run.state, 'crashed');
  assert.equal(run.error, 'the tab was closed or reloaded while the run was running');
  await context.close();
});

test('a run of another tab that went silent shows crashed in an open tab once its heartbeat is 30 s old (checked every 10 s)', async () => {
  const context = await newContext();
  const page = await context.newPage();
  // The tab's clock is fake so that 40 s pass in an instant: its checks are timers that read Date.now().
  await page.clock.install();
  await page.goto(appUrl());
  await page.waitForFunction(() => window.labbook?.session?.status === 'idle', null, { timeout: 60_000 });
  // A run as a tab that died would leave it: running, its last heartbeat now, no writer in this tab.
  await page.evaluate(() => {
    const now = Date.now();
    return window.labbook.store.createRun({
      id: 'silent-run', name: 'silent-1', project: 'silent', config: {}, group: null, tags: [], notes: '', environment: null,
      state: 'running', summary: {}, createdAt: now, updatedAt: now, heartbeatAt: now, finishedAt: null, exitCode: null, error: null, warnings: [],
    });
  });
  const state = () => page.evaluate(() => window.labbook.store.getRun('silent-run').then((run) => run.state));
  await page.clock.runFor(20_000);
  assert.equal(await state(), 'running');
  await page.clock.runFor(20_000);
  await waitForAsync(page, () => window.labbook.store.getRun('silent-run').then((run) => run.state === 'crashed'));
  await context.close();
});
