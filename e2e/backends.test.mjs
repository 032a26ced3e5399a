import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext } from './harness/contexts.mjs';
import { openApp, executeInKernel, waitForAsync } from './harness/app.mjs';

// A deterministic training (seeded data and initialisers, no dropout, no shuffling) so two backends can be compared.
const TRAIN = (project) => `
  import * as tf from '@tensorflow/tfjs';
  const x = tf.randomNormal([256, 4], 0, 1, 'float32', 3);
  const y = x.matMul(tf.tensor2d([[0.5], [-1], [2], [0.25]])).add(0.1);
  const model = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [4], units: 16, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
    tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }) ] });
  model.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
  const run = await init({ project: '${project}' });
  await model.fit(x, y, { epochs: 5, batchSize: 32, shuffle: false, callbacks: [run.callback()] });
  await run.finish();
  [tf.getBackend(), run.summary['epoch/loss']]`;

test('the backend setting forces WebGPU (the SwiftShader adapter here); a fit there matches the same fit on wasm', async () => {
  const context = await newContext();
  const { page, problems } = await openApp(context);
  const onWasm = await executeInKernel(page, TRAIN('backend-wasm'));
  assert.equal(onWasm.ok, true, JSON.stringify(onWasm));

  await page.selectOption('[data-testid=backend-setting]', 'webgpu');
  await page.waitForFunction(() => window.labbook.session.status === 'idle' && window.labbook.session.environment?.tfjsBackend === 'webgpu', null, { timeout: 60_000 });
  assert.match(await page.locator('[data-testid=backend]').innerText(), /^webgpu · .+ \(software\)$/);
  const onWebgpu = await executeInKernel(page, TRAIN('backend-webgpu'));
  assert.equal(onWebgpu.ok, true, JSON.stringify(onWebgpu));

  const [wasmBackend, wasmLoss] = JSON.parse(onWasm.display.replace(/^\[ /, '[').replace(/ \]$/, ']'));
  const [gpuBackend, gpuLoss] = JSON.parse(onWebgpu.display.replace(/^\[ /, '[').replace(/ \]$/, ']'));
  assert.deepEqual([wasmBackend, gpuBackend], ['wasm', 'webgpu']);
  assert.ok(Math.abs(wasmLoss - gpuLoss) <= 1e-3 * Math.max(1, Math.abs(wasmLoss)), `losses agree: wasm ${wasmLoss}, webgpu ${gpuLoss}`);
  const runs = await page.evaluate(() => window.labbook.store.listRuns('backend-webgpu'));
  assert.equal(runs[0].environment.tfjsBackend, 'webgpu');
  assert.equal(runs[0].environment.webgpuAdapter.isFallbackAdapter, true);

  // The choice is saved: a reload starts the kernel on webgpu again.
  await page.reload();
  await page.waitForFunction(() => window.labbook?.session?.environment?.tfjsBackend === 'webgpu', null, { timeout: 60_000 });
  assert.deepEqual(problems, []);
  await context.close();
});

/** Runs the open notebook's cells and waits for the newest run of the dropout example to finish; returns it. */
async function runDropoutExample(page, previousRuns) {
  await page.click('[data-testid=run-all]');
  return waitForAsync(
    page,
    (n) => window.labbook.store.listRuns('dropout-experiment').then((runs) => runs.length > n && runs[0].state === 'finished' && runs[0]),
    previousRuns,
    { timeout: 300_000 },
  );
}

test('the dropout example, seed fixed and dropout 0, trains to the same losses on wasm and on WebGPU (SwiftShader)', async (t) => {
  const context = await newContext();
  const { page, problems } = await openApp(context);
  await page.click('[data-testid="example-dropout.ipynb"]');
  await page.waitForURL(/#\/nb\//);
  // What a user does to reproduce a run: fix the seed. Dropout 0 takes out the masks, which are drawn afresh per batch.
  await page.evaluate(async () => {
    const id = location.hash.split('/').pop();
    const notebook = await window.labbook.store.getNotebook(id);
    const cells = notebook.cells.map((cell) => ({
      ...cell,
      source: cell.source.replace(/^const seed = .*$/m, 'const seed = 1234;').replace(/^const dropout = .*$/m, 'const dropout = 0;'),
    }));
    await window.labbook.store.saveNotebook({ ...notebook, cells });
  });
  await page.reload();
  await page.locator('.cell .monaco-editor').first().waitFor({ timeout: 30_000 });
  const onWasm = await runDropoutExample(page, 0);

  await page.selectOption('[data-testid=backend-setting]', 'webgpu');
  await page.waitForFunction(() => window.labbook.session.status === 'idle' && window.labbook.session.environment?.tfjsBackend === 'webgpu', null, { timeout: 60_000 });
  const onWebgpu = await runDropoutExample(page, 1);

  assert.deepEqual([onWasm.environment.tfjsBackend, onWebgpu.environment.tfjsBackend], ['wasm', 'webgpu']);
  assert.deepEqual([onWasm.config.seed, onWebgpu.config.seed, onWebgpu.config.dropout], [1234, 1234, 0]);
  for (const metric of ['epoch/loss', 'epoch/val_loss']) {
    const [a, b] = [onWasm.summary[metric], onWebgpu.summary[metric]];
    t.diagnostic(`${metric}: wasm ${a}, webgpu ${b}`);
    assert.ok(Math.abs(a - b) <= 1e-2 * Math.max(1, Math.abs(a)), `${metric} agrees: wasm ${a}, webgpu ${b}`);
  }
  assert.ok(onWasm.summary['epoch/loss'] < 0.6, `it learned: final loss ${onWasm.summary['epoch/loss']}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("conv2d layers train on wasm: the filter gradient the app adds to tfjs's wasm backend equals the cpu backend's", async () => {
  const context = await newContext();
  const { page, problems } = await openApp(context);
  const outcome = await executeInKernel(
    page,
    `import * as tf from '@tensorflow/tfjs';
const backend = tf.getBackend();
const cases: [number[], number[], [number, number], 'same' | 'valid'][] = [[[2, 7, 6, 3], [3, 2, 3, 4], [2, 1], 'same'], [[3, 9, 9, 1], [3, 3, 1, 8], [1, 1], 'valid'], [[2, 6, 5, 2], [3, 3, 2, 3], [1, 1], 'same'], [[1, 5, 5, 1], [3, 3, 1, 2], [2, 2], 'valid']];
const gradients = async () => {
  const out: number[][] = [];
  for (const [xs, ws, strides, pad] of cases) {
    const x = tf.randomNormal(xs, 0, 1, 'float32', 1);
    const w = tf.randomNormal(ws, 0, 1, 'float32', 2);
    out.push(Array.from(await tf.grad((f: tf.Tensor4D) => tf.conv2d(x as tf.Tensor4D, f, strides, pad).square().sum())(w as tf.Tensor4D).data()));
  }
  return out;
};
const onWasm = await gradients();
await tf.setBackend('cpu');
const onCpu = await gradients();
await tf.setBackend(backend);
({ backend, worst: Math.max(...onWasm.flatMap((g, i) => g.map((v, j) => Math.abs(v - onCpu[i][j]) / Math.max(1, Math.abs(onCpu[i][j]))))), sizes: onWasm.map((g) => g.length) })`,
  );
  assert.equal(outcome.ok, true, JSON.stringify(outcome.error));
  const result = JSON.parse(outcome.display.replace(/(\w+):/g, '"$1":'));
  assert.equal(result.backend, 'wasm');
  assert.deepEqual(result.sizes, [3 * 2 * 3 * 4, 3 * 3 * 1 * 8, 3 * 3 * 2 * 3, 3 * 3 * 1 * 2]);
  assert.ok(result.worst < 1e-4, `largest relative difference ${result.worst}`);
  assert.deepEqual(problems, []);
  await context.close();
});
