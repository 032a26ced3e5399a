import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext } from './harness/contexts.mjs';
import { appUrl, openApp } from './harness/app.mjs';

/** The source the Monaco editor of the first cell shows (Monaco renders spaces as non-breaking ones). */
async function firstCellText(page) {
  return (await page.locator('.cell').first().locator('.monaco-editor .view-lines').innerText()).replace(/\u00a0/g, ' ');
}

test('a notebook open in two tabs: what is typed in one shows in the other, and the toolbar says it is saved', async () => {
  const context = await newContext({ viewport: { width: 1280, height: 900 } });
  const { page: first, problems } = await openApp(context);
  await first.evaluate(() =>
    window.labbook.store.saveNotebook({ id: 'nb-tabs', name: 'tabs', cells: [{ id: 'c0', kind: 'code', language: 'typescript', source: '' }], createdAt: 1, updatedAt: 1 }),
  );
  await first.goto(appUrl('#/nb/nb-tabs'));
  const second = await context.newPage();
  await second.goto(appUrl('#/nb/nb-tabs'));
  for (const page of [first, second]) await page.locator('.cell .monaco-editor textarea').waitFor({ state: 'attached', timeout: 30_000 });

  await first.locator('.cell .monaco-editor .view-lines').click();
  await first.keyboard.type('const fromFirstTab = 1;');
  await first.locator('[data-testid=save-status]', { hasText: /^saved$/ }).waitFor();
  await second.waitForFunction(() => document.querySelector('.cell .monaco-editor .view-lines')?.textContent?.includes('fromFirstTab'));
  assert.match(await firstCellText(second), /const fromFirstTab = 1;/);
  assert.equal(await second.locator('[data-testid=notebook-conflict]').count(), 0);

  // The second tab continues where the first left off; the first takes that in turn.
  await second.locator('.cell .monaco-editor .view-lines').click();
  await second.keyboard.press('End');
  await second.keyboard.type(' const fromSecondTab = 2;');
  await first.waitForFunction(() => document.querySelector('.cell .monaco-editor .view-lines')?.textContent?.includes('fromSecondTab'));
  const stored = await first.evaluate(() => window.labbook.store.getNotebook('nb-tabs').then((nb) => nb.cells[0].source));
  assert.equal(stored, 'const fromFirstTab = 1; const fromSecondTab = 2;');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a newer Labbook opening the database in another tab makes this tab say "Labbook was updated in another tab: reload"', async () => {
  const context = await newContext();
  const { page } = await openApp(context);
  const other = await context.newPage();
  await other.goto(appUrl());
  // What a newer version of the app does on start: open the database at a higher schema version.
  const upgraded = other.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const probe = indexedDB.open('labbook');
        probe.onsuccess = () => {
          const version = probe.result.version;
          probe.result.close();
          const request = indexedDB.open('labbook', version + 1);
          request.onsuccess = () => resolve(request.result.version);
          request.onerror = () => reject(request.error);
        };
      }),
  );
  const banner = page.locator('[data-testid=storage-closed]');
  await banner.waitFor();
  assert.match(await banner.innerText(), /Labbook was updated in another tab: reload/);
  assert.ok((await upgraded) > 1);
  await page.getByRole('button', { name: 'Reload' }).waitFor();
  await context.close();
});
