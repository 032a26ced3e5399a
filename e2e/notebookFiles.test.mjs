import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext } from './harness/contexts.mjs';
import { afterFrames, appUrl, openApp, waitForAsync } from './harness/app.mjs';

const notebookNames = (page) => page.evaluate(() => window.labbook.store.listNotebooks().then((nbs) => nbs.map((nb) => nb.name).sort()));

test('notebooks are renamed in place, duplicated and deleted from the home page (delete asks first)', async () => {
  const context = await newContext();
  const { page, problems } = await openApp(context);
  await page.click('[data-testid=new-notebook]');
  await page.waitForURL(/#\/nb\//);
  const name = page.getByLabel('Notebook name');
  await name.fill('spirals baseline');
  await name.press('Enter');
  await waitForAsync(page, () => window.labbook.store.listNotebooks().then((nbs) => nbs[0]?.name === 'spirals baseline'));

  await page.goto(appUrl('#/'));
  const row = (text) => page.locator('table.grid tr', { has: page.getByRole('link', { name: text, exact: true }) });
  await row('spirals baseline').locator('[data-testid=duplicate-notebook]').click();
  await row('spirals baseline (copy)').waitFor();
  assert.deepEqual(await notebookNames(page), ['spirals baseline', 'spirals baseline (copy)']);

  // Saying no to the question keeps it; yes deletes it.
  const dismissed = new Promise((resolve) => page.once('dialog', (dialog) => dialog.dismiss().then(() => resolve(dialog.message()))));
  await row('spirals baseline').locator('[data-testid=delete-notebook]').click();
  assert.match(await dismissed, /spirals baseline/, 'the question names the notebook');
  // Frames after the answer: the click's handler has finished; the notebook is still listed and stored.
  await afterFrames(page);
  await row('spirals baseline').waitFor();
  assert.deepEqual(await notebookNames(page), ['spirals baseline', 'spirals baseline (copy)']);
  page.once('dialog', (dialog) => dialog.accept());
  await row('spirals baseline').locator('[data-testid=delete-notebook]').click();
  await row('spirals baseline').waitFor({ state: 'detached' });
  assert.deepEqual(await notebookNames(page), ['spirals baseline (copy)']);
  assert.deepEqual(problems, []);
  await context.close();
});
