import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { newContext } from './harness/contexts.mjs';
import { openApp, executeInKernel } from './harness/app.mjs';

let page;
before(async () => {
  ({ page } = await openApp(await newContext()));
});

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

test('Stop on an endless synchronous loop restarts the kernel after 3 s: the run ends killed and its stored points stay', async () => {
  const started = Date.now();
  const outcome = await page.evaluate(async () => {
    const done = window.labbook.session.execute(`
      const hung = await init({ project: 'hard-stop' });
      for (let i = 0; i < 300; i++) hung.log({ i });
      await new Promise((resolve) => setTimeout(resolve, 500));
      while (true) {}`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    window.labbook.session.interrupt();
    return done;
  });
  assert.equal(outcome.ok, false);
  assert.equal(outcome.error.name, 'KernelRestarted');
  assert.match(outcome.error.message, /names defined by earlier cells are gone/);
  assert.ok(Date.now() - started >= 1500 + 3000, 'the soft stop was given its 3 s');
  await page.waitForFunction(() => window.labbook.session.status === 'idle', null, { timeout: 60_000 });
  const run = await page.evaluate(() => window.labbook.store.listRuns('hard-stop').then((runs) => runs[0]));
  assert.equal(run.state, 'killed');
  const points = await page.evaluate((id) => window.labbook.store.series(id, 'i', { buckets: 1000 }).then((s) => s.x.length), run.id);
  assert.equal(points, 300);
  // The restarted kernel works, and the old scope is gone.
  assert.equal((await executeInKernel(page, 'typeof hung')).display, 'undefined');
});
