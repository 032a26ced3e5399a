// The line rasteriser alone (bench/inPage/lineRasterMicro.worker.ts) in headless Chromium: 1,000 lines × 1,000 points
// into a 1,200 × 300 box, by the canvas (anti-aliased strokes) and by column spans, rounds interleaved in one worker.
// Prints each case's median and fastest round and the ratios; on a shared, busy machine compare only ratios of one run.
// `node bench/lineRasterMicro.mjs [rounds] [lines] [points]`
import path from 'node:path';
import { build } from 'rolldown';
import { launchChromium } from '../e2e/harness/chromium.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const [rounds = 9, lines = 1000, points = 1000] = process.argv.slice(2).map(Number);
const output = await build({ input: path.join(root, 'bench/inPage/lineRasterMicro.worker.ts'), write: false, output: { format: 'esm' } });
const workerCode = output.output[0].code;

const browser = await launchChromium();
const page = await browser.newPage();
// A page and its worker script from one made-up origin: a worker needs an origin to load from.
const origin = 'http://raster-micro.localhost';
await page.route(`${origin}/**`, (route) =>
  route.request().url().endsWith('/worker.js') ? route.fulfill({ contentType: 'text/javascript', body: workerCode }) : route.fulfill({ contentType: 'text/html', body: '<!doctype html>' }),
);
await page.goto(`${origin}/`);
const times = await page.evaluate(
  (message) =>
    new Promise((resolve, reject) => {
      const worker = new Worker('/worker.js', { type: 'module' });
      worker.onmessage = (event) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(event.message));
      worker.postMessage(message);
    }),
  { rounds, lines, points },
);
await browser.close();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const medians = Object.fromEntries(Object.entries(times).map(([name, ms]) => [name, median(ms)]));
const minima = Object.fromEntries(Object.entries(times).map(([name, ms]) => [name, Math.min(...ms)]));
const tenths = (ms) => Math.round(ms * 10) / 10;
const result = {
  chromium: browser.version(),
  lines,
  points,
  rounds,
  median_ms: Object.fromEntries(Object.entries(medians).map(([name, ms]) => [name, tenths(ms)])),
  // The fastest round of each: the least disturbed by other work on a shared machine.
  min_ms: Object.fromEntries(Object.entries(minima).map(([name, ms]) => [name, tenths(ms)])),
  canvas_over_spans: tenths(medians.canvas / medians.spans),
  canvas_over_spans_min: tenths(minima.canvas / minima.spans),
  eye_toggle_canvas_over_spans: tenths(medians.canvas_eye_toggle / medians.spans_eye_toggle),
  runs_ms: Object.fromEntries(Object.entries(times).map(([name, ms]) => [name, ms.map(tenths)])),
};
console.log(JSON.stringify(result, null, 2));
