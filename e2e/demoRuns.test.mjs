import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext } from './harness/contexts.mjs';
import { openApp, drawnPixels } from './harness/app.mjs';

test('"Create demo runs" makes 3 runs of 1,000 steps whose run page draws its charts', async () => {
  const context = await newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await openApp(context);
  await page.click('[data-testid=create-demo]');
  await page.getByText('created 3 demo runs in project quickstart').waitFor({ timeout: 60_000 });

  await page.click('a[href="#/p/quickstart"]');
  await page.click('[data-testid=view-table]');
  const rows = page.locator('[data-testid=runs-table] tbody tr');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=runs-table] tbody tr').length === 3);
  assert.equal(await rows.count(), 3);
  assert.deepEqual(await page.locator('[data-testid=runs-table] .state-badge').allTextContents(), ['finished', 'finished', 'finished']);
  const names = await page.locator('[data-testid=runs-table] tbody tr td:first-child a').allTextContents();
  assert.equal(new Set(names).size, 3, `three distinct names: ${names}`);
  for (const name of names) assert.match(name, /^[a-z]+-[a-z]+-[1-3]$/);

  await rows.first().locator('a').click();
  await page.locator('[data-testid=run-name]').waitFor();
  const chart = page.locator('figure.line-chart[data-metric="acc"]');
  await page.waitForFunction(() => Number(document.querySelector('figure.line-chart[data-metric="acc"]')?.dataset.points) > 0);
  assert.ok((await drawnPixels(page, 'figure.line-chart[data-metric="acc"]')) > 200, 'the acc chart drew its line');
  // System charts (system/…) join them when the run lived long enough for a 2 s sample: a loaded machine's timing.
  const charted = await page.locator('figure.line-chart').evaluateAll((figures) => figures.map((f) => f.dataset.metric).filter((m) => !m.startsWith('system/')).sort());
  assert.deepEqual(charted, ['acc', 'epoch', 'loss'], 'one chart each for acc, loss and epoch');
  assert.ok(Number(await chart.getAttribute('data-points')) > 100);

  const runId = await page.evaluate(() => location.hash.split('/').pop());
  const stored = await page.evaluate((id) => window.labbook.store.series(id, 'acc', { buckets: 5000 }).then((s) => ({ n: s.x.length, exact: s.exact, first: s.x[0], last: s.x[s.x.length - 1] })), runId);
  assert.deepEqual(stored, { n: 1000, exact: true, first: 0, last: 999 });
  assert.match(await page.locator('[data-testid=config]').innerText(), /dropout/);
  const backend = await page.evaluate(() => window.labbook.session.environment.tfjsBackend);
  assert.match(backend, /^(webgpu|webgl|wasm|cpu)$/);
  assert.match(await page.locator('[data-testid=environment]').innerText(), new RegExp(`tfjs backend\\s+${backend}`));
  assert.deepEqual(problems, []);
  await context.close();
});

test('sorting the runs table by a summary column orders the runs by that value', async () => {
  const context = await newContext();
  const { page } = await openApp(context);
  await page.click('[data-testid=create-demo]');
  await page.getByText('created 3 demo runs in project quickstart').waitFor({ timeout: 60_000 });
  await page.goto(`${page.url().split('#')[0]}#/p/quickstart`);
  await page.click('[data-testid=view-table]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=runs-table] tbody tr').length === 3);
  // The stored runs by their loss, lowest first: the order the table must show.
  const byLoss = await page.evaluate(() => window.labbook.store.listRuns('quickstart').then((runs) => runs.sort((a, b) => a.summary.loss - b.summary.loss).map((r) => r.name)));
  assert.equal(new Set(byLoss).size, 3);
  const header = page.locator('th[data-column="summary:loss"]');
  const namesShown = () => page.locator('[data-testid=runs-table] tbody tr td:first-child a').allTextContents();
  await header.click();
  await header.locator('.sort-arrow', { hasText: '▲' }).waitFor();
  assert.deepEqual(await namesShown(), byLoss);
  await header.click();
  await header.locator('.sort-arrow', { hasText: '▼' }).waitFor();
  assert.deepEqual(await namesShown(), [...byLoss].reverse());
  await context.close();
});
