// The notebook kernel: what tracking costs a real tfjs fit, how quickly a cell answers, how soon the kernel is ready,
// and how much JS the app shell loads before Monaco.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { median } from './stats.mjs';

/** Epochs of each timed fit: with 2,000 samples (1,600 trained on, batch 32), 50 took ~4.3 s on wasm on the 2-core VM. */
const FIT_EPOCHS = 75;
/** Tracked/untracked pairs, the order alternating. */
const FIT_PAIRS = 10;
/**
 * Epochs of the warm-up fits (one of each kind): long enough for V8 to finish optimising the wasm backend's code, which
 * fits of 2 epochs left to the measured ones (the first pairs ran ~50 % longer than the last).
 */
const WARM_UP_EPOCHS = 20;

export const targets = { fit_overhead_ratio: '<= 1.05', fit_plain_ms: '>= 5000', fit_callback_share: 'report', cell_roundtrip_ms: '<= 30', kernel_cold_start_ms: 'report', initial_js_kb_gz: '<= 350', kernel_worker_js_kb_gz: 'report' };

/** What each reported metric measures, for bench/README.md's table (bench/readme.mjs). */
export const descriptions = {
  fit_overhead_ratio:
    `the dropout example's MLP (2,000 samples, batch 32, ${FIT_EPOCHS} epochs, wasm) with \`run.callback()\` logging every batch, \`init\` and \`await run.finish()\` included, over the same fit untracked: median tracked time / median untracked time of ${FIT_PAIRS} pairs, order alternating`,
  fit_plain_ms: 'the untracked fit, median: long enough that one slow moment of the machine does not decide the ratio',
  fit_callback_share: `time the tracked fits spend inside the callback's hooks (logging, progress bar, Stop check, their awaits) over their whole time, measured in the kernel; median of the ${FIT_PAIRS}`,
  cell_roundtrip_ms: '`1 + 1` from `session.execute` to its answer, warm kernel, median of 50 (the notebook\'s rendering not included)',
  kernel_cold_start_ms: 'page start → kernel ready with its tfjs backend initialised (`labbook:kernel-ready`), on the home page',
  initial_js_kb_gz: 'gzip size of the JS `index.html` loads itself (Monaco, markdown and KaTeX are lazy chunks)',
  kernel_worker_js_kb_gz: 'gzip size of the kernel worker (tfjs, sucrase, acorn), loaded when the kernel starts',
};

/** gzip size of the JS index.html loads itself (entry and modulepreloads), and of the kernel worker it starts. */
function initialJs(dist) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const shell = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length / 1024;
  const worker = fs.readdirSync(path.join(dist, 'assets')).filter((f) => /^worker-.*\.js$/.test(f));
  return { shellKb: shell.reduce((n, f) => n + gz(f), 0), workerKb: worker.reduce((n, f) => n + gz(`assets/${f}`), 0) };
}

/**
 * The dropout example's MLP fitted for `epochs`, timed from building the model to the end; tracked, the time includes
 * init(), the callback logging every batch and `await run.finish()` (every point stored), as a user waits for them.
 */
const FIT = (tracked, epochs) => `
  const t0 = performance.now();
  const model = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [2], units: 32, activation: 'relu' }), tf.layers.dropout({ rate: 0.2 }),
    tf.layers.dense({ units: 32, activation: 'relu' }), tf.layers.dropout({ rate: 0.2 }),
    tf.layers.dense({ units: 1, activation: 'sigmoid' }) ] });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  ${tracked ? "const run = await init({ project: 'bench-fit' });" : ''}
  ${tracked ? 'const callback = timedCallback(run.callback());' : ''}
  await model.fit(benchX, benchY, { epochs: ${epochs}, batchSize: 32, validationSplit: 0.2${tracked ? ', callbacks: [callback]' : ''} });
  ${tracked ? 'await run.finish();' : ''}
  const ms = performance.now() - t0;
  model.dispose();
  ms`;

/** Runs the kernel benchmark in a fresh page of `context`. */
export async function runBench({ context, url, outDir }) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('labbook:kernel-ready').length > 0, null, { timeout: 60_000 });
  const coldStartMs = await page.evaluate(() => performance.getEntriesByName('labbook:kernel-ready')[0].startTime);
  const backend = await page.evaluate(() => window.labbook.session.environment.tfjsBackend);

  const roundtrips = await page.evaluate(async () => {
    const times = [];
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      await window.labbook.session.execute('1 + 1');
      times.push(performance.now() - t0);
    }
    return times.slice(10).sort((a, b) => a - b);
  });

  const fit = await page.evaluate(async ({ plain, tracked, warmUp, pairs }) => {
    const run = async (code) => {
      const outcome = await window.labbook.session.execute(code);
      if (!outcome.ok) throw new Error(outcome.error.message);
      return Number(outcome.display);
    };
    // timedCallback sums the time fit spends inside the tracking callback's hooks (their awaits included) into
    // callbackMs: the tracking's own share of a fit, which the wall-clock ratio of two fits is too noisy to resolve.
    await run(`import * as tf from '@tensorflow/tfjs';
      const benchX = tf.randomNormal([2000, 2], 0, 1, 'float32', 7);
      const benchY = benchX.sum(1, true).greater(0).toFloat();
      let callbackMs = 0;
      function timedCallback(callback) {
        for (const hook of ['onTrainBegin', 'onEpochBegin', 'onBatchBegin', 'onBatchEnd', 'onEpochEnd', 'onTrainEnd']) {
          if (typeof callback[hook] !== 'function') continue;
          const inner = callback[hook].bind(callback);
          callback[hook] = async (...args) => {
            const t0 = performance.now();
            try {
              await inner(...args);
            } finally {
              callbackMs += performance.now() - t0;
            }
          };
        }
        return callback;
      }`);
    // A fit of each kind first: tfjs's kernels, the optimised code and the project's first run are set up outside the timings.
    for (const code of warmUp) await run(code);
    const plainMs = [];
    const trackedMs = [];
    const callbackShares = [];
    const tracked1 = async () => {
      await run('callbackMs = 0');
      const ms = await run(tracked);
      callbackShares.push((await run('callbackMs')) / ms);
      return ms;
    };
    // Pairs with the order alternating, so drift and whatever the previous fit left behind fall on both sides.
    for (let i = 0; i < pairs; i++) {
      if (i % 2 === 0) {
        plainMs.push(await run(plain));
        trackedMs.push(await tracked1());
      } else {
        trackedMs.push(await tracked1());
        plainMs.push(await run(plain));
      }
    }
    return { plainMs, trackedMs, callbackShares };
  }, { plain: FIT(false, FIT_EPOCHS), tracked: FIT(true, FIT_EPOCHS), warmUp: [FIT(false, WARM_UP_EPOCHS), FIT(true, WARM_UP_EPOCHS)], pairs: FIT_PAIRS });
  const js = initialJs(outDir);
  return {
    tfjs_backend: backend,
    fit_overhead_ratio: Number((median(fit.trackedMs) / median(fit.plainMs)).toFixed(3)),
    fit_overhead_ratio_pairs: fit.trackedMs.map((ms, i) => Number((ms / fit.plainMs[i]).toFixed(3))),
    fit_callback_share: Number(median(fit.callbackShares).toFixed(3)),
    fit_plain_ms: Math.round(median(fit.plainMs)),
    fit_tracked_ms: Math.round(median(fit.trackedMs)),
    fit_plain_ms_runs: fit.plainMs.map(Math.round),
    fit_tracked_ms_runs: fit.trackedMs.map(Math.round),
    fit_epochs: FIT_EPOCHS,
    cell_roundtrip_ms: Number(roundtrips[Math.floor(roundtrips.length / 2)].toFixed(2)),
    kernel_cold_start_ms: Math.round(coldStartMs),
    initial_js_kb_gz: Number(js.shellKb.toFixed(1)),
    kernel_worker_js_kb_gz: Number(js.workerKb.toFixed(1)),
  };
}
