// TensorBoard and pandas as judges: a log directory written by tensorboardX opens in Labbook (a run per folder, its
// scalars as metrics), and a run's history exports as CSV and as an event file that they read back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newContext } from './harness/contexts.mjs';
import { pythonHas, runPython } from './harness/python.mjs';
import { appUrl, executeInKernel, openApp } from './harness/app.mjs';
import { unzipSync } from 'fflate';

const WRITE_LOGS = `import json, sys
from tensorboardX import SummaryWriter
for name, lr in [('lr=0.1', 0.1), ('lr=0.01', 0.01)]:
    w = SummaryWriter(sys.argv[1] + '/' + name)
    w.add_text('config', json.dumps({'lr': lr, 'optimizer': 'adam'}), 0)
    for step in range(200):
        w.add_scalar('train/loss', 1.0 / (1 + lr * step), step)
        if step % 20 == 0: w.add_scalar('val/acc', min(1.0, lr * step), step)
    w.close()`;

test('a TensorBoard log directory opens as a project: a run per folder, its scalars charted and its config shown', { skip: !pythonHas('tensorboardX') && 'tensorboardX is not installed (the unit tests install it where pip can reach it)' }, async () => {
  const logdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tb-e2e-')), 'sweep-logs');
  runPython(WRITE_LOGS, logdir);
  fs.writeFileSync(path.join(logdir, 'README.txt'), 'not an event file');
  const context = await newContext({ viewport: { width: 1400, height: 1000 } });
  const { page, problems } = await openApp(context);
  await page.locator('[data-testid=import-tensorboard]').setInputFiles(logdir);
  const done = page.locator('[data-testid=import-tensorboard-done]');
  await done.waitFor();
  assert.equal(await done.innerText(), 'Opened 2 runs (420 points) in sweep-logs; 1 other files left out.');

  const runs = await page.evaluate(() => window.labbook.store.listRuns('sweep-logs'));
  assert.deepEqual(runs.map((r) => r.name).sort(), ['lr=0.01', 'lr=0.1']);
  const fast = runs.find((r) => r.name === 'lr=0.1');
  assert.deepEqual(fast.config, { lr: 0.1, optimizer: 'adam' });
  assert.equal(fast.state, 'finished');
  assert.equal(fast.summary['train/loss'], Math.fround(1 / (1 + 0.1 * 199)));

  // The workspace charts both runs' losses.
  await done.locator('a').click();
  await page.waitForURL(/#\/p\/sweep-logs/);
  await page.waitForFunction(() => {
    const chart = [...document.querySelectorAll('.panel[data-panel-type=line]')].find((p) => p.textContent.includes('train/loss'))?.querySelector('.multi-line-chart');
    return chart && Number(chart.dataset.lines) === 2 && chart.dataset.drawn === 'true';
  });
  await page.screenshot({ path: path.join(process.env.LABBOOK_SHOTS ?? os.tmpdir(), 'tensorboard-import.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test("a run's history exports as CSV and Feather that pandas reads and as a TensorBoard event file TensorBoard reads, with the same values", { skip: !pythonHas('pandas', 'tensorboard') && 'pandas or tensorboard is not installed' }, async () => {
  const context = await newContext({ viewport: { width: 1400, height: 1000 } });
  const { page, problems } = await openApp(context);
  const outcome = await executeInKernel(
    page,
    "const run = await init({ project: 'exports', config: { lr: 0.02 } });\nfor (let step = 0; step < 300; step++) run.log({ loss: 1 / (step + 1), ...(step % 10 === 0 ? { acc: step / 300 } : {}) });\nawait run.finish();\nrun.id",
  );
  assert.equal(outcome.ok, true, JSON.stringify(outcome.error));
  await page.goto(appUrl(`#/p/exports/r/${outcome.display.replace(/"/g, '')}`));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exports-'));
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-history-csv]')]);
  const csvPath = path.join(dir, csv.suggestedFilename());
  await csv.saveAs(csvPath);
  const read = JSON.parse(runPython("import pandas, sys, json; f = pandas.read_csv(sys.argv[1], float_precision='round_trip'); print(json.dumps({'columns': list(f.columns), 'rows': len(f), 'loss': f['loss'].tolist()[:3], 'acc': f['acc'].dropna().tolist()[:3], 'step': f['_step'].tolist()[-1]}))", csvPath));
  assert.deepEqual(read, { columns: ['_step', '_timestamp', 'acc', 'loss'], rows: 300, loss: [1, 0.5, 1 / 3], acc: [0, 10 / 300, 20 / 300], step: 299 });

  if (pythonHas('pandas', 'pyarrow')) {
    const [feather] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-history-feather]')]);
    const featherPath = path.join(dir, feather.suggestedFilename());
    await feather.saveAs(featherPath);
    const frame = JSON.parse(runPython("import pandas, sys, json; f = pandas.read_feather(sys.argv[1]); print(json.dumps({'dtypes': {c: str(t) for c, t in f.dtypes.items()}, 'rows': len(f), 'loss': f['loss'].tolist()[:3], 'acc': f['acc'].dropna().tolist()[:3]}))", featherPath));
    assert.deepEqual(frame, { dtypes: { _step: 'int64', _timestamp: 'float64', acc: 'float64', loss: 'float64' }, rows: 300, loss: [1, 0.5, 1 / 3], acc: [0, 10 / 300, 20 / 300] });
  } else console.log('# pyarrow is not installed: the Feather export is not read back by pandas');

  const [zip] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-tensorboard]')]);
  const files = unzipSync(new Uint8Array(fs.readFileSync(await zip.path())));
  const [name] = Object.keys(files);
  assert.match(name, /^[a-z]+-[a-z]+-1-[a-z0-9]+\/events\.out\.tfevents\.\d+\.labbook$/);
  const eventsPath = path.join(dir, 'events.out.tfevents.labbook');
  fs.writeFileSync(eventsPath, files[name]);
  const scalars = JSON.parse(runPython(fs.readFileSync('scripts/python/tensorboard_scalars.py', 'utf8'), eventsPath));
  assert.deepEqual(Object.keys(scalars).sort(), ['acc', 'loss']);
  assert.equal(scalars.loss.length, 300);
  assert.deepEqual(scalars.loss[2], [2, Math.fround(1 / 3)]);
  assert.deepEqual(scalars.acc.map(([step]) => step), Array.from({ length: 30 }, (_, k) => k * 10));
  assert.deepEqual(problems, []);
  await context.close();
});
