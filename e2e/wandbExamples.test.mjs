// W&B's own examples, translated from Python to TypeScript (and Keras to tfjs layers), run as cells: the W&B calls
// are written as W&B documents them (no await on init, finish at the end, config by attribute, the Keras callback).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContext } from './harness/contexts.mjs';
import { appUrl, openApp, openNotebookWith, waitForAsync } from './harness/app.mjs';

/** W&B's quickstart (docs.wandb.ai, "W&B Quickstart"), line for line. */
const QUICKSTART = `wandb.login();

const epochs = 10;
const lr = 0.01;

const run = wandb.init({
  project: 'my-awesome-project',
  config: { learning_rate: lr, epochs },
});

const offset = Math.random() / 5;
console.log(\`lr: \${lr}\`);

// simulating a training run
for (let epoch = 2; epoch < epochs; epoch++) {
  const acc = 1 - 2 ** -epoch - Math.random() / epoch - offset;
  const loss = 2 ** -epoch + Math.random() / epoch + offset;
  console.log(\`epoch=\${epoch}, accuracy=\${acc}, loss=\${loss}\`);
  wandb.log({ accuracy: acc, loss });
}

wandb.finish();`;

/**
 * W&B's Keras example (docs.wandb.ai, Keras integration, WandbMetricsLogger) with tfjs layers and tfjs's names for the
 * loss, on a generated stand-in for MNIST (each digit a fixed random pattern plus noise), so it runs offline.
 */
const KERAS = `import * as tf from '@tensorflow/tfjs';

function digits(count: number, seed: number) {
  return tf.tidy(() => {
    const patterns = tf.randomUniform([10, 28 * 28], 0, 1, 'float32', 7);
    const labels = tf.randomUniform([count], 0, 10, 'int32', seed);
    const images = patterns.gather(labels).add(tf.randomNormal([count, 28 * 28], 0, 0.5, 'float32', seed)).reshape([count, 28, 28]);
    return [images, labels.cast('float32')] as [tf.Tensor, tf.Tensor];
  });
}
const [x_train, y_train] = digits(512, 1);
const [x_test, y_test] = digits(128, 2);

const run = wandb.init({
  project: 'keras-example',
  config: {
    layer_1: 512,
    activation_1: 'relu',
    dropout: 0.2,
    layer_2: 10,
    activation_2: 'softmax',
    optimizer: 'sgd',
    loss: 'sparseCategoricalCrossentropy',
    metric: 'accuracy',
    epoch: 8,
    batch_size: 256,
  },
});
const config = wandb.config;

const model = tf.sequential({
  layers: [
    tf.layers.flatten({ inputShape: [28, 28] }),
    tf.layers.dense({ units: config.layer_1, activation: config.activation_1 }),
    tf.layers.dropout({ rate: config.dropout }),
    tf.layers.dense({ units: config.layer_2, activation: config.activation_2 }),
  ],
});
model.compile({ optimizer: config.optimizer, loss: config.loss, metrics: [config.metric] });

const history = await model.fit(x_train, y_train, {
  epochs: config.epoch,
  batchSize: config.batch_size,
  validationData: [x_test, y_test],
  callbacks: [wandb.callback()],
});

wandb.finish();`;

/** The one run of a project once it has ended, read from the store. */
function endedRun(page, project) {
  return waitForAsync(
    page,
    async (name) => {
      const [run] = await window.labbook.store.listRuns(name);
      return run && run.state !== 'running' ? run : null;
    },
    project,
    { timeout: 120_000 },
  );
}

test("W&B's quickstart and Keras examples run as W&B documents them, and epoch metrics chart against the epoch", async () => {
  const context = await newContext({ viewport: { width: 1280, height: 1000 } });
  const { page, problems } = await openApp(context);
  const output = await openNotebookWith(page, 'W&B examples', [QUICKSTART, KERAS]);
  await page.click('[data-testid=run-all]');

  const quickstart = await endedRun(page, 'my-awesome-project');
  assert.equal(quickstart.state, 'finished');
  assert.deepEqual(quickstart.config, { learning_rate: 0.01, epochs: 10 });
  const accuracy = await page.evaluate((id) => window.labbook.store.series(id, 'accuracy', { buckets: 100 }).then((s) => Array.from(s.x)), quickstart.id);
  assert.deepEqual(accuracy, [0, 1, 2, 3, 4, 5, 6, 7]);
  const printed = await output(0).innerText();
  assert.match(printed, /nothing to log in to/);
  assert.match(printed, /lr: 0\.01/);
  assert.match(printed, /epoch=9, accuracy=/);

  const keras = await endedRun(page, 'keras-example');
  assert.equal(keras.state, 'finished', keras.error ?? '');
  assert.equal(keras.config.layer_1, 512);
  assert.deepEqual(
    keras.config.model.layers.map((l) => l.type),
    ['Flatten', 'Dense', 'Dropout', 'Dense'],
  );
  assert.deepEqual(keras.stepMetrics, { 'epoch/*': 'epoch/epoch', 'batch/*': 'batch/step' });
  assert.ok(keras.summary['epoch/val_acc'] > 0.5, `validation accuracy ${keras.summary['epoch/val_acc']} after 8 epochs`);
  await output(1).locator('[data-testid=cell-error]').count().then((n) => assert.equal(n, 0));

  // The run's live charts under the cell plot epoch metrics against the epoch too.
  await output(1).locator('[data-testid=run-output] figure.line-chart[data-metric="epoch/loss"][data-x="epoch/epoch"]').waitFor();

  // The workspace makes its default epoch panels against the epoch, and they draw all 8 epochs.
  await page.goto(appUrl('#/p/keras-example'));
  const epochPanel = page.locator('.panel[data-panel-type=line]', { has: page.locator('[data-testid=panel-title]', { hasText: /^epoch\/val_acc$/ }) });
  await epochPanel.locator('.multi-line-chart[data-x="epoch/epoch"][data-drawn=true]').waitFor();
  assert.equal(await epochPanel.locator('.multi-line-chart').getAttribute('data-points'), '8');
  const batchPanel = page.locator('.panel[data-panel-type=line]', { has: page.locator('[data-testid=panel-title]', { hasText: /^batch\/loss$/ }) });
  await batchPanel.locator('.multi-line-chart[data-x="batch/step"]').waitFor();

  // So does the run page: 8 epochs on the x-axis.
  await page.goto(appUrl(`#/p/keras-example/r/${keras.id}`));
  const runChart = page.locator('figure.line-chart[data-metric="epoch/loss"]');
  await runChart.locator('canvas').waitFor();
  await page.waitForFunction(() => document.querySelector('figure.line-chart[data-metric="epoch/loss"]')?.dataset.points === '8');
  assert.equal(await runChart.getAttribute('data-x'), 'epoch/epoch');
  // The epoch counter is the axis, not a chart of its own.
  assert.equal(await page.locator('figure.line-chart[data-metric="epoch/epoch"]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
