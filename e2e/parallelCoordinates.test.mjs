import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext } from './harness/contexts.mjs';
import { appUrl, openApp, waitForAsync } from './harness/app.mjs';
import { createDemoRuns } from './harness/demoRuns.mjs';

const CHART = '.panel[data-panel-type=parallel] [data-testid=parallel-coordinates]';

/** Opens a project's workspace and adds a parallel-coordinates panel; resolves when it draws `runs` runs. */
async function openWithParallelPanel(page, project, runs) {
  await page.goto(appUrl(`#/p/${project}`));
  await page.waitForFunction((n) => document.querySelector('[data-testid=run-count]')?.textContent === `${n} visible · ${n} of ${n}`, runs, { timeout: 60_000 });
  await page.click('[data-testid=add-panel]');
  await page.click('[data-testid=add-parallel]');
  await page.waitForFunction(([selector, n]) => document.querySelector(selector)?.dataset.runs === String(n), [CHART, runs]);
  await page.locator(CHART).scrollIntoViewIfNeeded();
}

/** The vertical extent of an axis (its line, or the colour legend of the last axis) and its x, in page pixels. */
async function axisBox(page, column) {
  const box = await page.locator(`${CHART} [data-axis="${column}"]`).locator('.pc-axis-line, .pc-color-legend').boundingBox();
  return { x: box.x + box.width / 2, yAt: (height) => box.y + box.height * (1 - height) };
}

/** Drags vertically on an axis between two heights (0 bottom .. 1 top) in small steps, as a hand would. */
async function dragOnAxis(page, column, from, to, steps = 12) {
  const axis = await axisBox(page, column);
  await page.mouse.move(axis.x, axis.yAt(from));
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) await page.mouse.move(axis.x, axis.yAt(from + ((to - from) * i) / steps));
  await page.mouse.up();
}

/** Every run id the (virtualised) run selector lists, scrolling it through. */
async function listedRunIds(page) {
  return page.evaluate(async () => {
    const scroller = document.querySelector('.run-selector-scroll');
    const ids = new Set();
    for (let top = 0; ; top += scroller.clientHeight / 2) {
      scroller.scrollTop = top;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      for (const row of document.querySelectorAll('.run-row')) ids.add(row.dataset.runId);
      if (top >= scroller.scrollHeight) break;
    }
    scroller.scrollTop = 0;
    return [...ids].sort();
  });
}

const storedBrushes = (page, project) => page.evaluate((key) => window.labbook.store.getSetting(key).then((s) => s?.brushes ?? []), `workspace:${project}`);
const shortNumber = (value) => String(Number(value.toPrecision(3)));

test('brushing the lr axis of a parallel-coordinates panel filters the run selector to exactly the runs in range; the chip removes it; it survives a reload', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 1000 } });
  const { page, problems } = await openApp(context);
  const runs = await createDemoRuns(page, { project: 'pc', runs: 100, steps: 20 });
  await openWithParallelPanel(page, 'pc', 100);
  const axes = await page.$$eval(`${CHART} .pc-axis`, (gs) => gs.map((g) => `${g.dataset.axis}/${g.dataset.kind}`));
  assert.deepEqual(axes, ['config:batch_size/numeric', 'config:dropout/numeric', 'config:lr/numeric', 'config:optimizer/categorical', 'summary:train/loss/numeric']);

  await dragOnAxis(page, 'config:lr', 0.35, 0.7);
  await waitForAsync(page, (key) => window.labbook.store.getSetting(key).then((s) => s?.brushes?.length === 1), 'workspace:pc');
  const [brush] = await storedBrushes(page, 'pc');
  // The lr axis is logarithmic over the runs' lr: the brush holds the values at the dragged heights (±2 px).
  const lrs = runs.map((r) => r.config.lr);
  const [min, max] = [Math.min(...lrs), Math.max(...lrs)];
  const at = (h) => Math.exp(Math.log(min) + h * (Math.log(max) - Math.log(min)));
  assert.equal(brush.kind, 'range');
  assert.ok(Math.abs(Math.log(brush.lo / at(0.35))) < 0.08 && Math.abs(Math.log(brush.hi / at(0.7))) < 0.08, `brush ${brush.lo}..${brush.hi}, dragged ${at(0.35)}..${at(0.7)}`);

  const expected = runs.filter((r) => r.config.lr >= brush.lo && r.config.lr <= brush.hi).map((r) => r.id).sort();
  assert.ok(expected.length > 5 && expected.length < 95, `a brush that selects some runs (${expected.length})`);
  const count = `${expected.length} visible · ${expected.length} of 100`;
  await page.waitForFunction((text) => document.querySelector('[data-testid=run-count]').textContent === text, count);
  assert.deepEqual(await listedRunIds(page), expected);
  assert.equal(await page.locator(CHART).getAttribute('data-inside'), String(expected.length), 'the brushed-out runs are drawn faint, not counted in');
  assert.equal(await page.locator(CHART).getAttribute('data-runs'), '100');
  const chip = page.locator('[data-testid=brush-chip]');
  assert.equal((await chip.innerText()).replace('✕', '').trim(), `${shortNumber(brush.lo)} ≤ lr ≤ ${shortNumber(brush.hi)}`);

  // The brush is saved with the workspace: a reload brings back the same filter, chip and brush.
  await page.reload();
  await page.waitForFunction((text) => document.querySelector('[data-testid=run-count]')?.textContent === text, count, { timeout: 30_000 });
  assert.deepEqual(await listedRunIds(page), expected);
  await page.locator(`${CHART} [data-axis="config:lr"] .pc-brush`).waitFor();
  assert.equal(await chip.count(), 1);

  await chip.locator('button').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=run-count]').textContent === '100 visible · 100 of 100');
  assert.equal(await page.locator(`${CHART} .pc-brush`).count(), 0);
  assert.equal(await page.locator(CHART).getAttribute('data-inside'), '100');
  assert.deepEqual(problems, []);
  await context.close();
});

test('parallel coordinates: a categorical brush, two brushes at once, moving and clearing a brush, reordering axes, opening a run', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 1000 } });
  const { page, problems } = await openApp(context);
  const runs = await createDemoRuns(page, { project: 'pc2', runs: 60, steps: 10 });
  await openWithParallelPanel(page, 'pc2', 60);
  const inside = () => page.locator(CHART).getAttribute('data-inside').then(Number);

  // optimizer's categories sit at the bottom (adam) and top (sgd): a drag over the top selects sgd only.
  await dragOnAxis(page, 'config:optimizer', 0.8, 1);
  const sgd = runs.filter((r) => r.config.optimizer === 'sgd');
  await page.waitForFunction((n) => document.querySelector('[data-testid=run-count]').textContent === `${n} visible · ${n} of 60`, sgd.length);
  // A second brush ANDs with the first.
  await dragOnAxis(page, 'config:dropout', 0.45, 1);
  // dropout is 0, 0.1, … 0.5 on a linear axis from 0 to 0.5: the top 55% holds 0.3, 0.4 and 0.5.
  const both = sgd.filter((r) => r.config.dropout >= 0.3);
  await page.waitForFunction((n) => document.querySelector('[data-testid=run-count]').textContent === `${n} visible · ${n} of 60`, both.length);
  assert.equal(await inside(), both.length);
  const chips = await page.locator('[data-testid=brush-chip]').allInnerTexts();
  assert.equal(chips.length, 2);
  assert.equal(chips[0].replace('✕', '').trim(), 'optimizer = sgd');
  assert.match(chips[1].replace('✕', '').trim(), /^0\.2[0-9]* ≤ dropout ≤ 0\.5$/);

  // Dragging the dropout brush down moves it whole; clicking an empty part of the axis clears it.
  const dropout = await axisBox(page, 'config:dropout');
  await page.mouse.move(dropout.x, dropout.yAt(0.7));
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(dropout.x, dropout.yAt(0.7 - (0.45 * i) / 8));
  await page.mouse.up();
  await waitForAsync(page, () => window.labbook.store.getSetting('workspace:pc2').then((s) => s.brushes.some((b) => b.column.key === 'dropout' && b.hi < 0.3)));
  const [moved] = (await storedBrushes(page, 'pc2')).filter((b) => b.column.key === 'dropout');
  assert.ok(Math.abs(moved.hi - moved.lo - 0.275) < 0.01, `the moved brush keeps its width: ${moved.lo}..${moved.hi}`);
  await page.mouse.click(dropout.x, dropout.yAt(0.95));
  await page.waitForFunction((n) => document.querySelector('[data-testid=run-count]').textContent === `${n} visible · ${n} of 60`, sgd.length);
  // The ✕ on the optimizer brush clears it.
  await page.locator(`${CHART} [data-axis="config:optimizer"] .pc-brush-clear`).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=run-count]').textContent === '60 visible · 60 of 60');

  // Dragging the first axis title onto the third axis moves it there, and the panel keeps that order.
  const order = () => page.$$eval(`${CHART} .pc-axis`, (gs) => gs.map((g) => g.dataset.axis));
  const title = await page.locator(`${CHART} [data-axis="config:batch_size"] .pc-axis-title`).boundingBox();
  const third = await axisBox(page, 'config:lr');
  await page.mouse.move(title.x + title.width / 2, title.y + title.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(title.x + title.width / 2 + ((third.x - title.x - title.width / 2) * i) / 10, title.y + title.height / 2);
  await page.mouse.up();
  await page.waitForFunction((selector) => document.querySelector(`${selector} .pc-axis`)?.dataset.axis === 'config:dropout', CHART);
  assert.deepEqual(await order(), ['config:dropout', 'config:lr', 'config:batch_size', 'config:optimizer', 'summary:train/loss']);

  // Hovering a line names its run; clicking it opens that run's page.
  const a0 = await axisBox(page, 'config:dropout');
  const a1 = await axisBox(page, 'config:lr');
  let name = null;
  for (let h = 1; h >= 0 && !name; h -= 0.01) {
    await page.mouse.move((a0.x + a1.x) / 2, a0.yAt(h));
    if (await page.locator('[data-testid=pc-tooltip]').count()) name = await page.locator('.pc-tooltip-name').innerText();
  }
  assert.ok(name, 'some line between the first two axes shows its tooltip');
  await page.mouse.down();
  await page.mouse.up();
  const run = runs.find((r) => r.name === name);
  await page.waitForFunction((id) => location.hash.endsWith(`/r/${id}`), run.id);
  assert.deepEqual(problems, []);
  await context.close();
});

test('parallel coordinates on bad input: text among numbers makes a categorical axis, NaN/Infinity/missing go to the missing slot, a one-value axis says so', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 1000 } });
  const { page, problems } = await openApp(context);
  await page.evaluate(async () => {
    const store = window.labbook.store;
    const values = [
      { config: { lr: 0.1, width: 64, seed: 1 }, summary: { loss: 0.5 } },
      { config: { lr: 0.01, width: 128, seed: 1 }, summary: { loss: NaN } },
      { config: { lr: 'auto', width: 256, seed: 1 }, summary: { loss: Infinity } },
      { config: { width: 32, seed: 1 }, summary: {} },
    ];
    const environment = { tfjsBackend: 'wasm', webgpuAdapter: null, userAgent: 'e2e', hardwareConcurrency: 2, deviceMemoryGb: null, appVersion: 'e2e' };
    for (const [i, { config, summary }] of values.entries()) {
      const now = Date.now() - i * 1000;
      await store.createRun({ id: `bad-${i}`, name: `bad-${i}`, project: 'bad', state: 'finished', group: null, tags: [], notes: '', config, summary, environment, createdAt: now, updatedAt: now, heartbeatAt: now, finishedAt: now, exitCode: 0, error: null, warnings: [] });
    }
  });
  await openWithParallelPanel(page, 'bad', 4);
  const axis = (column) => page.locator(`${CHART} [data-axis="${column}"]`);
  assert.equal(await axis('config:lr').getAttribute('data-kind'), 'categorical');
  assert.deepEqual(await axis('config:lr').locator('.pc-tick text').evaluateAll((texts) => texts.map((t) => t.firstChild.textContent)), ['0.01', '0.1', 'auto']);
  assert.equal(await axis('config:lr').locator('.pc-missing').count(), 1, 'the run without lr sits on the missing slot');
  assert.equal(await axis('summary:loss').getAttribute('data-kind'), 'numeric');
  assert.equal(await axis('summary:loss').locator('.pc-missing').count(), 1, 'NaN, Infinity and no loss sit on the missing slot');
  assert.equal(await axis('config:seed').locator('[data-testid=pc-one-value]').count(), 1);
  assert.equal(await axis('config:width').locator('[data-testid=pc-one-value]').count(), 0);
  assert.equal(await page.locator(CHART).getAttribute('data-inside'), '4');
  assert.deepEqual(problems, []);
  await context.close();
});

test('parallel coordinates follow a brush dragged over 1,000 runs, and its release filters the selector to the runs inside', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 1000 } });
  const { page, problems } = await openApp(context);
  await createDemoRuns(page, { project: 'many', runs: 1000, steps: 5 });
  await openWithParallelPanel(page, 'many', 1000);
  const axis = await axisBox(page, 'config:lr');
  await page.mouse.move(axis.x, axis.yAt(0.2));
  await page.mouse.down();
  await page.mouse.move(axis.x, axis.yAt(0.3));
  // Each step: the pointer moves (the draft brush changes, the chart filters and redraws), then reading the pixels
  // makes the canvas rasterise what it recorded, so the time is the whole redraw, not just the recording of strokes.
  const steps = await page.evaluate(({ x, from, to }) => {
    const svg = document.querySelector('.panel[data-panel-type=parallel] .pc-overlay');
    const canvas = svg.parentElement.querySelector('canvas');
    const times = [];
    const insides = new Set();
    for (let i = 0; i <= 30; i++) {
      const started = performance.now();
      svg.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: from + ((to - from) * i) / 30, pointerId: 1, bubbles: true }));
      canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      times.push(performance.now() - started);
      insides.add(svg.parentElement.dataset.inside);
    }
    return { times: times.sort((a, b) => a - b), insides: insides.size };
  }, { x: axis.x, from: axis.yAt(0.3), to: axis.yAt(0.9) });
  assert.ok(steps.insides > 10, `the brushed runs changed as the brush grew (${steps.insides} different counts)`);
  const released = await page.evaluate(() => performance.now());
  await page.mouse.up();
  await page.waitForFunction(() => !document.querySelector('[data-testid=run-count]').textContent.startsWith('1000 visible'));
  const filtered = (await page.evaluate(() => performance.now())) - released;
  // Timings are reported, not asserted (speed targets live in bench/): brush_update_ms there covers the whole workspace.
  const [median, max] = [steps.times[15], steps.times[30]];
  console.log(`1,000 runs: brush step (filter + redraw + raster) median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms; release → selector filtered in ${filtered.toFixed(0)} ms`);
  const inside = Number(await page.locator(CHART).getAttribute('data-inside'));
  const listed = Number(/· (\d+) of/.exec(await page.getByTestId('run-count').textContent())?.[1]);
  assert.ok(inside > 0 && inside < 1000, `the brush holds some runs (${inside})`);
  assert.equal(listed, inside, 'the selector lists exactly the runs inside the brush');
  assert.deepEqual(problems, []);
  await context.close();
});
