import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext } from './harness/contexts.mjs';
import { appUrl, openApp } from './harness/app.mjs';
import { createDemoRuns } from './harness/demoRuns.mjs';
import { seriousViolations } from './harness/axe.mjs';

test('axe-core finds no serious or critical violation on the home page, a notebook, a workspace with every panel type, its runs table, a run page, settings and the dialogs', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 900 } });
  const { page, problems } = await openApp(context);
  await createDemoRuns(page, { project: 'a11y', runs: 12, steps: 100 });
  const views = {};
  await page.goto(appUrl('#/'));
  await page.locator('[data-testid="example-quickstart.ipynb"]').waitFor();
  views.home = await seriousViolations(page);
  await page.click('[data-testid="example-quickstart.ipynb"]');
  await page.waitForURL(/#\/nb\//);
  await page.locator('.cell .monaco-editor').first().waitFor({ timeout: 30_000 });
  await page.click('[data-testid=run-all]');
  await page.locator('.cell .result, .cell [data-testid=cell-error]').first().waitFor({ timeout: 60_000 });
  views.notebook = await seriousViolations(page);
  await page.goto(appUrl('#/p/a11y'));
  await page.locator('.multi-line-chart[data-drawn="true"]').first().waitFor();
  views.workspace = await seriousViolations(page);
  await page.click('[data-testid=add-panel]');
  await page.locator('[data-testid=add-panel-dialog]').waitFor();
  views.addPanel = await seriousViolations(page);
  await page.keyboard.press('Escape');
  await page.locator('[data-testid=add-panel-dialog]').waitFor({ state: 'detached' });
  // Every other kind of panel beside the line panels, each added as a user does (it opens with its settings).
  for (const kind of ['bar', 'scatter', 'comparer', 'importance', 'parallel', 'table', 'media']) {
    await page.click('[data-testid=add-panel]');
    await page.click(`[data-testid=add-${kind}]`);
    await page.locator(`.panel[data-panel-type=${kind}]`).first().waitFor();
  }
  await page.locator('[data-testid=importance-row], [data-testid=importance-too-few]').first().waitFor();
  views.everyPanel = await seriousViolations(page);
  // The run comparer scrolls sideways under a pinned key column.
  const scroller = page.locator('.comparer-scroll').first();
  const keyX = () => page.locator('[data-testid=comparer-key]').first().evaluate((cell) => cell.getBoundingClientRect().x);
  const before = await keyX();
  assert.ok(await scroller.evaluate((element) => element.scrollWidth > element.clientWidth), 'the comparer of 12 runs is wider than its panel');
  await scroller.evaluate((element) => element.scrollBy(200, 0));
  assert.equal(await keyX(), before, 'the key column stays where it was');
  await page.locator('[data-testid=delete-run]').first().click();
  await page.locator('[data-testid=delete-runs-dialog], dialog[open]').first().waitFor();
  views.deleteRun = await seriousViolations(page);
  await page.keyboard.press('Escape');
  await page.locator('dialog[open]').waitFor({ state: 'detached' });
  await page.click('text=Table');
  await page.locator('[data-testid=runs-table], .runs-table').first().waitFor();
  views.runsTable = await seriousViolations(page);
  await page.goto(appUrl('#/p/a11y/r/a11y-0'));
  await page.locator('.line-chart').first().waitFor();
  views.runPage = await seriousViolations(page);
  await page.goto(appUrl('#/settings'));
  await page.locator('h1', { hasText: 'Settings' }).waitFor();
  views.settings = await seriousViolations(page);
  for (const [view, found] of Object.entries(views)) assert.deepEqual(found, [], `${view}: ${found.join('; ')}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('by keyboard: Tab reaches Import .ipynb; Add panel opens with focus inside, Escape closes it and focus returns to its button; eye toggles are named', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 900 } });
  const { page } = await openApp(context);
  await createDemoRuns(page, { project: 'keys', runs: 3, steps: 20 });
  await page.goto(appUrl('#/'));
  await page.locator('[data-testid=import-ipynb]').waitFor({ state: 'attached' });
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.dataset.testid === 'import-ipynb');
  }
  assert.ok(reached, 'Tab reaches the .ipynb file picker');

  await page.goto(appUrl('#/p/keys'));
  await page.locator('.multi-line-chart[data-drawn="true"]').first().waitFor();
  assert.match(await page.locator('[data-testid=eye]').first().getAttribute('aria-label'), /^Show keys-run-\d in the panels$/);
  await page.locator('[data-testid=add-panel]').focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=add-panel-dialog]').waitFor();
  assert.ok(await page.evaluate(() => document.querySelector('[data-testid=add-panel-dialog]').contains(document.activeElement)), 'focus is inside the dialog');
  // Focus stays inside while tabbing round (the page behind is inert).
  for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.querySelector('[data-testid=add-panel-dialog]').contains(document.activeElement)), 'Tab keeps focus in the dialog');
  await page.screenshot({ path: '/tmp/labbook-add-panel-keyboard.png' });
  await page.keyboard.press('Escape');
  await page.locator('[data-testid=add-panel-dialog]').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'add-panel', 'focus returns to the button that opened it');
  await context.close();
});
