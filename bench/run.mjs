// Benchmarks: build the app as it ships (plus the bench hook, see below), serve it, and run each bench/*.bench.mjs
// against it in headless Chromium.
// Each writes bench/results/<name>.json as { name, date, durationS, machine, metrics, targets }, then bench/README.md's
// tables are regenerated from the results (bench/readme.mjs). `npm run bench [name ...]`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveStatic } from '../e2e/harness/staticServer.mjs';
import { launchChromium } from '../e2e/harness/chromium.mjs';
import { writeReadmeTables } from './readme.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// LABBOOK_E2E_OUT picks the build folder, as for the end-to-end tests, so a benchmark does not overwrite another build.
const outDir = path.resolve(root, process.env.LABBOOK_E2E_OUT ?? 'dist');
// The shipped build plus one thing: mode `bench` adds window.labbook.benchData (bench/inPage/), the synthetic-run
// generator the benchmarks fill the store with.
const build = spawnSync('npx', ['vite', 'build', '--mode', 'bench', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const wanted = process.argv.slice(2);
const benches = fs.readdirSync(path.join(root, 'bench')).filter((f) => f.endsWith('.bench.mjs')).map((f) => f.replace('.bench.mjs', ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name));

const server = await serveStatic(outDir);
const browser = await launchChromium();
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  chromium: browser.version(),
};
let failed = false;
for (const name of benches) {
  const { runBench, targets } = await import(path.join(root, 'bench', `${name}.bench.mjs`));
  const context = await browser.newContext();
  const started = Date.now();
  try {
    const metrics = await runBench({ context, url: server.url, outDir });
    const result = { name, date: new Date().toISOString(), durationS: Math.round((Date.now() - started) / 1000), machine, metrics, targets };
    fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench', 'results', `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`${name}:`, JSON.stringify(metrics, null, 2));
  } catch (error) {
    failed = true;
    console.error(`${name} failed:`, error);
  } finally {
    await context.close();
  }
}
await browser.close();
await server.close();
await writeReadmeTables();
process.exit(failed ? 1 : 0);
