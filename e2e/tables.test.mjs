// Tables logged from a cell: stored with their images, shown on the run page, sorted, filtered and grouped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { newContext } from './harness/contexts.mjs';
import { pythonHas, runPython } from './harness/python.mjs';
import { appUrl, executeInKernel, openApp } from './harness/app.mjs';
import { seriousViolations } from './harness/axe.mjs';

/** A predictions table of 200 rows: a 28×28 image per row, truth and prediction among 3 classes, and their scores. */
const PREDICTIONS = `import * as tf from '@tensorflow/tfjs';
const classes = ['dress', 'coat', 'bag'];
const run = wandb.init({ project: 'tables-e2e' });
const images: Image[] = [];
const predictions = new wandb.Table({ columns: ['id', 'image', 'truth', 'prediction', 'score', 'scores', 'note', 'spread', 'page'] });
for (let i = 0; i < 200; i++) {
  const truth = i % 3;
  const guess = i % 10 === 0 ? (truth + 1) % 3 : truth;
  const scores = classes.map((_, k) => (k === guess ? 0.8 : 0.1));
  const pixels = tf.tensor(Array.from({ length: 28 * 28 }, (_, p) => ((p * 7 + i * 13) % 256) / 255), [28, 28]);
  const boxes = i % 5 === 0 ? { predictions: { box_data: [{ position: { minX: 2, maxX: 20, minY: 4, maxY: 24 }, domain: 'pixel' as const, class_id: guess, scores: { score: scores[guess] } }], class_labels: { 0: 'dress', 1: 'coat', 2: 'bag' } } } : undefined;
  // Row 1 has a mask: its left half is a bag (class 2), its right half a dress (class 0).
  const masks = i === 1 ? { predictions: { mask_data: Array.from({ length: 28 }, () => Array.from({ length: 28 }, (_, x) => (x < 14 ? 2 : 0))), class_labels: { 0: 'dress', 1: 'coat', 2: 'bag' } } } : undefined;
  images.push(new wandb.Image(pixels, { caption: classes[truth], boxes, masks }));
  const page = i === 7 ? new wandb.Html('<p>row 7</p><script>parent.__pwned = 2</script><img src=x onerror="parent.__pwned = 3">') : null;
  predictions.add_data(i, images[i], classes[truth], classes[guess], scores[guess], scores, i === 7 ? '<img src=x onerror="window.__pwned = 1">' : null, new wandb.Histogram([i, i * 2, i * 3], { num_bins: 4 }), page);
  pixels.dispose();
}
wandb.log({ predictions });
const stream = new wandb.Table({ columns: ['step', 'value'], log_mode: 'incremental' });
for (let step = 0; step < 20; step++) {
  stream.add_data(step, step * step);
  wandb.log(step % 5 === 0 ? { stream, loss: 1 / (step + 1), samples: [images[step], images[step + 1]] } : { stream, loss: 1 / (step + 1) });
}
await wandb.finish();
run.id`;

/** Media files in the app's database. */
function mediaCount(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('labbook');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('media').objectStore('media').count();
          count.onsuccess = () => {
            open.result.close();
            resolve(count.result);
          };
        };
      }),
  );
}

test('a predictions table logged with images opens on the run page; sort, filter and group by truth work; no script runs from a cell', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 1000 } });
  const { page, problems } = await openApp(context);
  const outcome = await executeInKernel(page, PREDICTIONS);
  assert.equal(outcome.ok, true, JSON.stringify(outcome.error));
  const runId = outcome.display.replace(/^"|"$/g, '');

  // 200 distinct images and one mask are 201 files; logging the same images again, from another run, stores none twice.
  assert.equal(await mediaCount(page), 201);
  const again = await executeInKernel(page, "const copy = new Table({ columns: ['id', 'image'], data: images.map((image, id) => [id, image]) });\nconst other = await init({ project: 'tables-e2e', name: 'copies' });\nother.log({ predictions: copy });\nawait other.finish();");
  assert.equal(again.ok, true, JSON.stringify(again.error));
  assert.equal(await mediaCount(page), 201);

  // A large image is stored as lossless WebP where that is smaller than its PNG: the same pixels come back.
  const large = await executeInKernel(page, "const big = new Image({ data: Array.from({ length: 128 * 128 }, (_, p) => (p % 128) * 2), width: 128, height: 128 });\nconst bigRun = await init({ project: 'tables-webp', name: 'large image' });\nbigRun.log({ large: new Table({ columns: ['image'], data: [[big]] }) });\nawait bigRun.finish();\nconst png = await big.toPng();\npng.length");
  assert.equal(large.ok, true, JSON.stringify(large.error));
  const webpStored = await page.evaluate(async () => {
    const db = await new Promise((resolve) => { const open = indexedDB.open('labbook'); open.onsuccess = () => resolve(open.result); });
    const all = await new Promise((resolve) => { const request = db.transaction('media').objectStore('media').getAll(); request.onsuccess = () => resolve(request.result); });
    db.close();
    const webp = all.filter((m) => m.type === 'image/webp');
    if (webp.length !== 1) return { count: webp.length };
    const bitmap = await createImageBitmap(webp[0].blob);
    const context = new OffscreenCanvas(128, 128).getContext('2d');
    context.drawImage(bitmap, 0, 0);
    const pixels = context.getImageData(0, 0, 128, 128).data;
    let wrong = 0;
    for (let p = 0; p < 128 * 128; p++) if (pixels[4 * p] !== (p % 128) * 2 || pixels[4 * p + 1] !== (p % 128) * 2 || pixels[4 * p + 3] !== 255) wrong++;
    return { count: 1, size: webp[0].size, wrong };
  });
  assert.equal(webpStored.count, 1, 'one WebP stored');
  assert.equal(webpStored.wrong, 0, 'its pixels are the logged ones');
  assert.ok(webpStored.size < Number(large.display), `WebP (${webpStored.size} bytes) smaller than the PNG (${large.display} bytes)`);

  await page.goto(appUrl(`#/p/tables-e2e/r/${runId}`));
  const grid = page.locator('[data-testid=run-table][data-key=predictions] [data-testid=table-grid]');
  await grid.locator('tr.table-row').first().waitFor();
  assert.equal(await grid.locator('[data-testid=table-row-count]').innerText(), '200 of 200 rows');
  // Images are read from the store as their rows are drawn.
  await page.waitForFunction(() => {
    const img = document.querySelector('[data-key=predictions] tr.table-row img.table-image');
    return img && img.complete && img.naturalWidth === 28;
  });
  // Boxes are drawn over their images; a class can be hidden, and a score threshold hides weaker boxes.
  const firstBoxes = grid.locator('tr.table-row[data-row="0"] svg.image-boxes rect');
  await firstBoxes.first().waitFor();
  assert.equal(await firstBoxes.getAttribute('data-class'), '1');
  assert.deepEqual(await grid.locator('[data-testid=box-controls] .box-class').allInnerTexts(), ['dress', 'coat', 'bag']);
  await grid.locator('[data-testid=box-controls] input[data-class="1"]').uncheck();
  assert.equal(await firstBoxes.count(), 0);
  await grid.locator('[data-testid=box-controls] input[data-class="1"]').check();
  assert.equal(await firstBoxes.count(), 1);
  await grid.locator('[data-testid=box-min-score]').evaluate((input) => {
    input.value = '0.85';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await firstBoxes.first().waitFor({ state: 'detached' });

  // A click enlarges an image in a dialog, its box drawn over it and listed, under the same threshold; Escape closes it.
  await grid.locator('[data-testid=box-min-score]').evaluate((input) => {
    input.value = '0';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await grid.locator('tr.table-row[data-row="0"] button.image-zoom-button').click();
  const zoom = page.locator('dialog[open][data-testid=image-zoom]');
  await zoom.locator('img.table-image').waitFor();
  assert.equal(await zoom.locator('img.table-image').getAttribute('width'), '448');
  assert.equal(await zoom.locator('svg.image-boxes rect').count(), 1);
  assert.match(await zoom.locator('.image-zoom-boxes').innerText(), /coat · score 0.8 · predictions/);
  assert.deepEqual(await seriousViolations(page), [], 'axe with an image enlarged');
  await page.keyboard.press('Escape');
  await zoom.waitFor({ state: 'detached' });

  // Columns resize from the keyboard: focus the handle at the header's edge and press → (Shift for bigger steps).
  const noteHeader = grid.locator('th[data-column=note]');
  const before = (await noteHeader.boundingBox()).width;
  await noteHeader.locator('[data-testid=column-resizer]').focus();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(Math.round((await noteHeader.boundingBox()).width - before), 50);

  // Row 1's mask colours its left half in the bag class's colour; hiding bags clears it.
  await grid.locator('[data-testid=box-min-score]').evaluate((input) => {
    input.value = '0';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  const maskAlpha = (x) => grid.locator('tr.table-row[data-row="1"] canvas.image-mask').evaluate((canvas, x) => canvas.getContext('2d').getImageData(x, 14, 1, 1).data[3], x);
  await page.waitForFunction(() => {
    const canvas = document.querySelector('[data-key=predictions] tr.table-row[data-row="1"] canvas.image-mask');
    return canvas && canvas.width === 28 && canvas.getContext('2d').getImageData(3, 14, 1, 1).data[3] > 0;
  });
  assert.ok((await maskAlpha(3)) > 0 && (await maskAlpha(20)) > 0, 'both halves are painted');
  await grid.locator('[data-testid=box-controls] input[data-class="2"]').uncheck();
  await page.waitForFunction(() => document.querySelector('[data-key=predictions] tr.table-row[data-row="1"] canvas.image-mask').getContext('2d').getImageData(3, 14, 1, 1).data[3] === 0);
  assert.ok((await maskAlpha(20)) > 0, 'the dress half stays');
  await grid.locator('[data-testid=box-controls] input[data-class="2"]').check();

  // The string with markup is shown as text, and its onerror never ran.
  await grid.locator('[data-testid=table-filter]').fill('id = 7');
  await grid.locator('td[data-column=note]', { hasText: '<img src=x onerror=' }).waitFor();
  // The Html cell renders in an iframe sandboxed without permissions; its script and onerror never run.
  const frame = grid.locator('td[data-column=page] iframe.html-cell');
  assert.equal(await frame.getAttribute('sandbox'), '');
  await page.frameLocator('td[data-column=page] iframe.html-cell').locator('p', { hasText: 'row 7' }).waitFor();
  // A Histogram cell draws its bars.
  assert.ok((await grid.locator('td[data-column=spread] rect').evaluateAll((rects) => rects.filter((r) => Number(r.getAttribute('height')) > 0).length)) >= 3);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);

  // Filter in the workspace's language: the rows whose prediction is wrong (every tenth).
  await grid.locator('[data-testid=table-filter]').fill('truth != prediction');
  await grid.locator('[data-testid=table-row-count]', { hasText: '20 of 200 rows' }).waitFor();
  // Export those rows as CSV: pandas (where installed) reads back the same 20 rows and values.
  const [download] = await Promise.all([page.waitForEvent('download'), grid.locator('[data-testid=table-export-csv]').click()]);
  const csvPath = path.join(os.tmpdir(), `labbook-table-${process.pid}.csv`);
  await download.saveAs(csvPath);
  const csv = fs.readFileSync(csvPath, 'utf8');
  assert.equal(csv.trim().split('\n').length, 21);
  if (pythonHas('pandas')) {
    const read = JSON.parse(runPython("import pandas, sys, json; f = pandas.read_csv(sys.argv[1]); print(json.dumps({'rows': len(f), 'ids': f['id'].tolist(), 'score': float(f['score'][0]), 'wrong': bool((f['truth'] != f['prediction']).all()), 'image': f['image'][0]}))", csvPath));
    assert.deepEqual(read, { rows: 20, ids: Array.from({ length: 20 }, (_, i) => i * 10), score: 0.8, wrong: true, image: read.image });
    assert.match(read.image, /^media\/[0-9a-f]{64}\.png$/);
  } else {
    console.log('# pandas is not installed: the CSV is checked by line count only');
  }
  // CSV + images: the zip holds the same CSV and each image it names, byte for byte as stored.
  const [zipDownload] = await Promise.all([page.waitForEvent('download'), grid.locator('[data-testid=table-export-zip]').click()]);
  const zipPath = path.join(os.tmpdir(), `labbook-table-${process.pid}.zip`);
  await zipDownload.saveAs(zipPath);
  const zipped = unzipSync(new Uint8Array(fs.readFileSync(zipPath)));
  const names = Object.keys(zipped).sort();
  assert.equal(names.length, 21);
  assert.equal(strFromU8(zipped['predictions.csv']), csv);
  const firstImage = names.find((n) => n.startsWith('media/'));
  const stored = await page.evaluate((hash) => window.labbook.store.getMedia(hash).then(async (blob) => Array.from(new Uint8Array(await blob.arrayBuffer()))), firstImage.slice('media/'.length, -'.png'.length));
  assert.deepEqual(Array.from(zipped[firstImage]), stored);
  await grid.locator('[data-testid=table-filter]').fill('nope = 1');
  assert.match(await grid.locator('[data-testid=table-filter-error]').innerText(), /no column "nope"/);
  await grid.locator('[data-testid=table-filter]').fill('');

  // The confusion matrix of truth and prediction: a click on a cell filters the table to that cell's rows.
  await grid.locator('[data-testid=table-confusion-toggle]').click();
  const dressAsCoat = grid.locator('.confusion-cell[data-truth=dress][data-prediction=coat]');
  assert.equal(await dressAsCoat.innerText(), '7');
  assert.equal(await grid.locator('.confusion-cell[data-truth=dress][data-prediction=dress]').innerText(), '60');
  await dressAsCoat.click();
  await grid.locator('[data-testid=table-row-count]', { hasText: '7 of 200 rows' }).waitFor();
  assert.equal(await grid.locator('[data-testid=table-filter]').inputValue(), '"truth" = "dress" and "prediction" = "coat"');
  assert.deepEqual(await seriousViolations(page), [], 'axe with the confusion matrix open');
  await grid.locator('[data-testid=table-confusion-toggle]').click();
  await grid.locator('[data-testid=table-filter]').fill('');

  // Columns hide and move: hiding `note` takes it out of the header; moving `truth` left puts it before `image`.
  await grid.locator('[data-testid=table-columns]').click();
  await grid.locator('[data-testid=table-columns-popover] input[data-column=note]').uncheck();
  await grid.getByRole('button', { name: 'Move truth left' }).click();
  await grid.locator('[data-testid=table-columns]').click();
  const headers = await grid.locator('thead th').evaluateAll((ths) => ths.map((th) => th.dataset.column));
  assert.deepEqual(headers.slice(0, 3), ['id', 'truth', 'image']);
  assert.ok(!headers.includes('note'));

  // Sort by id descending: the first row is 199.
  await grid.locator('th[data-column=id] button').click();
  await grid.locator('th[data-column=id] button').click();
  assert.equal(await grid.locator('th[data-column=id]').getAttribute('aria-sort'), 'descending');
  assert.equal(await grid.locator('tr.table-row td[data-column=id]').first().innerText(), '199');

  // Group by truth: three groups whose counts sum to 200, each with a histogram per class of its scores, drawn.
  await grid.locator('[data-testid=table-group-by]').selectOption('truth');
  await grid.locator('tr.group-row').nth(2).waitFor();
  const counts = await grid.locator('[data-testid=group-count]').allInnerTexts();
  assert.deepEqual(counts.map(Number).sort(), [66, 67, 67]);
  const bars = await grid.locator('tr.group-row [data-testid=score-histograms]').first().evaluate((el) => [...el.querySelectorAll('rect')].filter((r) => Number(r.getAttribute('height')) > 0).length);
  assert.ok(bars >= 3, `score histograms draw bars (${bars})`);
  assert.deepEqual(await seriousViolations(page), [], 'axe on the grouped table');
  // A group opens to its rows.
  await grid.locator('tr.group-row[data-group=dress] .group-key button').click();
  await grid.locator('tr.table-row').first().waitFor();

  // The incremental table shows all 20 increments together.
  const stream = page.locator('[data-testid=run-table][data-key=stream]');
  assert.match(await stream.locator('.run-table-title').innerText(), /incremental · 20 logs/);
  assert.equal(await stream.locator('[data-testid=table-row-count]').innerText(), '20 of 20 rows');

  // In the workspace, a table panel merges the key from both runs, each row led by its run.
  await page.goto(appUrl('#/p/tables-e2e'));
  await page.click('[data-testid=add-panel]');
  await page.click('[data-testid=add-table]');
  const panel = page.locator('.panel[data-panel-type=table]');
  await panel.locator('[data-testid=table-panel-caption]', { hasText: 'predictions from 2 of 2 visible runs' }).waitFor();
  await panel.locator('[data-testid=table-row-count]', { hasText: '400 of 400 rows' }).waitFor();
  await panel.locator('[data-testid=table-group-by]').selectOption('run');
  await panel.locator('[data-testid=table-row-count]', { hasText: '2 groups' }).waitFor();
  assert.deepEqual((await panel.locator('[data-testid=group-count]').allInnerTexts()).map(Number), [200, 200]);
  // Side by side: a grid per run, sharing one filter (the run without a truth column says it has none).
  if ((await panel.locator('.panel-editor').count()) === 0) await panel.locator('[data-testid=panel-edit]').click();
  await panel.locator('[data-testid=table-panel-layout]').selectOption('side');
  await panel.locator('.side-table').nth(1).waitFor();
  const predictionsSide = panel.locator('.side-table:not([data-run=copies])');
  const copiesSide = panel.locator('.side-table[data-run=copies]');
  await predictionsSide.locator('[data-testid=table-filter]').fill('truth = dress');
  await predictionsSide.locator('[data-testid=table-row-count]', { hasText: '67 of 200 rows' }).waitFor();
  assert.equal(await copiesSide.locator('[data-testid=table-filter]').inputValue(), 'truth = dress');
  assert.match(await copiesSide.locator('[data-testid=table-filter-error]').innerText(), /no column "truth"/);
  // Joined on id: a row per id, each run's columns side by side.
  await panel.locator('[data-testid=table-panel-layout]').selectOption('joined');
  assert.equal(await panel.locator('[data-testid=table-join-key]').inputValue(), 'id');
  await panel.locator('[data-testid=table-row-count]', { hasText: '200 of 200 rows' }).waitFor();
  const joinedHeaders = await panel.locator('thead th').evaluateAll((ths) => ths.map((th) => th.dataset.column));
  assert.ok(joinedHeaders.includes('image · copies') && joinedHeaders.some((h) => /^truth · /.test(h)), joinedHeaders.join(', '));

  // A media panel shows the images a key logged per step; the slider goes back to the first step's.
  await page.click('[data-testid=add-panel]');
  await page.click('[data-testid=add-media]');
  const media = page.locator('.panel[data-panel-type=media]');
  if ((await media.locator('.panel-editor').count()) === 0) await media.locator('[data-testid=panel-edit]').click();
  await media.locator('[data-testid=media-panel-key]').selectOption('samples');
  await media.locator('.media-run', { hasText: 'step 16' }).locator('img.table-image').nth(1).waitFor();
  // Versions are stored in the order they were logged, though their images encode side by side.
  assert.deepEqual(await page.evaluate(async (id) => (await window.labbook.store.readTableLogs(id, 'samples')).map((l) => l.step), runId), [1, 6, 11, 16]);
  await media.locator('[data-testid=media-step]').evaluate((input) => {
    input.value = '0';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await media.locator('.media-run', { hasText: 'step 1' }).waitFor();
  assert.equal(await media.locator('.media-run img.table-image').count(), 2);

  // The console says why the Html cell's script did not run (and its <img src=x> asked the server for "x"); nothing else.
  const blocked = problems.filter((p) => /Blocked script execution in 'about:srcdoc'/.test(p));
  assert.ok(blocked.length >= 1, 'the browser blocked the Html cell’s script');
  assert.deepEqual(problems.filter((p) => !blocked.includes(p) && !/status of 404/.test(p)), []);
  await context.close();
});
