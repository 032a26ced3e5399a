import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from './harness/chromium.mjs';
import { openApp, executeInKernel } from './harness/app.mjs';

let browser;
let context;
let page;
before(async () => {
  browser = await launchChromium();
  context = await browser.newContext();
  ({ page } = await openApp(context));
});
after(async () => { await browser?.close(); });

test('TypeScript cells share one scope in the kernel worker, re-declare names and show the last expression', async () => {
  assert.equal((await executeInKernel(page, 'const scale: number = 3;\nfunction times(v: number): number { return v * scale; }')).ok, true);
  const second = await executeInKernel(page, 'times(14)');
  assert.deepEqual([second.ok, second.display], [true, '42']);
  await executeInKernel(page, 'const scale: number = 10;');
  assert.equal((await executeInKernel(page, 'times(2)')).display, '20');
});

test('a cell imports the bundled tfjs and computes with it on the kernel backend', async () => {
  const outcome = await executeInKernel(page, `
    import * as tf from '@tensorflow/tfjs';
    const product = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]]));
    [tf.getBackend(), Array.from(await product.data())]`);
  assert.equal(outcome.ok, true, JSON.stringify(outcome));
  const backend = await page.evaluate(() => window.labbook.session.environment.tfjsBackend);
  assert.equal(outcome.display, `[ "${backend}", [ 17, 39 ] ]`);
});

test('importing an unbundled package fails with a message naming what can be imported', async () => {
  const outcome = await executeInKernel(page, "import _ from 'lodash';");
  assert.equal(outcome.ok, false);
  assert.match(outcome.error.message, /cannot import "lodash": a cell can import "@tensorflow\/tfjs" and "labbook"/);
});

test('a syntax error is reported at its line without running anything', async () => {
  const outcome = await executeInKernel(page, "console.log('ran');\nconst broken = ;");
  assert.equal(outcome.ok, false);
  assert.equal(outcome.error.name, 'SyntaxError');
  assert.equal(outcome.error.position.line, 2);
  assert.deepEqual(outcome.outputs, []);
});
