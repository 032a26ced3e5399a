// The notebook kernel: what tracking costs a real tfjs fit, how quickly a cell answers, how soon the kernel is ready,
// and how much JS the app shell loads before Monaco.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const targets = { fit_overhead_ratio: '<= 1.05', cell_roundtrip_ms: '<= 30', initial_js_kb_gz: '<= 350' };


/** gzip size of the JS index.html loads itself (entry and modulepreloads), and of the kernel worker it starts. */
function initialJs(dist) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const shell = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length / 1024;
  const worker = fs.readdirSync(path.join(dist, 'assets')).filter((f) => /^worker-.*\.js$/.test(f));
  return { shellKb: shell.reduce((n, f) => n + gz(f), 0), workerKb: worker.reduce((n, f) => n + gz(`assets/${f}`), 0) };
}

const FIT = (tracked) => `
  const model = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [2], units: 32, activation: 'relu' }), tf.layers.dropout({ rate: 0.2 }),
    tf.layers.dense({ units: 32, activation: 'relu' }), tf.layers.dropout({ rate: 0.2 }),
    tf.layers.dense({ units: 1, activation: 'sigmoid' }) ] });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  ${tracked ? "const run = await init({ project: 'bench-fit' });" : ''}
  ${tracked ? 'const callback = timedCallback(run.callback());' : ''}
  const t0 = performance.now();
  await model.fit(benchX, benchY, { epochs: 2, batchSize: 32, validationSplit: 0.2${tracked ? ', callbacks: [callback]' : ''} });
  const ms = performance.now() - t0;
  ${tracked ? 'await run.finish();' : ''}
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

  const fit = await page.evaluate(async ({ plain, tracked }) => {
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
    await run(plain);
    const plainMs = [];
    const trackedMs = [];
    const callbackShares = [];
    const tracked1 = async () => {
      await run('callbackMs = 0');
      const ms = await run(tracked);
      callbackShares.push((await run('callbackMs')) / ms);
      return ms;
    };
    // Nine pairs, the order alternating, so drift and whatever the previous fit left behind fall on both sides.
    for (let i = 0; i < 9; i++) {
      if (i % 2 === 0) {
        plainMs.push(await run(plain));
        trackedMs.push(await tracked1());
      } else {
        trackedMs.push(await tracked1());
        plainMs.push(await run(plain));
      }
    }
    return { plainMs, trackedMs, callbackShares };
  }, { plain: FIT(false), tracked: FIT(true) });
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const js = initialJs(outDir);
  return {
    tfjs_backend: backend,
    // The median of each pair's ratio: one fit is ~0.2-0.3 s here, and a slow moment lands in one pair, not in both medians.
    fit_overhead_ratio: Number(median(fit.trackedMs.map((ms, i) => ms / fit.plainMs[i])).toFixed(3)),
    fit_overhead_ratio_pairs: fit.trackedMs.map((ms, i) => Number((ms / fit.plainMs[i]).toFixed(3))),
    fit_callback_share: Number(median(fit.callbackShares).toFixed(3)),
    fit_plain_ms: Number(median(fit.plainMs).toFixed(1)),
    fit_tracked_ms: Number(median(fit.trackedMs).toFixed(1)),
    cell_roundtrip_ms: Number(roundtrips[Math.floor(roundtrips.length / 2)].toFixed(2)),
    kernel_cold_start_ms: Math.round(coldStartMs),
    initial_js_kb_gz: Number(js.shellKb.toFixed(1)),
    kernel_worker_js_kb_gz: Number(js.workerKb.toFixed(1)),
  };
}
