// Writes a sweep of finished runs straight into the page's store (no kernel), for workspace tests.

/**
 * Creates `runs` runs in `project`, each with config { lr, optimizer, dropout, batch_size } and `steps` points of
 * train/loss and val/acc (plus _timestamp), finished; returns their records as stored ({ id, name, config, summary }).
 */
export function createDemoRuns(page, { project, runs = 100, steps = 200 }) {
  return page.evaluate(
    async ({ project, runs, steps }) => {
      const store = window.labbook.store;
      let seed = 7;
      const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      const created = [];
      for (let r = 0; r < runs; r++) {
        const config = { lr: Math.exp(Math.log(1e-4) + random() * Math.log(1e3)), optimizer: random() < 0.5 ? 'adam' : 'sgd', dropout: Math.round(random() * 5) / 10, batch_size: [32, 64, 128][r % 3] };
        const now = Date.now() - (runs - r) * 60_000;
        const environment = { tfjsBackend: 'wasm', webgpuAdapter: null, userAgent: 'e2e', hardwareConcurrency: 2, deviceMemoryGb: null, appVersion: 'e2e' };
        const record = { id: `${project}-${r}`, name: `${project}-run-${r}`, project, state: 'running', group: null, tags: [], notes: '', config, summary: {}, environment, createdAt: now, updatedAt: now, heartbeatAt: now, finishedAt: null, exitCode: null, error: null, warnings: [] };
        await store.createRun(record);
        const xs = Float64Array.from({ length: steps }, (_, i) => i);
        const floor = 0.1 + Math.abs(Math.log10(config.lr / 3e-3)) * 0.3 + (config.optimizer === 'sgd' ? 0.2 : 0);
        const loss = xs.map((s) => floor + 2 * Math.exp(-s / (steps / 5)) + (random() - 0.5) * 0.1);
        const acc = loss.map((l) => 1 - l / 3);
        const summary = { 'train/loss': loss[steps - 1], 'val/acc': acc[steps - 1] };
        await store.appendHistory(record.id, { metrics: ['train/loss', 'val/acc', '_timestamp'], steps: [xs, xs.slice(), xs.slice()], values: [loss, acc, xs.map((s) => now / 1000 + s)] }, (run) => ({ ...run, summary, state: 'finished', finishedAt: now + steps * 1000 }));
        created.push({ id: record.id, name: record.name, config, summary });
      }
      return created;
    },
    { project, runs, steps },
  );
}

/** The number of lines each line panel draws, in page order. */
export function linesPerPanel(page) {
  return page.$$eval('.panel[data-panel-type=line] .multi-line-chart', (charts) => charts.map((c) => Number(c.dataset.lines)));
}
