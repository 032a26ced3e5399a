// A TensorBoard log directory written by tensorboardX opens in Labbook: a run per folder, its scalars as metrics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newContext } from './harness/contexts.mjs';
import { pythonHas, runPython } from './harness/python.mjs';
import { appUrl, openApp } from './harness/app.mjs';

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

  // The workspace charts both runs' losses, 200 points each.
  await done.locator('a').click();
  await page.waitForURL(/#\/p\/sweep-logs/);
  const loss = page.locator('.panel[data-panel-type=line]', { hasText: 'train/loss' }).locator('.multi-line-chart');
  await page.waitForFunction(() => {
    const chart = [...document.querySelectorAll('.panel[data-panel-type=line]')].find((p) => p.textContent.includes('train/loss'))?.querySelector('.multi-line-chart');
    return chart && Number(chart.dataset.lines) === 2 && chart.dataset.drawn === 'true';
  });
  assert.equal(await loss.getAttribute('data-lines'), '2');
  await page.screenshot({ path: path.join(process.env.LABBOOK_SHOTS ?? os.tmpdir(), 'tensorboard-import.png') });
  assert.deepEqual(problems, []);
  await context.close();
});
