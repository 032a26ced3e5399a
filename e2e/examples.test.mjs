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
