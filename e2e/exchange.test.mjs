// Run bundles in the real app: a project exported from its workspace, deleted, dropped back on the page and found
// identical (records, every point, its table and image, the same chart pixels); a second import asks about the runs
// already there; a dozen bad bundles refused with the file and field named and the database unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { newContext } from './harness/contexts.mjs';
import { appUrl, executeInKernel, openApp } from './harness/app.mjs';
import { createDemoRuns } from './harness/demoRuns.mjs';
import { seriousViolations } from './harness/axe.mjs';
import { databaseDigest } from './harness/idbDigest.mjs';
import { pythonHas, runPython } from './harness/python.mjs';

const SHOTS = process.env.LABBOOK_SHOTS ?? os.tmpdir();
const PROJECT = 'bundle-trip';

/** Everything of the project as the app reads it back: records, each point's bits, table bytes, media. */
function projectContents(page) {
  return page.evaluate(async (project) => {
    const store = window.labbook.store;
    const runs = (await store.listRuns(project)).sort((a, b) => a.id.localeCompare(b.id));
    const bits = (values) => Array.from(new Uint8Array(values.buffer, values.byteOffset, values.byteLength)).join(',');
    const history = await Promise.all(runs.map(async (run) => (await store.readRunHistory(run.id)).map((s) => `${s.metric}:${Array.from(s.steps).join(',')}:${bits(s.values)}`)));
    const tables = await Promise.all(runs.map(async (run) => (await store.readRunTableLogs(run.id)).map((log) => `${log.key}/${log.seq}:${Array.from(log.arrow).join(',')}`)));
    // Keys sorted: a record's meaning, not the order its fields were written in.
    const sorted = (_key, value) => (value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : value);
    return JSON.stringify({ runs, history, tables }, sorted);
  }, PROJECT);
}

/** The loss panel's canvas as PNG bytes, once drawn with every run. */
async function lossChart(page, runs) {
  await page.goto(appUrl(`#/p/${PROJECT}`));
  const chart = page.locator('.panel[data-panel-type=line]', { hasText: 'train/loss' }).locator('.multi-line-chart');
  await page.waitForFunction(
    (runs) => {
      const figure = [...document.querySelectorAll('.panel[data-panel-type=line]')].find((p) => p.textContent.includes('train/loss'))?.querySelector('.multi-line-chart');
      return figure && Number(figure.dataset.lines) === runs && figure.dataset.drawn === 'true';
    },
    runs,
    { timeout: 30_000 },
  );
  return chart.locator('canvas').first().screenshot();
}

/** Drops a file on the page as a user would drag one in from their file manager. */
async function dropFile(page, filePath, name) {
  const bytes = [...fs.readFileSync(filePath)];
  await page.evaluate(
    ({ bytes, name }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(bytes)], name, { type: 'application/zip' }));
      for (const type of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { bytes, name },
  );
}

test('a project exported as a bundle, deleted, and dropped back on the page is identical: runs, points, table, image, workspace and chart pixels', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const { page, problems } = await openApp(context);
  await createDemoRuns(page, { project: PROJECT, runs: 4, steps: 300 });
  const logged = await executeInKernel(
    page,
    `const run = await init({ project: '${PROJECT}', name: 'with-table', config: { lr: 0.01 } });
for (let step = 0; step < 300; step++) run.log({ 'train/loss': step === 150 ? NaN : 2 / (step + 1), 'val/acc': step === 10 ? Infinity : step / 300 });
const pixels = Array.from({ length: 16 * 16 }, (_, p) => (p * 7) % 256);
run.log({ predictions: new Table({ columns: ['id', 'image', 'score'], data: [[1, new Image({ data: pixels, width: 16, height: 16 }), 0.5], [2, null, 0.25]] }) });
await run.finish();`,
  );
  assert.equal(logged.ok, true, JSON.stringify(logged.error));
  const before = await projectContents(page);
  const chartBefore = await lossChart(page, 5);

  await page.click('[data-testid=export-project]');
  const dialog = page.locator('[data-testid=export-dialog]');
  await dialog.waitFor();
  assert.equal(await page.locator('[data-testid=export-format-bundle]').isChecked(), true);
  await page.screenshot({ path: path.join(SHOTS, 'export-dialog.png') });
  assert.deepEqual(await seriousViolations(page), []);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-start]')]);
  assert.equal(download.suggestedFilename(), `${PROJECT}.labbook.zip`);
  const bundlePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-')), download.suggestedFilename());
  await download.saveAs(bundlePath);
  assert.match(await dialog.locator('[data-testid=export-done]').innerText(), /Saved bundle-trip\.labbook\.zip \(.+, 5 runs\)/);
  const files = unzipSync(new Uint8Array(fs.readFileSync(bundlePath)));
  assert.ok(Object.keys(files).some((name) => name.startsWith('media/')), 'the image travels in the bundle');

  await page.evaluate((project) => window.labbook.store.deleteProject(project), PROJECT);
  await page.goto(appUrl('#/'));
  await dropFile(page, bundlePath, download.suggestedFilename());
  const importDialog = page.locator('[data-testid=import-dialog]');
  await importDialog.locator('[data-testid=import-summary]').waitFor();
  assert.match(await importDialog.innerText(), /5 runs in project bundle-trip/);
  await page.click('[data-testid=import-start]');
  await importDialog.locator('[data-testid=import-done]').waitFor();
  assert.equal(await importDialog.locator('[data-testid=import-done]').innerText(), 'Imported 5 runs into bundle-trip.');
  await importDialog.locator('button', { hasText: 'Close' }).click();

  assert.equal(await projectContents(page), before);
  const chartAfter = await lossChart(page, 5);
  assert.ok(chartAfter.equals(chartBefore), 'the loss chart draws the same pixels after the round trip');
  await page.screenshot({ path: path.join(SHOTS, 'bundle-reimported-workspace.png') });

  // The same bundle again: every run is already here, and the dialog asks what to do with them.
  await page.goto(appUrl('#/'));
  await page.locator('[data-testid=import-bundle]').setInputFiles(bundlePath);
  await importDialog.locator('[data-testid=import-conflicts]').waitFor();
  assert.match(await importDialog.locator('[data-testid=import-conflicts]').innerText(), /5 runs are already here/);
  await page.screenshot({ path: path.join(SHOTS, 'import-conflicts.png') });
  assert.deepEqual(await seriousViolations(page), []);
  await page.click('[data-testid=import-choice-copy]');
  await page.click('[data-testid=import-start]');
  await importDialog.locator('[data-testid=import-done]').waitFor();
  assert.equal(await importDialog.locator('[data-testid=import-done]').innerText(), 'Imported 5 runs into bundle-trip (5 imported as copies).');
  assert.equal(await page.evaluate((project) => window.labbook.store.listRuns(project).then((runs) => runs.length), PROJECT), 10);
  assert.deepEqual(problems, []);
  await context.close();
});

/** A dozen ways a stranger's bundle is wrong, made from a valid one, each with what the refusal must name. */
function badBundles(valid) {
  const files = unzipSync(valid);
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
  const withManifest = (edit) => {
    const copy = structuredClone(manifest);
    edit(copy);
    return zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify(copy)) });
  };
  const patchedDirectory = (name, offset, write) => {
    const zip = valid.slice();
    const view = new DataView(zip.buffer);
    for (let at = zip.length - 22; at >= 0; at--) {
      if (view.getUint32(at, true) !== 0x02014b50) continue;
      const length = view.getUint16(at + 28, true);
      if (new TextDecoder().decode(zip.subarray(at + 46, at + 46 + length)) === name) {
        write(view, at + offset);
        return zip;
      }
    }
    throw new Error(`no ${name}`);
  };
  const firstRun = manifest.runs[0].id;
  const runJson = `runs/${firstRun}/run.json`;
  return [
    { name: 'cut in half', bytes: valid.slice(0, valid.length >> 1), message: /cut short/ },
    { name: 'not a zip', bytes: strToU8('hello'), message: /not a zip/ },
    { name: 'a newer format version', bytes: withManifest((m) => (m.version = 2)), message: /format version 2.*newer Labbook/ },
    { name: 'manifest lying about a size', bytes: withManifest((m) => (m.files[0].size += 1)), message: /manifest\.json says/ },
    { name: 'manifest lying about a hash', bytes: withManifest((m) => (m.files[0].sha256 = '0'.repeat(64))), message: /SHA-256/ },
    { name: 'a zip bomb', bytes: patchedDirectory('manifest.json', 24, (view, at) => view.setUint32(at, 3_000_000_000, true)), message: /declares 3(\.0)? GB/ },
    { name: 'a path out of the bundle', bytes: zipSync({ ...files, '../../evil.sh': strToU8('rm -rf') }), message: /not a relative path/ },
    { name: 'invalid JSON', bytes: zipSync({ ...files, 'manifest.json': strToU8('{"format": "labbook-bundle",') }), message: /manifest\.json is not valid JSON/ },
    { name: 'NaN where a run id belongs', bytes: withManifest((m) => (m.runs[0].id = { $number: 'NaN' })), message: /runs\[0\]: "id" must be a string.*it is NaN/ },
    { name: '10,000 runs', bytes: withManifest((m) => (m.runs = Array.from({ length: 10_000 }, (_, i) => ({ id: `r${i}`, project: 'p', name: 'r', bytes: 0 })))), message: /10000 items; at most 5000/ },
    { name: 'a run record with a wrong state', bytes: rezipped(files, runJson, (run) => (run.state = 'paused')), message: /run\.json: "state" must be one of/ },
    { name: 'a file the manifest does not list', bytes: zipSync({ ...files, 'stray.txt': strToU8('x') }), message: /does not list/ },
  ];
}

/** The bundle with one JSON file edited and the manifest's size and hash for it made true, so its content is what fails. */
function rezipped(files, filePath, edit) {
  const value = JSON.parse(new TextDecoder().decode(files[filePath]));
  edit(value);
  const bytes = strToU8(JSON.stringify(value));
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
  const listing = manifest.files.find((file) => file.path === filePath);
  listing.size = bytes.length;
  listing.sha256 = createHash('sha256').update(bytes).digest('hex');
  return zipSync({ ...files, [filePath]: bytes, 'manifest.json': strToU8(JSON.stringify(manifest)) });
}

test('a dozen bad bundles are each refused with the file and field named, and leave the database unchanged', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const { page, problems } = await openApp(context);
  await createDemoRuns(page, { project: PROJECT, runs: 2, steps: 50 });
  await page.goto(appUrl(`#/p/${PROJECT}`));
  await page.click('[data-testid=export-project]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-start]')]);
  const valid = new Uint8Array(fs.readFileSync(await download.path()));
  await page.locator('[data-testid=export-dialog] button', { hasText: 'Close' }).click();
  await page.goto(appUrl('#/'));
  // Finished runs are packed into overview blocks in the background: the digest is taken once that is done.
  await page.evaluate(() => window.labbook.store.whenOverviewPacked());
  const before = await databaseDigest(page);
  const refusals = [];
  for (const bad of badBundles(valid)) {
    await page.locator('[data-testid=import-bundle]').setInputFiles({ name: `${bad.name}.labbook.zip`, mimeType: 'application/zip', buffer: Buffer.from(bad.bytes) });
    const refused = page.locator('[data-testid=import-refused]');
    await refused.waitFor();
    const message = await refused.innerText();
    if (!bad.message.test(message)) refusals.push(`${bad.name}: ${message}`);
    if (bad.name === 'manifest lying about a hash') await page.screenshot({ path: path.join(SHOTS, 'import-refused.png') });
    await page.locator('[data-testid=import-dialog] button', { hasText: 'Close' }).click();
    assert.equal(await databaseDigest(page), before, `${bad.name} changed the database`);
  }
  assert.deepEqual(refusals, []);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Exports the runs table's runs in `format` through the dialog, unzipped into a fresh folder; returns the folder. */
async function exportListed(page, format) {
  await page.click('[data-testid=export-listed]');
  await page.click(`[data-testid=export-format-${format}]`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-start]')]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `export-${format}-`));
  for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(fs.readFileSync(await download.path()))))) {
    if (name.endsWith('/')) continue;
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), bytes);
  }
  await page.locator('[data-testid=export-dialog] button', { hasText: 'Close' }).click();
  return dir;
}

/** Three demo runs listed in the runs table of their project, ready to export; returns the page and the runs. */
async function runsTableWithThreeRuns() {
  const context = await newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const { page, problems } = await openApp(context);
  const runs = await createDemoRuns(page, { project: 'table-export', runs: 3, steps: 200 });
  await page.goto(appUrl('#/p/table-export'));
  await page.click('[data-testid=view-table]');
  return { context, page, problems, runs };
}

test("the runs table's export is read by pandas (CSV with runs.csv) and TensorBoard (a folder per run)", { skip: !pythonHas('pandas', 'tensorboard') && 'pandas or tensorboard is not installed' }, async () => {
  const { context, page, problems, runs } = await runsTableWithThreeRuns();
  const csv = await exportListed(page, 'csv');
  const read = JSON.parse(
    runPython(
      "import pandas, sys, json, glob, os\nruns = pandas.read_csv(os.path.join(sys.argv[1], 'runs.csv'), float_precision='round_trip')\nhistories = sorted(glob.glob(os.path.join(sys.argv[1], 'history', '*.csv')))\nh = pandas.read_csv(histories[0], float_precision='round_trip')\nprint(json.dumps({'runs': len(runs), 'lr': sorted(runs['lr'].tolist()), 'files': len(histories), 'rows': len(h), 'columns': list(h.columns)}))",
      csv,
    ),
  );
  assert.deepEqual(read, { runs: 3, lr: runs.map((r) => r.config.lr).sort((a, b) => a - b), files: 3, rows: 200, columns: ['_step', '_timestamp', 'train/loss', 'val/acc'] });

  // TensorBoard's reader, as the project's judge of event files (scripts/python/tensorboard_scalars.py), per run folder.
  const tensorboard = await exportListed(page, 'tensorboard');
  const judge = fs.readFileSync('scripts/python/tensorboard_scalars.py', 'utf8');
  const lastLoss = Object.fromEntries(runs.map((r) => [`${r.name}-${r.id}`, Math.fround(r.summary['train/loss'])]));
  assert.deepEqual(fs.readdirSync(tensorboard).sort(), Object.keys(lastLoss).sort());
  for (const folder of Object.keys(lastLoss)) {
    const loss = JSON.parse(runPython(judge, path.join(tensorboard, folder)))['train/loss'];
    assert.equal(loss.length, 200, folder);
    assert.equal(loss[199][1], lastLoss[folder], folder);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("the runs table's MLflow export lays out mlruns/: the experiment, a folder per run, a line per point", async () => {
  const { context, page, problems } = await runsTableWithThreeRuns();
  const mlflow = await exportListed(page, 'mlflow');
  assert.match(fs.readFileSync(path.join(mlflow, 'mlruns/1/meta.yaml'), 'utf8'), /name: .*table-export/);
  const runDirs = fs.readdirSync(path.join(mlflow, 'mlruns/1')).filter((name) => /^[0-9a-f]{32}$/.test(name));
  assert.equal(runDirs.length, 3);
  for (const dir of runDirs) assert.equal(fs.readFileSync(path.join(mlflow, 'mlruns/1', dir, 'metrics/train/loss'), 'utf8').trim().split('\n').length, 200);
  assert.deepEqual(problems, []);
  await context.close();
});
