import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext } from './harness/contexts.mjs';
import { appUrl, openApp, waitForSavedWorkspace } from './harness/app.mjs';
import { createDemoRuns } from './harness/demoRuns.mjs';

const TABLE = '[data-testid=runs-table]';

/** Parses tab-separated text as spreadsheets do: a field in double quotes may hold tabs, line breaks and doubled quotes. */
function parseTsv(text) {
  const rows = [[]];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === '\t') rows[rows.length - 1].push(field), (field = '');
    else if (c === '\n') rows[rows.length - 1].push(field), (field = ''), rows.push([]);
    else field += c;
  }
  rows[rows.length - 1].push(field);
  return rows;
}

/** The table as the page shows it: header keys and labels, and each rendered row's cells (exact value when a tooltip gives one). */
const readTable = (page) =>
  page.evaluate((selector) => {
    const table = document.querySelector(selector);
    const headers = [...table.querySelectorAll('thead tr:last-child th')].map((th) => ({ key: th.dataset.column, label: th.childNodes[0].textContent }));
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => ({
      index: Number(tr.getAttribute('aria-rowindex')) - 3,
      hidden: tr.classList.contains('run-hidden'),
      opacity: Number(getComputedStyle(tr.cells[0]).opacity),
      cells: [...tr.cells].map((td) => td.title || td.textContent),
    }));
    return { keys: headers.map((h) => h.key), labels: headers.map((h) => h.label), rows, arrow: table.querySelector('.sort-arrow')?.closest('th').dataset.column };
  }, TABLE);

const waitForRows = (page, n) => page.waitForFunction(([selector, n]) => document.querySelectorAll(`${selector} tbody tr`).length === n, [TABLE, n]);

test('runs table: hidden, moved and sorted columns survive a reload, and eye-hidden runs are dimmed', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 1000 } });
  const { page, problems } = await openApp(context);
  const runs = await createDemoRuns(page, { project: 'tabular', runs: 30, steps: 20 });
  await page.goto(appUrl('#/p/tabular'));
  await page.locator(`.run-row[data-run-id="${runs[4].id}"] [data-testid=eye]`).click();
  await page.click('[data-testid=view-table]');
  await waitForRows(page, 30);
  const initial = await readTable(page);
  assert.deepEqual(initial.keys, ['field:name', 'field:state', 'field:createdAt', 'field:runtime', 'config:batch_size', 'config:dropout', 'config:lr', 'config:optimizer', 'summary:train/loss', 'summary:val/acc']);

  // Hide Created from the Columns menu.
  await page.click('[data-testid=table-columns]');
  await page.locator('[data-testid=table-columns-menu] [data-column="field:createdAt"] input').uncheck();
  await page.keyboard.press('Escape');
  await page.locator('th[data-column="field:createdAt"]').waitFor({ state: 'detached' });
  assert.equal(await page.locator('[data-testid=table-columns]').innerText(), 'Columns (9/10)');

  // Drag val/acc onto batch_size: it takes batch_size's place, the config columns shift right.
  await page.dragAndDrop('th[data-column="summary:val/acc"]', 'th[data-column="config:batch_size"]');
  const order = ['field:name', 'field:state', 'field:runtime', 'summary:val/acc', 'config:batch_size', 'config:dropout', 'config:lr', 'config:optimizer', 'summary:train/loss'];
  await page.waitForFunction((key) => document.querySelector('thead tr:last-child th:nth-child(4)')?.dataset.column === key, 'summary:val/acc');
  assert.deepEqual((await readTable(page)).keys, order);
  assert.deepEqual((await readTable(page)).labels.slice(3, 5), ['val/acc', 'batch_size']);

  // Sort by lr (ascending): rows follow the stored lr values.
  await page.click('th[data-column="config:lr"]');
  const byLr = [...runs].sort((a, b) => a.config.lr - b.config.lr);
  const sorted = (table) => table.rows.map((r) => r.cells[0]);
  await page.waitForFunction(([selector, first]) => document.querySelector(`${selector} tbody tr td a`)?.textContent === first, [TABLE, byLr[0].name]);
  const before = await readTable(page);
  assert.equal(before.arrow, 'config:lr');
  assert.deepEqual(sorted(before), byLr.slice(0, before.rows.length).map((r) => r.name));

  // The run hidden with its eye is still listed, dimmed.
  const dimmed = before.rows.filter((r) => r.hidden);
  assert.deepEqual(dimmed.map((r) => r.cells[0]), [runs[4].name]);
  assert.ok(dimmed[0].opacity < 0.6, `a hidden run's cells are dimmed (opacity ${dimmed[0].opacity})`);

  // The sort was the last edit: once it is saved, so is everything before it (the workspace is saved whole).
  await waitForSavedWorkspace(page, 'tabular', (saved) => saved.sort[0]?.column.key === 'lr' && saved.tableHidden.includes('field:createdAt'));
  await page.reload();
  await waitForRows(page, 30);
  await page.waitForFunction(([selector, first]) => document.querySelector(`${selector} tbody tr td a`)?.textContent === first, [TABLE, byLr[0].name]);
  assert.deepEqual(await readTable(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Copy as TSV puts the shown columns of the listed runs on the clipboard, exact values; a refused clipboard shows the text', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 1000 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const { page, problems } = await openApp(context);
  const runs = await createDemoRuns(page, { project: 'copying', runs: 30, steps: 20 });
  await page.goto(appUrl('#/p/copying'));
  await page.click('[data-testid=view-table]');
  await waitForRows(page, 30);
  await page.click('[data-testid=table-columns]');
  await page.locator('[data-testid=table-columns-menu] [data-column="config:optimizer"] input').uncheck();
  await page.keyboard.press('Escape');
  await page.click('th[data-column="summary:val/acc"]');
  await page.locator('th[data-column="summary:val/acc"] .sort-arrow').waitFor();

  await page.click('[data-testid=copy-tsv]');
  await page.getByText('copied 30 runs').waitFor();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  const lines = parseTsv(text);
  const table = await readTable(page);
  assert.equal(lines.length, 31, 'a header line and one line per run');
  assert.deepEqual(lines[0], table.labels.map((label) => (label === 'Runtime' ? 'Runtime (s)' : label)));
  assert.ok(!lines[0].includes('optimizer'), 'the hidden column is not copied');

  // Every rendered row reads back cell by cell as the table shows it (its exact value where the cell rounds).
  const runtime = table.keys.indexOf('field:runtime');
  assert.ok(table.rows.length >= 20, `most rows are rendered (${table.rows.length})`);
  for (const row of table.rows) {
    const copied = lines[row.index + 1].map((cell, i) => (i === runtime ? `${cell} s` : cell));
    assert.deepEqual(copied, row.cells, `row ${row.index}`);
  }
  // And every line, rendered or not, holds the stored values exactly, in the table's order.
  const byName = new Map(runs.map((r) => [r.name, r]));
  const lr = table.keys.indexOf('config:lr');
  const acc = table.keys.indexOf('summary:val/acc');
  const copiedRuns = lines.slice(1).map((line) => byName.get(line[0]));
  assert.deepEqual(copiedRuns.map((r) => r.name), [...runs].sort((a, b) => a.summary['val/acc'] - b.summary['val/acc']).map((r) => r.name));
  for (const [i, run] of copiedRuns.entries()) {
    assert.equal(Number(lines[i + 1][lr]), run.config.lr);
    assert.equal(Number(lines[i + 1][acc]), run.summary['val/acc']);
  }

  // A browser that refuses the clipboard: the message says so and the text is there to copy by hand.
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
  });
  await page.click('[data-testid=copy-tsv]');
  await page.getByText('The browser refused the clipboard').waitFor();
  assert.equal(await page.locator('[data-testid=copy-tsv-text]').inputValue(), text);
  assert.deepEqual(problems, []);
  await context.close();
});
