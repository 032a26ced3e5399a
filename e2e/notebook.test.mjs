import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext } from './harness/contexts.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, waitForSavedNotebooks } from './harness/app.mjs';
import { pythonHas, runPython } from './harness/python.mjs';

/** Types into the Monaco editor of the cell at `index` (0-based). */
async function typeInCell(page, index, text) {
  const editor = page.locator('.cell').nth(index).locator('.monaco-editor textarea');
  await editor.waitFor({ state: 'attached', timeout: 30_000 });
  await page.locator('.cell').nth(index).locator('.monaco-editor .view-lines').click();
  await page.keyboard.type(text);
}

test('a new notebook runs typed TypeScript with Shift+Enter, streams output, keeps scope, and survives a reload', async () => {
  const context = await newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await openApp(context);
  await page.click('[data-testid=new-notebook]');
  await page.waitForURL(/#\/nb\//);

  await typeInCell(page, 0, "const greeting: string = 'hello';\nconsole.log(greeting, 'from the kernel');\n21 * 2");
  await page.keyboard.press('Shift+Enter');
  const firstOutput = page.locator('.cell').nth(0).locator('[data-testid=output]');
  await firstOutput.getByText('hello from the kernel').waitFor();
  await firstOutput.locator('.result').getByText('42').waitFor();
  assert.equal(await page.locator('.cell').nth(0).locator('[data-testid=counter]').innerText(), '[1]');
  // The cell's toolbar, shown on hover, sits on its top border and covers none of its first line.
  await page.locator('.cell').nth(0).hover();
  const toolbar = await page.locator('.cell').nth(0).locator('.cell-actions').boundingBox();
  const firstLine = await page.locator('.cell').nth(0).locator('.monaco-editor .view-line').first().boundingBox();
  assert.ok(toolbar.y + toolbar.height <= firstLine.y + 1, `toolbar bottom ${toolbar.y + toolbar.height} above the first line's top ${firstLine.y}`);

  // Shift+Enter added and focused a second cell; it reads the first cell's name.
  assert.equal(await page.locator('.cell').count(), 2);
  await page.locator('.cell').nth(1).locator('.monaco-editor textarea').waitFor({ state: 'attached' });
  await page.keyboard.type('greeting.toUpperCase()');
  await page.keyboard.press('Control+Enter');
  await page.locator('.cell').nth(1).locator('.result').getByText('HELLO').waitFor();

  // Re-running the first cell after the second makes the second stale until it runs again.
  await page.locator('.cell').nth(0).locator('.run-cell').click();
  await page.locator('.cell').nth(1).locator('[data-testid=stale]').waitFor();
  await page.locator('.cell').nth(1).locator('.run-cell').click();
  await page.locator('.cell').nth(1).locator('[data-testid=stale]').waitFor({ state: 'detached' });

  // An error shows its line inside the cell.
  await page.click('[data-testid=add-cell]');
  await page.locator('.cell').nth(2).locator('.monaco-editor textarea').waitFor({ state: 'attached' });
  await page.keyboard.type('const ok = 1;\nnotDefined.call();');
  await page.keyboard.press('Control+Enter');
  const error = await page.locator('.cell').nth(2).locator('[data-testid=cell-error]').innerText();
  assert.match(error, /ReferenceError: notDefined is not defined/);
  assert.match(error, /line 2, column 1 of this cell/);

  // Restart clears the scope; "run above" on the third cell re-runs the first two in order.
  await page.click('[data-testid=restart]');
  await page.waitForFunction(() => window.labbook.session.status === 'idle', null, { timeout: 60_000 });
  await page.locator('.cell').nth(2).hover();
  await page.locator('.cell').nth(2).locator('[data-testid=run-above]').click();
  await page.locator('.cell').nth(1).locator('.result').getByText('HELLO').waitFor();
  assert.equal(await page.locator('.cell').nth(1).locator('[data-testid=counter]').innerText(), '[2]');

  const typed = ["const greeting: string = 'hello';\nconsole.log(greeting, 'from the kernel');\n21 * 2", 'greeting.toUpperCase()', 'const ok = 1;\nnotDefined.call();'];
  const sources = (notebooks) => notebooks[0]?.cells.map((c) => c.source);
  await waitForSavedNotebooks(page, (notebooks) => JSON.stringify(sources(notebooks)) === JSON.stringify(typed));
  await page.reload();
  await page.locator('.cell').nth(2).locator('.monaco-editor .view-lines', { hasText: 'notDefined.call();' }).waitFor({ timeout: 30_000 });
  assert.deepEqual(sources(await page.evaluate(() => window.labbook.store.listNotebooks())), typed);
  // The outputs come back with the notebook, each with the count of the run that made it, as Jupyter keeps them.
  await page.locator('.cell').nth(0).locator('[data-testid=output]').getByText('hello from the kernel').waitFor();
  assert.equal(await page.locator('.cell').nth(0).locator('.result').innerText(), '42');
  assert.equal(await page.locator('.cell').nth(1).locator('.result').innerText(), 'HELLO');
  assert.deepEqual(await page.locator('[data-testid=counter]').allInnerTexts(), ['[1]', '[2]', '[5]']);
  assert.match(await page.locator('.cell').nth(2).locator('[data-testid=cell-error]').innerText(), /ReferenceError: notDefined is not defined/);
  await page.screenshot({ path: '/tmp/labbook-notebook-reloaded.png', fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('an exported notebook carries its outputs as nbformat 4 that Python\'s nbformat validates, and imports back with them', async (t) => {
  const context = await newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const { page, problems } = await openApp(context);
  await page.click('[data-testid=new-notebook]');
  await page.waitForURL(/#\/nb\//);
  await typeInCell(page, 0, "console.log('line one');\nconsole.error('to stderr');\n({ acc: 0.93 })");
  await page.keyboard.press('Shift+Enter');
  await page.locator('.cell').nth(0).locator('.result').waitFor();
  await page.locator('.cell').nth(1).locator('.monaco-editor textarea').waitFor({ state: 'attached' });
  await page.keyboard.type('const nope: any = undefined;\nnope.toFixed();');
  await page.keyboard.press('Control+Enter');
  const error = await page.locator('.cell').nth(1).locator('[data-testid=cell-error]').innerText();
  assert.match(error, /TypeError: Cannot read properties of undefined/);
  assert.doesNotMatch(error, /__scope/, 'the error names the user\'s variable');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-ipynb]')]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ipynb-outputs-')), 'out.ipynb');
  await download.saveAs(file);
  const cells = JSON.parse(fs.readFileSync(file, 'utf8')).cells;
  assert.deepEqual(cells[0].outputs.map((o) => o.output_type), ['stream', 'stream', 'execute_result']);
  assert.deepEqual(cells[0].outputs[0], { output_type: 'stream', name: 'stdout', text: ['line one\n'] });
  assert.equal(cells[0].execution_count, 1);
  assert.equal(cells[1].outputs[0].output_type, 'error');
  if (pythonHas('nbformat')) runPython('import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))', file);
  else t.diagnostic('python3 with nbformat is missing (pip install nbformat): the file was not validated by nbformat');

  await page.goto(page.url().split('#')[0] + '#/');
  await page.setInputFiles('[data-testid=import-ipynb]', file);
  await page.waitForURL(/#\/nb\//);
  await page.locator('.cell').nth(0).locator('[data-testid=output]').getByText('line one').waitFor();
  assert.match(await page.locator('.cell').nth(1).locator('[data-testid=cell-error]').innerText(), /TypeError/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('while Monaco loads, each code cell shows its source as text; the editor then takes its place', async () => {
  const context = await newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await openApp(context);
  // Hold the editor's chunk back, as a slow connection would.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/cellEditor-[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.evaluate(() =>
    window.labbook.store.saveNotebook({ id: 'nb-preview', name: 'preview', cells: [{ id: 'c0', kind: 'code', language: 'typescript', source: 'const answer = 42;\nanswer' }], createdAt: Date.now(), updatedAt: Date.now() }),
  );
  await page.goto(page.url().replace(/#.*$/, '') + '#/nb/nb-preview');
  const cell = page.locator('.cell').first();
  await cell.locator('[data-testid=source-preview]').waitFor();
  assert.equal(await cell.locator('[data-testid=source-preview]').innerText(), 'const answer = 42;\nanswer');
  assert.equal(await cell.locator('.monaco-editor').count(), 0);
  release();
  await cell.locator('.monaco-editor .view-lines', { hasText: 'const answer = 42;' }).waitFor({ timeout: 30_000 });
  assert.equal(await cell.locator('[data-testid=source-preview]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
