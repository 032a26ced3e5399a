import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext } from './harness/contexts.mjs';
import { executeInKernel, openApp, openNotebookWith, waitForAsync } from './harness/app.mjs';

test('cells show tensors with shape and values, objects as collapsible trees, images and progress bars', async () => {
  const context = await newContext({ viewport: { width: 1280, height: 1000 } });
  const { page, problems } = await openApp(context);
  const output = await openNotebookWith(page, 'rich outputs', [
    "import * as tf from '@tensorflow/tfjs';\ntf.tensor2d([[1, 2], [3, 4]])",
    '({ lr: 0.01, optimizer: { name: "adam", betas: [0.9, 0.999] } })',
    "display(new Image(tf.linspace(0, 1, 64).reshape([8, 8]), { caption: 'a ramp' }))",
    'let seen = 0;\nfor (const i of progress(30, { label: "items" })) { seen += i; await new Promise((r) => setTimeout(r, 10)); }\nseen',
    '({ ok: 1, get broken() { throw new Error("boom"); } })',
    "const shortRun = await init({ project: 'rich-outputs' });\nawait shortRun.finish();\nshortRun",
  ]);
  await page.click('[data-testid=run-all]');

  const tensor = output(0).locator('[data-testid=tensor]');
  await tensor.waitFor();
  assert.match(await tensor.locator('.tensor-head').innerText(), /Tensor float32 \[2, 2\] · 4 values · min 1 · max 4 · mean 2\.5/);
  assert.match(await tensor.locator('.tensor-values').innerText(), /\[\[1, 2\],\s*\[3, 4\]\]/);

  // The top level is open; the nested optimizer opens on a click and shows its properties.
  const tree = output(1).locator('.result');
  await tree.locator('.vt-key', { hasText: 'lr' }).waitFor();
  assert.equal(await tree.locator('.vt-key', { hasText: 'name' }).count(), 0);
  await tree.locator('.vt-children summary', { hasText: 'optimizer' }).click();
  await tree.locator('.vt-string', { hasText: '"adam"' }).waitFor();

  const image = output(2).locator('[data-testid=image] img');
  await image.waitFor();
  await page.waitForFunction((img) => img.complete && img.naturalWidth === 8 && img.naturalHeight === 8, await image.elementHandle());
  assert.equal(await output(2).locator('figcaption').innerText(), 'a ramp');

  const bar = output(3).locator('[data-testid=progress]');
  await output(3).locator('.result').getByText('435').waitFor();
  assert.match(await bar.innerText(), /items[\s\S]*30\/30[\s\S]*took/);
  assert.equal(await bar.locator('[role=progressbar]').getAttribute('aria-valuenow'), '30');

  // A getter that throws is shown as what it threw; the cell itself succeeded.
  await output(4).locator('.result', { hasText: 'getter threw Error: boom' }).waitFor();
  assert.equal(await output(4).locator('[data-testid=cell-error]').count(), 0);

  // A cell that ends with the run it started charts that run once (its init already put the chart there).
  await output(5).locator('[data-testid=run-output] .state-badge', { hasText: 'finished' }).waitFor({ timeout: 30_000 });
  assert.equal(await output(5).locator('[data-testid=run-output]').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a cell that trains shows the run live under it with a link, a fit progress bar, and records system metrics every 2 s', async () => {
  const context = await newContext({ viewport: { width: 1280, height: 1000 } });
  const { page, problems } = await openApp(context);
  const output = await openNotebookWith(page, 'rich outputs', [
    [
      "import * as tf from '@tensorflow/tfjs';",
      "const run = await init({ project: 'rich-outputs', config: { units: 8 } });",
      'const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 8, activation: "relu" }), tf.layers.dense({ units: 1 })] });',
      "model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });",
      'const xs = tf.randomNormal([512, 4]);',
      'const ys = xs.sum(1, true);',
      // Tensors kept on purpose in the loop below: system/tensors must show them piling up.
      'const leaked = [];',
      'await model.fit(xs, ys, { epochs: 6, batchSize: 32, callbacks: [run.callback(), new tf.CustomCallback({ onEpochEnd: async () => { for (let i = 0; i < 50; i++) leaked.push(tf.ones([10])); await new Promise((r) => setTimeout(r, 800)); } })] });',
      'await run.finish();',
      'run.id',
    ].join('\n'),
  ]);
  await page.click('[data-testid=run-all]');

  const runOutput = output(0).locator('[data-testid=run-output]');
  await runOutput.waitFor({ timeout: 60_000 });
  const link = runOutput.locator('[data-testid=run-link]');
  assert.match(await link.getAttribute('href'), /^#\/p\/rich-outputs\/r\//);
  // While it trains: the fit's progress bar counts epochs and the run's charts fill.
  await output(0).locator('[data-testid=progress]', { hasText: /epoch \d\/6/ }).waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=run-output] .line-chart')?.dataset.points ?? 0) > 0, null, { timeout: 60_000 });
  const runId = (await output(0).locator('.result').innerText({ timeout: 120_000 })).replace(/"/g, '');
  assert.match(await output(0).locator('[data-testid=progress]').innerText(), /epoch 6\/6[\s\S]*96\/96[\s\S]*took/);
  assert.equal(await runOutput.locator('.state-badge').innerText(), 'finished');
  const charts = await runOutput.locator('.line-chart').evaluateAll((figures) => figures.map((f) => f.dataset.metric));
  assert.deepEqual(charts, ['epoch/loss', 'batch/loss']);

  const system = await waitForAsync(
    page,
    async (id) => {
      const metrics = await window.labbook.store.listMetrics(id);
      if (!metrics.includes('system/tensors')) return null;
      const tensors = await window.labbook.store.series(id, 'system/tensors', { buckets: 1000 });
      return { metrics: metrics.filter((m) => m.startsWith('system/')), steps: Array.from(tensors.x), tensors: Array.from(tensors.last) };
    },
    runId,
  );
  for (const metric of ['system/tensors', 'system/tensor_bytes', 'system/storage_bytes', 'system/samples_per_sec', 'system/step_time_ms']) assert.ok(system.metrics.includes(metric), `${metric} in ${system.metrics}`);
  // The fit sleeps 6 × 0.8 s, and a sample is taken every 2 s while the run is open.
  assert.ok(system.steps.length >= 2, `at least two samples over a fit of more than 4.8 s, got ${system.steps}`);
  // Samples are placed at seconds since init: in order, within the run's lifetime as its record tells it (give or take
  // the moment between the kernel starting the run and the page recording it).
  const run = await page.evaluate((id) => window.labbook.store.getRun(id), runId);
  const lifetime = (run.finishedAt - run.createdAt) / 1000;
  assert.ok(system.steps.every((s, i) => s > 0 && s <= lifetime + 1 && (i === 0 || s > system.steps[i - 1])), `samples at ${system.steps} within ${lifetime} s`);
  assert.ok(system.tensors[system.tensors.length - 1] > system.tensors[0] + 40, `tensor count grows: ${system.tensors}`);

  // The link opens the run page, where the system metrics have their own charts against time.
  await link.click();
  await page.locator('.line-chart[data-metric="system/tensors"]').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('Stop during a fit stops it softly: the cell ends Interrupted, the run is killed with its points kept, the scope survives', async () => {
  const context = await newContext({ viewport: { width: 1280, height: 1000 } });
  const { page, problems } = await openApp(context);
  const output = await openNotebookWith(page, 'rich outputs', [
    [
      "import * as tf from '@tensorflow/tfjs';",
      'const kept = 42;',
      "const run = await init({ project: 'soft-stop' });",
      'const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 16, activation: "relu" }), tf.layers.dense({ units: 1 })] });',
      "model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });",
      'const xs = tf.randomNormal([1024, 4]);',
      'await model.fit(xs, xs.sum(1, true), { epochs: 500, batchSize: 32, callbacks: [run.callback()] });',
    ].join('\n'),
  ]);
  await page.click('[data-testid=run-all]');
  // Training is under way once the fit's progress bar has counted some batches.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=progress] [role=progressbar]')?.getAttribute('aria-valuenow') ?? 0) > 50, null, { timeout: 60_000 });
  // Every status the kernel goes through from the stop on: a soft stop never restarts it.
  await page.evaluate(() => {
    window.statusesSinceStop = [window.labbook.session.status];
    window.labbook.session.onStatus((status) => window.statusesSinceStop.push(status));
  });
  await page.click('[data-testid=stop]');
  await output(0).locator('[data-testid=cell-error]').getByText(/Interrupted/).waitFor({ timeout: 10_000 });
  const run = await waitForAsync(page, () => window.labbook.store.listRuns('soft-stop').then((runs) => runs[0]?.state === 'killed' && runs[0]));
  const points = await page.evaluate((id) => window.labbook.store.series(id, 'batch/loss', { buckets: 1e6 }).then((s) => s.x.length), run.id);
  assert.ok(points > 50, `the batches logged before the stop are kept (${points})`);
  // A soft stop keeps the kernel: it went busy → stopping → idle without a restart, and the cell's names are still there.
  assert.deepEqual(await page.evaluate(() => window.statusesSinceStop), ['busy', 'stopping', 'idle']);
  assert.equal((await executeInKernel(page, 'kept + 1')).display, '43');
  assert.deepEqual(problems, []);
  await context.close();
});
