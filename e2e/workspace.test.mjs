import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext } from './harness/contexts.mjs';
import { afterFrames, appUrl, openApp, waitForSavedWorkspace } from './harness/app.mjs';
import { createDemoRuns, linesPerPanel } from './harness/demoRuns.mjs';

/** The line panels the demo runs get by default: train/loss and val/acc, one per prefix. */
const LINE_PANELS = 2;

const allPanelsDraw = (page, lines) =>
  page.waitForFunction(([n, panels]) => {
    const charts = [...document.querySelectorAll('.panel[data-panel-type=line] .multi-line-chart')];
    return charts.length === panels && charts.every((c) => Number(c.dataset.lines) === n && c.dataset.drawn === 'true');
  }, [lines, LINE_PANELS], { timeout: 30_000 });

/**
 * Defines window.linePixelsOf(chart) in the page: the pixels of line colour on a .multi-line-chart's canvas, i.e.
 * strongly coloured pixels inside the plot box (uPlot's grid, axes and labels are grey). The lines are drawn by raster
 * workers, so this checks they reach the canvas.
 */
function defineLinePixels() {
  window.linePixelsOf = (chart) => {
    const canvas = chart.querySelector('canvas');
    const over = chart.querySelector('.u-over');
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const box = [over.offsetLeft, over.offsetTop, over.clientWidth, over.clientHeight].map((v) => Math.round(v * ratio));
    const { data } = canvas.getContext('2d').getImageData(...box);
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 200 && Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 60) coloured++;
    return coloured;
  };
}

/** Line pixels of each line panel, in page order (see defineLinePixels); fails unless every default panel is there. */
async function linePixels(page) {
  await page.evaluate(defineLinePixels);
  const pixels = await page.$$eval('.panel[data-panel-type=line] .multi-line-chart', (charts) => charts.map((chart) => window.linePixelsOf(chart)));
  assert.equal(pixels.length, LINE_PANELS, 'every line panel is on the page');
  return pixels;
}

test('a workspace of 100 runs: default panels by prefix, eye toggles remove a run from every panel, filters and groups', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 1000 } });
  const { page, problems } = await openApp(context);
  const runs = await createDemoRuns(page, { project: 'sweep', runs: 100 });
  await page.goto(appUrl('#/p/sweep'));
  await allPanelsDraw(page, 100);
  assert.deepEqual(await page.$$eval('.panel-section', (sections) => sections.map((s) => s.dataset.section)), ['train', 'val']);
  assert.equal(await page.locator('[data-testid=run-count]').innerText(), '100 visible · 100 of 100');

  // One eye: that run leaves both panels; the eye again brings it back.
  const row = page.locator(`.run-row[data-run-id="${runs[99].id}"]`);
  await row.locator('[data-testid=eye]').click();
  await allPanelsDraw(page, 99);
  assert.equal(await row.locator('[data-testid=eye]').getAttribute('aria-pressed'), 'false');
  await row.locator('[data-testid=eye]').click();
  await allPanelsDraw(page, 100);
  for (const pixels of await linePixels(page)) assert.ok(pixels > 2000, `a panel of 100 runs shows its lines (${pixels} line pixels)`);
  // A double-click on a panel that is not zoomed changes nothing: its lines stay.
  await page.locator('.panel[data-panel-type=line] .u-over').first().dblclick();
  // Two frames: the double-click and any redraw it started have been handled; then the workers' answer is awaited.
  await afterFrames(page);
  await allPanelsDraw(page, 100);
  for (const pixels of await linePixels(page)) assert.ok(pixels > 2000, `still drawn after a double-click (${pixels} line pixels)`);
  await page.click('[data-testid=eye-all]');
  await allPanelsDraw(page, 0);
  assert.deepEqual(new Set(await linePixels(page)), new Set([0]), 'every run hidden: no line left on any canvas');
  await page.click('[data-testid=eye-all]');
  await allPanelsDraw(page, 100);
  for (const pixels of await linePixels(page)) assert.ok(pixels > 2000, `the lines are back (${pixels} line pixels)`);

  // A filter narrows the selector and every panel to exactly the matching runs.
  const adam = runs.filter((r) => r.config.optimizer === 'adam' && r.config.lr < 0.01);
  await page.fill('[data-testid=run-filter]', 'optimizer = "adam" and lr < 0.01');
  await page.press('[data-testid=run-filter]', 'Enter');
  await allPanelsDraw(page, adam.length);
  assert.equal(await page.locator('[data-testid=run-count]').innerText(), `${adam.length} visible · ${adam.length} of 100`);
  await page.fill('[data-testid=run-filter]', 'lr <');
  await page.press('[data-testid=run-filter]', 'Enter');
  await page.locator('[data-testid=filter-error]').waitFor();
  await allPanelsDraw(page, 100);
  // A filter no run passes leaves no line behind on any canvas.
  await page.fill('[data-testid=run-filter]', 'lr > 100');
  await page.press('[data-testid=run-filter]', 'Enter');
  await allPanelsDraw(page, 0);
  assert.deepEqual(new Set(await linePixels(page)), new Set([0]), 'no run passes the filter: no line on any canvas');
  await page.fill('[data-testid=run-filter]', '');
  await page.press('[data-testid=run-filter]', 'Enter');

  // Grouping by optimizer draws one mean line per group.
  await page.locator('[data-testid=group-by] select').selectOption('config:optimizer');
  await allPanelsDraw(page, 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the workspace layout, hidden runs and settings survive a reload', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 1000 } });
  const { page, problems } = await openApp(context);
  const runs = await createDemoRuns(page, { project: 'layout', runs: 12, steps: 50 });
  await page.goto(appUrl('#/p/layout'));
  await allPanelsDraw(page, 12);

  await page.locator(`.run-row[data-run-id="${runs[10].id}"] [data-testid=eye]`).click();
  const valPanel = page.locator('.panel-section[data-section=val] .panel').first();
  await valPanel.hover();
  await valPanel.locator('[data-testid=panel-size]').click();
  await page.locator('.panel-section[data-section=train] .panel').first().hover();
  await page.locator('.panel-section[data-section=train] [data-testid=panel-remove]').click();
  await page.click('[data-testid=add-panel]');
  await page.click('[data-testid=add-line]');
  await page.waitForFunction(() => document.querySelectorAll('.panel').length === 2);
  await page.fill('[data-testid=run-search]', 'layout-run-1');
  const layout = () =>
    page.evaluate(() => ({
      panels: [...document.querySelectorAll('.panel')].map((p) => `${p.closest('.panel-section').dataset.section}:${p.className.match(/panel-(small|medium|large)/)[1]}`),
      search: document.querySelector('[data-testid=run-search]').value,
      count: document.querySelector('[data-testid=run-count]').textContent,
    }));
  const before = await layout();
  assert.deepEqual(before, { panels: ['train:medium', 'val:large'], search: 'layout-run-1', count: '2 visible · 3 of 12' });

  // The search was the last edit: once it is saved, so is everything before it (the workspace is saved whole).
  await waitForSavedWorkspace(page, 'layout', (saved) => saved.search === 'layout-run-1' && saved.hiddenRuns.includes(runs[10].id));
  await page.reload();
  await page.locator('.panel').nth(1).waitFor();
  assert.deepEqual(await layout(), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('bad input in a workspace: metrics in only some runs, NaN and Infinity, text where numbers are expected', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 1000 } });
  const { page, problems } = await openApp(context);
  await page.evaluate(async () => {
    const store = window.labbook.store;
    const environment = { tfjsBackend: 'wasm', webgpuAdapter: null, userAgent: 'e2e', hardwareConcurrency: 2, deviceMemoryGb: null, appVersion: 'e2e' };
    const make = async (id, config, metrics) => {
      const now = Date.now();
      await store.createRun({ id, name: id, project: 'messy', state: 'running', group: null, tags: [], notes: '', config, summary: {}, environment, createdAt: now, updatedAt: now, heartbeatAt: now, finishedAt: null, exitCode: null, error: null, warnings: [] });
      const names = Object.keys(metrics);
      const steps = names.map((m) => Float64Array.from(metrics[m], (_, i) => i));
      await store.appendHistory(id, { metrics: names, steps, values: names.map((m) => Float64Array.from(metrics[m])) }, (run) => ({ ...run, state: 'finished' }));
    };
    await make('diverged', { lr: 0.5 }, { loss: [1, 0.5, NaN, Infinity, 2] });
    await make('steady', { lr: 'auto' }, { loss: [1, 0.8, 0.6, 0.5, 0.4], extra: [3, 0, 1] });
  });
  await page.goto(appUrl('#/p/messy'));
  const panel = (metric) => page.locator('.panel[data-panel-type=line]', { has: page.locator('[data-testid=panel-title]', { hasText: new RegExp(`^${metric}$`) }) });
  await panel('loss').locator('[data-testid=gap-note]').waitFor();
  assert.equal(await panel('loss').locator('[data-testid=gap-note]').innerText(), '2 NaN or infinite values shown as gaps');
  // Both runs' lines reach the canvas (drawn in the raster workers).
  await panel('loss').locator('.multi-line-chart[data-lines="2"][data-drawn="true"]').waitFor();
  // Only one run logged `extra`: its panel draws that one line.
  await page.waitForFunction(() => [...document.querySelectorAll('.panel[data-panel-type=line]')].some((p) => p.querySelector('[data-testid=panel-title]').textContent === 'extra' && p.querySelector('.multi-line-chart')?.dataset.lines === '1'));
  // On a log y-axis its 0 cannot be placed: a gap, and a note that says so.
  assert.equal(await panel('extra').locator('[data-testid=log-scale-note]').count(), 0);
  await panel('extra').hover();
  await panel('extra').locator('[data-testid=panel-edit]').click();
  await panel('extra').locator('label', { hasText: 'log y' }).locator('input').check();
  await panel('extra').locator('[data-testid=log-scale-note]').waitFor();
  assert.equal(await panel('extra').locator('[data-testid=log-scale-note]').innerText(), '1 value ≤ 0 left out of the log scale');
  // A text lr among numbers: filtering on it compares numbers only, and the selector still lists both runs.
  await page.fill('[data-testid=run-filter]', 'lr > 0.1');
  await page.press('[data-testid=run-filter]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=run-count]').textContent === '1 visible · 1 of 2');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a run logging live redraws its panels without ever blanking their lines', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 1000 } });
  const { page, problems } = await openApp(context);
  // Enough runs that drawing them takes the workers a few frames.
  const runs = await createDemoRuns(page, { project: 'live', runs: 300, steps: 100 });
  await page.goto(appUrl('#/p/live'));
  await allPanelsDraw(page, 300);
  const firstChart = '.panel[data-panel-type=line] .multi-line-chart';
  const pointsBefore = await page.locator(firstChart).first().getAttribute('data-points');
  assert.equal(pointsBefore, '100', 'one point per step of 100');
  // The newest run (listed first) logs 20 more steps, one every 100 ms, while every frame counts the first panel's line pixels.
  await page.evaluate(defineLinePixels);
  await page.evaluate(async ({ runId, selector }) => {
    const store = window.labbook.store;
    const chart = document.querySelector(selector);
    window.pixelCounts = [];
    window.sampling = true;
    const sample = () => {
      window.pixelCounts.push(window.linePixelsOf(chart));
      if (window.sampling) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
    for (let step = 100; step < 120; step++) {
      await store.appendHistory(runId, { metrics: ['train/loss', 'val/acc'], steps: [Float64Array.of(step), Float64Array.of(step)], values: [Float64Array.of(0.5), Float64Array.of(0.8)] }, (run) => run);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, { runId: runs[299].id, selector: firstChart });
  // Sampled until the panel shows the last step's point, drawn.
  const pointsAfter = String(Number(pointsBefore) + 20);
  await page.waitForFunction(([selector, points]) => {
    const chart = document.querySelector(selector);
    return chart.dataset.points === points && chart.dataset.drawn === 'true';
  }, [firstChart, pointsAfter], { timeout: 30_000 });
  const { fewest, frames } = await page.evaluate(() => {
    window.sampling = false;
    return { fewest: Math.min(...window.pixelCounts), frames: window.pixelCounts.length };
  });
  assert.ok(frames > 20, `sampled ${frames} frames`);
  assert.ok(fewest > 500, `the lines stayed on the canvas in every frame (fewest line pixels: ${fewest})`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a metric each run logged once draws a dot per run, 16 runs get 16 colours, and filters explain a key no run has', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 1000 } });
  const { page, problems } = await openApp(context);
  await page.evaluate(async () => {
    const store = window.labbook.store;
    const environment = { tfjsBackend: 'wasm', webgpuAdapter: null, userAgent: 'e2e', hardwareConcurrency: 2, deviceMemoryGb: null, appVersion: 'e2e' };
    for (let i = 0; i < 16; i++) {
      const now = Date.now() + i;
      const id = `run-${String(i).padStart(2, '0')}`;
      await store.createRun({ id, name: id, project: 'dots', state: 'running', group: null, tags: [], notes: '', config: { i }, summary: {}, environment, createdAt: now, updatedAt: now, heartbeatAt: now, finishedAt: null, exitCode: null, error: null, warnings: [] });
      // The first three log `test_acc` once, each at a step of its own.
      const finish = (run) => ({ ...run, state: 'finished' });
      if (i < 3) await store.appendHistory(id, { metrics: ['test_acc'], steps: [Float64Array.of(i + 1)], values: [Float64Array.of(0.5 + i / 10)] }, finish);
      else await store.updateRun(id, finish);
    }
  });
  await page.goto(appUrl('#/p/dots'));
  const chart = page.locator('.panel[data-panel-type=line]', { has: page.locator('[data-testid=panel-title]', { hasText: /^test_acc$/ }) }).locator('.multi-line-chart[data-lines="3"][data-drawn="true"]');
  await chart.waitFor();
  await page.evaluate(defineLinePixels);
  const pixels = await chart.evaluate((element) => window.linePixelsOf(element));
  // A dot of radius 2.5 px covers ~20 pixels; three runs, three dots (nothing at all before they were drawn).
  assert.ok(pixels >= 3 * 12 && pixels < 3 * 60, `three dots on the canvas (${pixels} line pixels)`);
  const swatches = await page.$$eval('[data-testid=run-selector] .swatch', (elements) => elements.map((e) => getComputedStyle(e).backgroundColor));
  assert.equal(swatches.length, 16);
  assert.equal(new Set(swatches).size, 16, `16 runs, 16 colours: ${swatches.join(' ')}`);
  await chart.screenshot({ path: '/tmp/labbook-single-point-chart.png' });

  // Filters: a list of values, and a key no run has is explained rather than showing no run without a word.
  await page.fill('[data-testid=run-filter]', 'i in [0, 2]');
  await page.press('[data-testid=run-filter]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=run-count]').textContent === '2 visible · 2 of 16');
  await page.fill('[data-testid=run-filter]', 'foo = 1 or i = 3');
  await page.press('[data-testid=run-filter]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=run-count]').textContent === '1 visible · 1 of 16');
  assert.equal(await page.locator('[data-testid=filter-hint]').innerText(), 'filter: no run has the key foo, so this clause matches no run');
  // A filter matching no run leaves the line panels saying so, not an empty frame.
  await page.fill('[data-testid=run-filter]', 'foo = 1');
  await page.press('[data-testid=run-filter]', 'Enter');
  await page.locator('[data-testid=no-visible-runs]').first().waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
