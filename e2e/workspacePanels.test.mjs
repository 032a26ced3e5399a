import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { newContext } from './harness/contexts.mjs';
import { appUrl, openApp, waitForSavedWorkspace } from './harness/app.mjs';

/** Set LABBOOK_SHOTS to a folder to keep screenshots of the panels for a look. */
const shot = (locator, name) => (process.env.LABBOOK_SHOTS ? locator.screenshot({ path: path.join(process.env.LABBOOK_SHOTS, `${name}.png`) }) : null);

/**
 * Writes finished runs straight into the store: config { lr (log-uniform), dropout, optimizer, batch_size, seed, epochs }
 * where epochs never differs, and summary { loss, accuracy } where loss depends on lr alone. `extra` runs lack lr or
 * have a NaN loss. Returns the records.
 */
function createSweep(page, { project, runs, extra = false }) {
  return page.evaluate(
    async ({ project, runs, extra }) => {
      let seed = 11;
      const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      const environment = { tfjsBackend: 'wasm', webgpuAdapter: null, userAgent: 'e2e', hardwareConcurrency: 2, deviceMemoryGb: null, appVersion: 'e2e' };
      const records = [];
      for (let r = 0; r < runs; r++) {
        const lr = 10 ** (-4 + 3 * random());
        const config = { lr, dropout: [0.1, 0.2, 0.3][Math.floor(r / 10) % 3], optimizer: r % 2 ? 'adam' : 'sgd', batch_size: r < runs / 2 ? 32 : 64, seed: r, epochs: 10 };
        const summary = { loss: 0.05 + 0.2 * (Math.log10(lr) + 2.5) ** 2, accuracy: 0.7 + 0.2 * random() };
        const now = Date.now() - (runs - r) * 60_000;
        records.push({ id: `${project}-${r}`, name: `${project}-${r}`, project, state: 'finished', group: null, tags: [], notes: '', config, summary, environment, createdAt: now, updatedAt: now, heartbeatAt: now, finishedAt: now, exitCode: 0, error: null, warnings: [] });
      }
      if (extra) {
        records[0].summary.loss = NaN;
        delete records[1].config.lr;
        records[2].config.lr = 'auto';
      }
      for (const record of records) await window.labbook.store.createRun(record);
      return records;
    },
    { project, runs, extra },
  );
}

async function addPanel(page, type) {
  const before = await page.locator('.panel').count();
  await page.click('[data-testid=add-panel]');
  await page.click(`[data-testid=add-${type}]`);
  await page.waitForFunction((n) => document.querySelectorAll('.panel').length === n, before + 1);
  return page.locator(`.panel[data-panel-type=${type}]`).last();
}

/** Opens or closes a panel's settings. */
async function setEditing(panel, open) {
  if ((await panel.locator('.panel-editor').count()) !== Number(open)) await panel.locator('[data-testid=panel-edit]').click();
}

test('comparer, importance and bar panels over 100 runs: diff only keeps the differing keys, lr explains loss, top 10 best first', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 1100 } });
  const { page, problems } = await openApp(context);
  const runs = await createSweep(page, { project: 'panels', runs: 100 });
  await page.goto(appUrl('#/p/panels'));
  await page.locator('[data-testid=run-count]').getByText('100 visible').waitFor();

  // Importance of each config key for loss, which depends on lr alone.
  const importance = await addPanel(page, 'importance');
  await setEditing(importance, true);
  await importance.locator('[data-testid=importance-metric]').selectOption('summary:loss');
  await importance.locator('[data-testid=importance-row]').first().waitFor();
  const keys = () => importance.locator('[data-testid=importance-row]').evaluateAll((rows) => rows.map((r) => r.dataset.key));
  assert.equal((await keys())[0], 'lr');
  assert.match(await importance.locator('[data-testid=importance-caption]').innerText(), /100 of 100 visible runs have a value of loss/);
  assert.match(await importance.locator('[data-testid=importance-skipped][data-key=epochs]').innerText(), /the same value in every run/);
  const correlations = () => importance.locator('[data-testid=importance-row] td:last-child .bar-number').allInnerTexts();
  await importance.locator('[data-testid=sort-correlation]').click();
  const descending = (await correlations()).filter((t) => t !== '—').map(Number);
  assert.equal(descending.length, 6, 'lr, dropout, batch_size, seed, optimizer = adam and optimizer = sgd have a correlation (epochs never varies)');
  assert.deepEqual(descending, [...descending].sort((a, b) => b - a));
  await importance.locator('[data-testid=sort-correlation]').click();
  const ascending = (await correlations()).filter((t) => t !== '—').map(Number);
  assert.deepEqual(ascending, [...descending].reverse());
  await importance.locator('[data-testid=sort-importance]').click();
  assert.equal((await keys())[0], 'lr');
  await setEditing(importance, false);
  await shot(importance, 'importance-panel');

  // Top 10 by loss, lowest first, equal to the 10 lowest losses of the data.
  const bar = await addPanel(page, 'bar');
  await setEditing(bar, false);
  await bar.locator('[data-testid=bar-row]').nth(9).waitFor();
  const barValues = await bar.locator('[data-testid=bar-row]').evaluateAll((rows) => rows.map((r) => Number(r.dataset.value)));
  const lowest = runs.map((r) => r.summary.loss).sort((a, b) => a - b).slice(0, 10);
  assert.deepEqual(barValues, lowest);
  assert.match(await bar.locator('[data-testid=bar-caption]').innerText(), /top 10 of 100 by loss, lowest first/);
  await shot(bar, 'bar-panel');

  // The comparer over the three newest runs (the top of the selector): hide all, open three eyes.
  const compared = runs.slice(-3);
  const comparer = await addPanel(page, 'comparer');
  await setEditing(comparer, false);
  await page.click('[data-testid=eye-all]');
  for (const run of compared) await page.locator(`.run-row[data-run-id="${run.id}"] [data-testid=eye]`).click();
  await page.locator('[data-testid=run-count]').getByText('3 visible').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=comparer-run]').length === 3);
  const rowKeys = () => comparer.locator('[data-testid=comparer-row]').evaluateAll((rows) => rows.map((r) => r.dataset.key));
  assert.equal((await rowKeys()).length, 6 + 2, 'all six config keys and both metrics');
  await comparer.locator('[data-testid=diff-only]').check();
  const differing = (values) => new Set(values.map((v) => JSON.stringify(v))).size > 1;
  const expected = [
    ...Object.keys(compared[0].config).sort().filter((k) => differing(compared.map((r) => r.config[k]))).map((k) => `config:${k}`),
    ...['accuracy', 'loss'].filter((k) => differing(compared.map((r) => r.summary[k]))).map((k) => `summary:${k}`),
  ];
  assert.deepEqual(expected, ['config:lr', 'config:optimizer', 'config:seed', 'summary:accuracy', 'summary:loss'], 'the data has keys that agree and keys that differ');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=comparer-row]').length === n, expected.length);
  assert.deepEqual(await rowKeys(), expected);

  // The best value per metric is highlighted in the column of the run that has it.
  const bestRun = async (metric) => {
    const index = await comparer.locator(`[data-testid=comparer-row][data-key="summary:${metric}"] td`).evaluateAll((cells) => cells.findIndex((c) => c.classList.contains('best')));
    return comparer.locator('[data-testid=comparer-run]').nth(index).getAttribute('data-run-id');
  };
  const byLoss = [...compared].sort((a, b) => a.summary.loss - b.summary.loss);
  const byAccuracy = [...compared].sort((a, b) => b.summary.accuracy - a.summary.accuracy);
  assert.equal(await bestRun('loss'), byLoss[0].id);
  assert.equal(await bestRun('accuracy'), byAccuracy[0].id);
  assert.equal(await comparer.locator('[data-testid=comparer-best]').count(), 2);
  await setEditing(comparer, false);
  await shot(comparer, 'comparer-diff-only');

  // Diff only is part of the panel's saved spec: it is still on after a reload.
  await waitForSavedWorkspace(page, 'panels', (saved) => saved.sections.some((s) => s.panels.some(({ panel }) => panel.type === 'comparer' && panel.diffOnly)));
  await page.reload();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=comparer-row]').length === n, expected.length);
  assert.equal(await page.locator('[data-testid=diff-only]').isChecked(), true);

  // A bar opens its run.
  await page.locator('[data-testid=bar-row]').first().click();
  await page.waitForFunction(() => location.hash.includes('/r/'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('scatter of 1,000 runs: lr against loss coloured by optimizer, bad values left out with a note, hover names a run, click opens it', async () => {
  const context = await newContext({ viewport: { width: 1400, height: 1000 } });
  const { page, problems } = await openApp(context);
  await createSweep(page, { project: 'many', runs: 1000, extra: true });
  await page.goto(appUrl('#/p/many'));
  await page.locator('[data-testid=run-count]').getByText('1000 visible').waitFor();

  const comparer = await addPanel(page, 'comparer');
  assert.match(await comparer.locator('[data-testid=comparer-capped]').innerText(), /showing the first 50 of 1000/);
  assert.equal(await comparer.locator('[data-testid=comparer-run]').count(), 50);

  const scatter = await addPanel(page, 'scatter');
  await setEditing(scatter, true);
  await scatter.locator('[data-testid=scatter-x]').selectOption('config:lr');
  await scatter.locator('[data-testid=scatter-y]').selectOption('summary:loss');
  await scatter.locator('[data-testid=scatter-color]').selectOption('config:optimizer');
  // One run has a NaN loss, another no lr, a third lr = 'auto' among 999 numbers: all three are left out, with notes.
  await page.waitForFunction(() => document.querySelector('.scatter-chart')?.dataset.points === '997');
  const notes = await scatter.locator('[data-testid=scatter-note]').allInnerTexts();
  assert.deepEqual(notes, ['1 run has a non-numeric lr: left out', '2 runs have no value of lr or loss: left out']);
  assert.deepEqual(await scatter.locator('[data-testid=scatter-legend] .legend-entry').allInnerTexts(), ['adam', 'sgd']);

  // Without the odd runs, every run is a point and nothing needs a note.
  await setEditing(scatter, false);
  await page.fill('[data-testid=run-filter]', 'seed > 2');
  await page.press('[data-testid=run-filter]', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=scatter-note]').length === 0);
  assert.equal(await scatter.locator('.scatter-chart').getAttribute('data-points'), '997');
  await shot(scatter, 'scatter-1000');

  // Hover the middle of the plot until a point answers, then click it.
  const box = await scatter.locator('canvas').boundingBox();
  let tip = null;
  for (let dx = 0.1; dx < 0.9 && !tip; dx += 0.02) {
    for (let dy = 0.1; dy < 0.9 && !tip; dy += 0.05) {
      await page.mouse.move(box.x + dx * box.width, box.y + dy * box.height);
      if (await scatter.locator('[data-testid=scatter-tip]').count()) tip = { x: box.x + dx * box.width, y: box.y + dy * box.height };
    }
  }
  assert.ok(tip, 'some point shows a hover card');
  const card = await scatter.locator('[data-testid=scatter-tip]').innerText();
  const name = card.split('\n')[0];
  assert.match(name, /^many-\d+$/);
  assert.match(card, /lr: [\d.e-]+\nloss: [\d.e-]+\noptimizer: (adam|sgd)/);
  await page.mouse.click(tip.x, tip.y);
  await page.waitForFunction((id) => decodeURIComponent(location.hash).endsWith(`/r/${id}`), name);
  assert.deepEqual(problems, []);
  await context.close();
});
