import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newContext } from './harness/contexts.mjs';
import { openApp, waitForSavedNotebooks } from './harness/app.mjs';

// An image that fails to load runs its onerror (if it were kept); a script would run if it were kept and executed.
const PAYLOAD = '<img src="no-such-image.png" onerror="window.__pwned = \'img\'">\n<script>window.__pwned = \'script\'</script>\n';

test('a markdown cell renders headings and KaTeX math, drops script payloads, survives a reload and an .ipynb round trip', async () => {
  const context = await newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const { page, problems } = await openApp(context);
  await page.click('[data-testid=new-notebook]');
  await page.waitForURL(/#\/nb\//);
  // Error events do not bubble, but a capturing listener on the document sees each one before the element does.
  await page.evaluate(() => {
    window.imageErrors = 0;
    document.addEventListener('error', (event) => (event.target instanceof HTMLImageElement ? window.imageErrors++ : null), true);
  });

  // "+ Markdown" adds a markdown cell below the first (code) cell and opens it in a focused markdown editor.
  await page.click('[data-testid=add-markdown]');
  const markdownCell = page.locator('[data-testid=markdown-cell]');
  await markdownCell.locator('.monaco-editor textarea').waitFor({ state: 'attached', timeout: 30_000 });
  await page.keyboard.type('# Title\n\nEnergy $E=mc^2$ and a [link](https://example.com).\n\n');
  // Inserted as is: Monaco's auto-closing of quotes and brackets would otherwise rewrite the payload.
  await page.keyboard.insertText(PAYLOAD);

  // Shift+Enter renders it and moves on, adding a code cell after the last cell, as for code cells.
  await page.keyboard.press('Shift+Enter');
  const rendered = markdownCell.locator('[data-testid=markdown-rendered]');
  assert.equal(await rendered.locator('h1').innerText(), 'Title');
  assert.ok((await rendered.locator('.katex').count()) >= 1, 'the formula is typeset by KaTeX');
  // Typeset, not left as `$E=mc^2$`: KaTeX's HTML has the superscript as its own element.
  assert.equal(await rendered.locator('.katex .katex-html .msupsub').innerText(), '2');
  assert.doesNotMatch(await rendered.innerText(), /\$/);
  assert.equal(await markdownCell.locator('.monaco-editor').count(), 0, 'a rendered cell shows no editor');
  assert.equal(await page.locator('.cell').count(), 3);
  const link = rendered.locator('a', { hasText: 'link' });
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.match(await link.getAttribute('rel'), /noopener/);
  // The payload's image is kept without its handler, the script not at all, and neither ran.
  await rendered.locator('img').waitFor({ state: 'attached' });
  assert.equal(await rendered.locator('img').getAttribute('onerror'), null);
  assert.equal(await rendered.locator('script').count(), 0);
  // The image's error event has been dispatched (seen on its way down to the image): a kept onerror would have run.
  await page.waitForFunction(() => window.imageErrors > 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);

  // Double-click opens the editor on the same source; Ctrl+Enter renders in place.
  await rendered.dblclick();
  await markdownCell.locator('.monaco-editor textarea').waitFor({ state: 'attached', timeout: 30_000 });
  assert.match(await markdownCell.locator('.monaco-editor .view-lines').innerText(), /#\sTitle/, 'the editor holds the source');
  await page.keyboard.press('Control+Enter');
  await rendered.locator('h1').waitFor();

  // A code cell becomes markdown (empty: a placeholder shows once rendered) and back; Run all skips markdown cells.
  const first = page.locator('.cell').nth(0);
  await first.hover();
  await first.locator('[data-testid=to-markdown]').click();
  await page.locator('.cell').nth(0).locator('[data-testid=render-markdown]').click();
  assert.match(await page.locator('.cell').nth(0).locator('.markdown-placeholder').innerText(), /Empty markdown cell/);
  await page.locator('.cell').nth(0).hover();
  await page.locator('.cell').nth(0).locator('[data-testid=to-code]').click();
  await page.locator('.cell').nth(0).locator('.monaco-editor').waitFor({ timeout: 30_000 });
  await page.locator('.cell').nth(2).locator('.monaco-editor .view-lines').click();
  await page.keyboard.type('6 * 7');
  await page.click('[data-testid=run-all]');
  await page.locator('.cell').nth(2).locator('.result').getByText('42').waitFor();
  assert.equal(await page.locator('.cell').nth(2).locator('[data-testid=counter]').innerText(), '[2]', 'two code cells ran, the markdown cell did not');
  assert.equal(await markdownCell.locator('[data-testid=output]').count(), 0);
  // Ctrl+Enter runs the focused cell, not the cell whose editor was created last (the first one, just turned back).
  await page.locator('.cell').nth(2).locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Enter');
  await page.locator('.cell').nth(2).locator('[data-testid=counter]').getByText('[3]').waitFor();
  assert.equal(await page.locator('.cell').nth(0).locator('[data-testid=counter]').innerText(), '[1]');

  // Saved: after a reload the cell is still markdown, rendered.
  const markdownSource = `# Title\n\nEnergy $E=mc^2$ and a [link](https://example.com).\n\n${PAYLOAD}`;
  const cellsOf = (notebooks) => notebooks[0]?.cells.map(({ kind, source }) => ({ kind, source })) ?? [];
  const expectedCells = [{ kind: 'code', source: '' }, { kind: 'markdown', source: markdownSource }, { kind: 'code', source: '6 * 7' }];
  await waitForSavedNotebooks(page, (notebooks) => JSON.stringify(cellsOf(notebooks)) === JSON.stringify(expectedCells));
  await page.reload();
  await page.locator('[data-testid=markdown-rendered] h1').waitFor({ timeout: 30_000 });
  assert.deepEqual(cellsOf(await page.evaluate(() => window.labbook.store.listNotebooks())), expectedCells);

  // Exported as an nbformat 4 markdown cell, and imported back unchanged.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-ipynb]')]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ipynb-md-')), download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(fs.readFileSync(file, 'utf8')).cells[1];
  assert.deepEqual(Object.keys(exported).sort(), ['cell_type', 'id', 'metadata', 'source']);
  assert.equal(exported.cell_type, 'markdown');
  assert.equal(exported.source[0], '# Title\n');
  await page.goto(page.url().split('#')[0] + '#/');
  await page.setInputFiles('[data-testid=import-ipynb]', file);
  await page.waitForURL(/#\/nb\//);
  await page.locator('[data-testid=markdown-rendered] h1').waitFor({ timeout: 30_000 });
  const notebooks = await page.evaluate(() => window.labbook.store.listNotebooks());
  assert.equal(notebooks.length, 2);
  assert.deepEqual(notebooks[0].cells.map(({ kind, source }) => ({ kind, source })), notebooks[1].cells.map(({ kind, source }) => ({ kind, source })));

  assert.deepEqual(problems.filter((p) => !/Failed to load resource/.test(p)), []);
  await context.close();
});
