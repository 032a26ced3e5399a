import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newContext } from './harness/contexts.mjs';
import { openApp, waitForAsync } from './harness/app.mjs';

test('the dropout example trains a tfjs MLP with run.callback() to a finished run with train and validation loss', async () => {
  const context = await newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await openApp(context);
  await page.click('[data-testid="example-dropout.ipynb"]');
  await page.waitForURL(/#\/nb\//);
  await page.locator('.cell .monaco-editor').first().waitFor({ timeout: 30_000 });
  // The example explains itself in markdown cells (a title, the dropout mask, the loss), rendered as it opens.
  assert.equal(await page.locator('[data-testid=markdown-rendered] h1').innerText(), 'Dropout experiment');
  assert.ok((await page.locator('[data-testid=markdown-rendered] .katex-display').count()) >= 1, 'the loss shows as a display formula');
  await page.click('[data-testid=run-all]');
  // Run all skips the markdown cells: the second code cell trains and shows the run's summary.
  await page.locator('.cell:not(.cell-markdown)').nth(1).locator('.result').waitFor({ timeout: 120_000 });
  const run = await waitForAsync(page, () => window.labbook.store.listRuns('dropout-experiment').then((runs) => runs[0]?.state === 'finished' && runs[0]));
  const series = await page.evaluate((id) => Promise.all(['epoch/loss', 'epoch/val_loss', 'batch/loss'].map((m) => window.labbook.store.series(id, m, { buckets: 1e6 }).then((s) => Array.from(s.last)))), run.id);
  assert.equal(series[0].length, 20);
  assert.equal(series[1].length, 20);
  assert.equal(series[2].length, 20 * Math.ceil(600 / 32));
  assert.ok(series[0][19] < series[0][0], `training loss falls: ${series[0][0]} → ${series[0][19]}`);
  assert.ok(typeof run.config.dropout === 'number' && run.config.model.layers.length === 5);
  await page.screenshot({ path: path.join(os.tmpdir(), 'labbook-dropout-notebook.png'), fullPage: true });

  // The run page shows the code that produced the run, and reopens it as a notebook.
  await page.goto(page.url().split('#')[0] + `#/p/dropout-experiment/r/${run.id}`);
  // The sources are read by hash after the run record: the first cell shown is the signal that they arrived.
  await page.locator('[data-testid=code] .code-cell pre').first().waitFor();
  const code = await page.locator('[data-testid=code]').innerText();
  assert.match(code, /function spirals/);
  assert.match(code, /callbacks: \[run\.callback\(\)\]/);
  await page.click('[data-testid=open-as-notebook]');
  await page.waitForURL(/#\/nb\//);
  const reopened = await page.evaluate(() => window.labbook.store.listNotebooks().then((nbs) => nbs[0]));
  assert.equal(reopened.cells.length, 2);
  assert.match(reopened.name, /\(code\)$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Fashion-MNIST example trains a CNN on wasm, logs a predictions table, and grouping it by truth shows ten classes of score histograms', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 1000 } });
  const { page, problems } = await openApp(context);
  assert.equal(await page.evaluate(() => window.labbook.session.environment.tfjsBackend), 'wasm');
  await page.click('[data-testid="example-fashion-mnist.ipynb"]');
  await page.waitForURL(/#\/nb\//);
  await page.locator('.cell .monaco-editor').first().waitFor({ timeout: 30_000 });
  await page.click('[data-testid=run-all]');
  const codeCells = page.locator('.cell:not(.cell-markdown)');
  // The data cell shows eight training images with their class names; the last cell reports the test accuracy.
  await codeCells.nth(0).locator('.result').waitFor({ timeout: 60_000 });
  assert.match(await codeCells.nth(0).locator('.result').innerText(), /12000 train and 2000 test images of 10 classes/);
  assert.equal(await codeCells.nth(0).locator('[data-testid=image]').count(), 8);
  await codeCells.nth(2).locator('.result').waitFor({ timeout: 300_000 });
  const run = await waitForAsync(page, () => window.labbook.store.listRuns('fashion-mnist').then((runs) => runs[0]?.state === 'finished' && runs[0]));
  assert.ok(run.summary.test_accuracy > 0.7, `test accuracy ${run.summary.test_accuracy}`);
  assert.deepEqual(run.tables.predictions, { mode: 'immutable', versions: 1, rows: 2000, step: run.tables.predictions.step });

  await page.goto(page.url().split('#')[0] + `#/p/fashion-mnist/r/${run.id}`);
  const grid = page.locator('[data-testid=run-table][data-key=predictions]');
  await grid.locator('tr.table-row').first().waitFor();
  await grid.locator('[data-testid=table-group-by]').selectOption('truth');
  await grid.locator('[data-testid=table-row-count]', { hasText: '10 groups' }).waitFor();
  // Ten groups (all rendered: the grid is tall enough for its overscan), their counts summing to the test set.
  await grid.locator('tr.group-row').nth(9).waitFor();
  const counts = (await grid.locator('[data-testid=group-count]').allInnerTexts()).map(Number);
  assert.equal(counts.length, 10);
  assert.equal(counts.reduce((a, b) => a + b, 0), 2000);
  // Each group's score histograms are drawn: bars with height, not just elements.
  const drawn = await grid.locator('tr.group-row [data-testid=score-histograms]').evaluateAll((cells) => cells.map((cell) => [...cell.querySelectorAll('rect')].filter((r) => Number(r.getAttribute('height')) > 0.5).length));
  assert.equal(drawn.length, 10);
  for (const bars of drawn) assert.ok(bars >= 10, `a group draws ${bars} histogram bars`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a notebook exported as .ipynb imports back with the same cells; a malformed file is refused and changes nothing', async () => {
  const context = await newContext({ acceptDownloads: true });
  const { page } = await openApp(context);
  await page.click('[data-testid="example-quickstart.ipynb"]');
  await page.waitForURL(/#\/nb\//);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-ipynb]')]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ipynb-')), download.suggestedFilename());
  await download.saveAs(file);
  assert.equal(path.basename(file), 'Quickstart.ipynb');
  const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(exported.nbformat, 4);
  assert.equal(exported.metadata.kernelspec.language, 'typescript');

  await page.goto(page.url().split('#')[0] + '#/');
  await page.setInputFiles('[data-testid=import-ipynb]', file);
  await page.waitForURL(/#\/nb\//);
  const notebooks = await page.evaluate(() => window.labbook.store.listNotebooks());
  assert.equal(notebooks.length, 2);
  assert.deepEqual(notebooks[0].cells.map((c) => c.source), notebooks[1].cells.map((c) => c.source));

  // The example's card opens the copy it made the first time, not a new one; the imported file is not that copy.
  const copy = notebooks.find((nb) => nb.example === 'quickstart.ipynb');
  assert.ok(copy && notebooks.filter((nb) => nb.example).length === 1, 'one notebook is the example\'s copy');
  await page.goto(page.url().split('#')[0] + '#/');
  await page.locator('[data-testid="example-quickstart.ipynb"] .example-copy').waitFor();
  assert.match(await page.locator('[data-testid="example-quickstart.ipynb"]').innerText(), /Opens your copy, “Quickstart”/);
  await page.click('[data-testid="example-quickstart.ipynb"]');
  await page.waitForURL(new RegExp(`#/nb/${copy.id}$`));
  assert.equal((await page.evaluate(() => window.labbook.store.listNotebooks())).length, 2);

  await page.goto(page.url().split('#')[0] + '#/');
  const broken = path.join(path.dirname(file), 'broken.ipynb');
  fs.writeFileSync(broken, '{"cells": [');
  await page.setInputFiles('[data-testid=import-ipynb]', broken);
  assert.match(await page.locator('[data-testid=import-error]').innerText(), /broken: not a notebook: the file is not valid JSON/);
  assert.equal((await page.evaluate(() => window.labbook.store.listNotebooks())).length, 2);
  await context.close();
});
