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

test('Stop on an endless synchronous loop tries a soft stop, then restarts the kernel: the run ends killed and its stored points stay', async () => {
  const { outcome, statuses } = await page.evaluate(async () => {
    const statuses = [];
    const unsubscribe = window.labbook.session.onStatus((status) => statuses.push(status));
    let looping;
    const entered = new Promise((resolve) => (looping = resolve));
    const done = window.labbook.session.execute(
      `
      const hung = await init({ project: 'hard-stop' });
      for (let i = 0; i < 300; i++) hung.log({ i });
      await hung.flush();
      console.log('looping');
      while (true) {}`,
      { onOutput: (output) => (output.text.includes('looping') ? looping() : null) },
    );
    // Printed just before the loop: the kernel is stuck in it now, and will not answer a soft stop.
    await Promise.race([entered, new Promise((_, reject) => setTimeout(() => reject(new Error('the cell never reached its loop')), 60_000))]);
    window.labbook.session.interrupt();
    const outcome = await done;
    unsubscribe();
    return { outcome, statuses };
  });
  assert.equal(outcome.ok, false);
  assert.equal(outcome.error.name, 'KernelRestarted');
  assert.match(outcome.error.message, /names defined by earlier cells are gone/);
  // The soft stop came first (stopping), and only when it got no answer was the kernel restarted.
  assert.deepEqual(statuses.slice(0, 3), ['busy', 'stopping', 'restarting']);
  await page.waitForFunction(() => window.labbook.session.status === 'idle', null, { timeout: 60_000 });
  const run = await page.evaluate(() => window.labbook.store.listRuns('hard-stop').then((runs) => runs[0]));
  assert.equal(run.state, 'killed');
  const points = await page.evaluate((id) => window.labbook.store.series(id, 'i', { buckets: 1000 }).then((s) => s.x.length), run.id);
  assert.equal(points, 300);
  // The restarted kernel works, and the old scope is gone.
  assert.equal((await executeInKernel(page, 'typeof hung')).display, 'undefined');
});
