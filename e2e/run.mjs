// End-to-end tests: build the app as it ships, serve dist/ from a sub-path of a plain static server, and run every
// e2e/*.test.mjs against it in the system's headless Chromium (node:test, one file at a time).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from './harness/staticServer.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// LABBOOK_E2E_OUT lets two test runs on one checkout build side by side instead of overwriting each other's dist/.
const outDir = path.resolve(root, process.env.LABBOOK_E2E_OUT ?? 'dist');
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = await serveStatic(outDir);
const files = fs.readdirSync(path.join(root, 'e2e')).filter((f) => f.endsWith('.test.mjs')).map((f) => path.join('e2e', f));
const only = process.argv.slice(2);
// Asynchronous spawn: the static server lives in this process and must keep answering while the tests run.
const tests = spawn(process.execPath, ['--test', '--test-concurrency=1', ...(only.length ? only : files)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, LABBOOK_URL: server.url },
});
const code = await new Promise((resolve) => tests.on('exit', (status) => resolve(status ?? 1)));
await server.close();
process.exit(code);
