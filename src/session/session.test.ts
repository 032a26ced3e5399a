import 'fake-indexeddb/auto';
import { tableFromArrow } from '../model/tables/tableArrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRASH_AFTER_MS } from '../model/runs/runRecordUpdates';
import type { RunRecord } from '../model/runs/runTypes';
import { STORAGE_FULL_MESSAGE } from '../store/storageFull';
import { QuotaLimitedStore, testRun } from '../store/testRuns';
import { Session, type StreamOutput } from './session';
import { CLOSED_PAGE_RUNS_KEY, PAGE_CLOSED_MESSAGE, type PageNotes } from './closedPageRuns';
import { HARNESS_ENVIRONMENT, startKernelHarness, type KernelHarness } from './testKernel';

// One kernel for the whole file: the SDK keeps module-level state (host, current run).

let store: QuotaLimitedStore;
let kernel: KernelHarness;
const staleAt = Date.now() - CRASH_AFTER_MS - 5_000;

/** A Map in place of localStorage, with a way to play the `storage` event other tabs would get. */
const notes = (() => {
  const values = new Map<string, string>();
  const listeners = new Set<() => void>();
  const pageNotes: PageNotes & { values: Map<string, string>; announce: () => void } = {
    values,
    storage: { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value), removeItem: (key) => void values.delete(key) },
    subscribe: (onNote) => {
      listeners.add(onNote);
      return () => listeners.delete(onNote);
    },
    announce: () => listeners.forEach((listener) => listener()),
  };
  return pageNotes;
})();

beforeAll(async () => {
  store = await QuotaLimitedStore.open();
  // Left running by a tab that closed: the session must mark it crashed when it starts.
  await store.createRun(testRun({ id: 'stale', project: 'before-start', name: 'stale-run-1' }, staleAt));
  kernel = await startKernelHarness({ store, pageNotes: notes });
});

afterAll(() => {
  kernel.dispose();
  store.close();
});

/** The single run of a project (each test uses its own project). */
async function onlyRun(project: string): Promise<RunRecord> {
  const runs = await store.listRuns(project);
  expect(runs).toHaveLength(1);
  return runs[0]!;
}

async function points(runId: string, metric: string): Promise<{ steps: number[]; values: number[] }> {
  const series = await store.series(runId, metric, { buckets: 1_000_000 });
  expect(series.exact).toBe(true);
  return { steps: Array.from(series.x), values: Array.from(series.last) };
}

describe('Session with a kernel over a MessageChannel', () => {
  it('start() reports the kernel environment and goes idle', () => {
    expect(kernel.session.environment).toEqual(HARNESS_ENVIRONMENT);
    expect(kernel.session.status).toBe('idle');
  });

  it('start() marks a run whose heartbeat went stale as crashed (the crash watch’s first check)', async () => {
    await expect.poll(async () => (await store.getRun('stale'))?.state).toBe('crashed');
    const run = await store.getRun('stale');
    expect(run?.error).toContain('no heartbeat');
    expect(run?.finishedAt).toBe(staleAt);
  });

  it('execute(init, 1,000 × run.log, finish) stores a finished run with summary, config and every point', async () => {
    const outcome = await kernel.execute(
      [
        "const run = await init({ project: 'p', config: { dropout: 0.2, optimizer: { lr: 0.01 } }, tags: ['base'], notes: 'first' });",
        'for (let i = 0; i < 1000; i++) run.log({ acc: i / 1000, loss: 1 - i / 1000 });',
        'await run.finish();',
      ].join('\n'),
    );
    expect(outcome).toMatchObject({ ok: true, display: null, outputs: [] });
    const run = await onlyRun('p');
    expect(run.state).toBe('finished');
    expect(run.exitCode).toBe(0);
    expect(run.error).toBeNull();
    expect(run.finishedAt).not.toBeNull();
    expect(run.name).toMatch(/^[a-z]+-[a-z]+-1$/);
    expect(run.config).toEqual({ dropout: 0.2, optimizer: { lr: 0.01 } });
    expect(run.tags).toEqual(['base']);
    expect(run.notes).toBe('first');
    expect(run.environment).toEqual(HARNESS_ENVIRONMENT);
    expect(run.summary).toEqual({ acc: 999 / 1000, loss: 1 - 999 / 1000 });
    expect(run.warnings).toEqual([]);

    const acc = await points(run.id, 'acc');
    expect(acc.steps).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(acc.values).toEqual(Array.from({ length: 1000 }, (_, i) => i / 1000));
    const loss = await points(run.id, 'loss');
    expect(loss.values).toEqual(Array.from({ length: 1000 }, (_, i) => 1 - i / 1000));
    expect(await store.listMetrics(run.id)).toEqual(['_timestamp', 'acc', 'loss']);
    expect((await points(run.id, '_timestamp')).steps).toHaveLength(1000);
    expect((await store.listProjects()).find((p) => p.name === 'p')?.runCount).toBe(1);
  });

  it('execute(code) displays the returned value and resolves top-level await', async () => {
    const outcome = await kernel.execute('const x = await Promise.resolve(20);\nreturn { answer: x + 22 };');
    expect(outcome).toMatchObject({ ok: true, display: '{ answer: 42 }', outputs: [] });
  });

  it('run.config.update(values) and run.summary assignment reach the stored run', async () => {
    const outcome = await kernel.execute(
      [
        "const run = await init({ project: 'cfg', name: 'my-run', config: { a: 1 } });",
        'run.config.update({ b: { c: 2 } });',
        'run.defineMetric("loss", { summary: "min" });',
        'run.log({ loss: 3 }); run.log({ loss: 1 }); run.log({ loss: 2 });',
        'run.summary.best_epoch = 7;',
        'await run.finish();',
      ].join('\n'),
    );
    expect(outcome.ok).toBe(true);
    const run = await onlyRun('cfg');
    expect(run.name).toBe('my-run');
    expect(run.config).toEqual({ a: 1, b: { c: 2 } });
    expect(run.summary).toEqual({ loss: 1, best_epoch: 7 });
  });

  it('execute(code that throws after init) marks the run failed with the error message and keeps its points', async () => {
    const outcome = await kernel.execute(
      ["const run = await init({ project: 'fail' });", 'run.log({ x: 1 }); run.log({ x: 2 });', "throw new Error('loss diverged');"].join('\n'),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toEqual({ name: 'Error', message: 'loss diverged', position: { line: 3, column: 7 } });
    const run = await onlyRun('fail');
    expect(run.state).toBe('failed');
    expect(run.exitCode).toBe(1);
    expect(run.error).toBe('Error: loss diverged');
    expect(run.summary).toEqual({ x: 2 });
    expect(await points(run.id, 'x')).toEqual({ steps: [0, 1], values: [1, 2] });
  });

  it('execute(run.log with a bad value) fails naming the key, and the earlier steps stay stored', async () => {
    const outcome = await kernel.execute(
      ["const run = await init({ project: 'bad' });", 'for (let i = 0; i < 10; i++) run.log({ loss: i });', "run.log({ loss: 0.5, label: 'cat' });"].join('\n'),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.name).toBe('LogValueError');
    expect(outcome.error.message).toContain('"label"');
    expect(outcome.error.position).toEqual({ line: 3, column: 5 });
    const run = await onlyRun('bad');
    expect(run.state).toBe('failed');
    expect(run.error).toContain('LogValueError');
    expect(run.error).toContain('"label"');
    // The rejected call kept nothing, not even its valid `loss`.
    expect(run.summary).toEqual({ loss: 9 });
    expect(await points(run.id, 'loss')).toEqual({ steps: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] });
  });

  it('run.log(dict, {step}) going backwards warns on stderr and on the run, keeps the value in the summary, not the history', async () => {
    const outcome = await kernel.execute(
      [
        "const run = await init({ project: 'back' });",
        'run.log({ a: 1 }, { step: 5 });',
        'run.log({ a: 2 }, { step: 6 });',
        'run.log({ a: 99 }, { step: 2 });',
        'await run.finish();',
      ].join('\n'),
    );
    expect(outcome.ok).toBe(true);
    const expected = 'run.log: step 2 is lower than the current step 6; steps must increase, so these values were kept in the summary but not in the history';
    expect(outcome.outputs).toEqual([{ stream: 'stderr', text: `${expected}\n` }]);
    const run = await onlyRun('back');
    expect(run.state).toBe('finished');
    expect(run.warnings).toEqual([expected]);
    expect(run.summary).toEqual({ a: 99 });
    expect(await points(run.id, 'a')).toEqual({ steps: [5, 6], values: [1, 2] });
  });

  it('execute(code, onOutput) streams console output while the cell runs, in order', async () => {
    const streamed: { output: StreamOutput; at: number }[] = [];
    const started = Date.now();
    const outcome = await kernel.execute(
      [
        "console.log('hello', 1, { a: [2, 'x'] });",
        "console.warn('careful');",
        'await new Promise((resolve) => setTimeout(resolve, 300));',
        "console.error(new TypeError('shown'));",
        "console.info('done');",
      ].join('\n'),
      (output) => streamed.push({ output, at: Date.now() - started }),
    );
    const finished = Date.now() - started;
    const expected: StreamOutput[] = [
      { stream: 'stdout', text: "hello 1 { a: [ 2, \"x\" ] }\n" },
      { stream: 'stderr', text: 'careful\n' },
      { stream: 'stderr', text: 'TypeError: shown\n' },
      { stream: 'stdout', text: 'done\n' },
    ];
    expect(outcome).toMatchObject({ ok: true, display: null, outputs: expected });
    expect(streamed.map((s) => s.output)).toEqual(expected);
    // The first line arrived while the cell was still waiting, not with the result.
    expect(finished - streamed[0]!.at).toBeGreaterThanOrEqual(200);
  });

  it.each([
    ['the first line', "throw new Error('first');", { line: 1, column: 7 }],
    ['an indented later line', "const a = 1;\nconst b = 2;\n    throw new RangeError('bad lr');", { line: 3, column: 11 }],
    ['a property access after an await', 'await new Promise((r) => setTimeout(r, 1));\nconst o = undefined;\no.x;', { line: 3, column: 3 }],
    ['inside a function the cell defines', "function check(x) {\n  if (x > 1) throw new Error('too big: ' + x);\n}\ncheck(0);\ncheck(5);", { line: 2, column: 20 }],
  ])('execute(code) reports an error on %s at its line and column inside the cell', async (_label, code, position) => {
    const outcome = await kernel.execute(code);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.position).toEqual(position);
  });

  it('execute(code throwing a non-Error) reports it without a position', async () => {
    const outcome = await kernel.execute("throw 'oops';");
    expect(outcome).toMatchObject({ ok: false, error: { name: 'Error', message: 'uncaught oops', position: null }, outputs: [] });
  });

  it('init() while a run is still open finishes the earlier run first', async () => {
    const outcome = await kernel.execute(
      [
        "const first = await init({ project: 'twice', name: 'one' });",
        'first.log({ x: 1 });',
        "const second = await init({ project: 'twice', name: 'two' });",
        'second.log({ x: 2 });',
        'await second.finish();',
      ].join('\n'),
    );
    expect(outcome.ok).toBe(true);
    const runs = await store.listRuns('twice');
    expect(runs.map((r) => [r.name, r.state, r.summary.x]).sort()).toEqual([
      ['one', 'finished', 1],
      ['two', 'finished', 2],
    ]);
  });

  it('wandb.init() returns the run at once (no await): W&B\'s quickstart runs as written, config by attribute, summary set by hand', async () => {
    const outcome = await kernel.execute(
      [
        "const run = wandb.init({ project: 'wandb-style', config: { learning_rate: 0.02, architecture: 'CNN', epochs: 10 } });",
        'const seen = [run instanceof Promise, typeof run.log, wandb.config.learning_rate, wandb.run === run];',
        'const offset = 0.1;',
        'for (let epoch = 2; epoch < wandb.config.epochs; epoch++) {',
        '  const acc = 1 - 2 ** -epoch - offset;',
        '  const loss = 2 ** -epoch + offset;',
        '  wandb.log({ acc, loss });',
        '}',
        'wandb.config.update({ batch_size: 32 });',
        'wandb.summary.best_acc = 0.9;',
        "wandb.define_metric('loss', { summary: 'max' });",
        'await wandb.finish();',
        'seen',
      ].join('\n'),
    );
    expect(outcome).toMatchObject({ ok: true, display: '[ false, "function", 0.02, true ]' });
    const run = await onlyRun('wandb-style');
    expect(run).toMatchObject({ state: 'finished', config: { learning_rate: 0.02, architecture: 'CNN', epochs: 10, batch_size: 32 }, summary: { best_acc: 0.9, loss: 2 ** -2 + 0.1 } });
    expect(run.name, 'named by the session once it answered').toMatch(/^[a-z]+-[a-z]+-\d+$/);
    expect(Array.from((await store.series(run.id, 'loss', { buckets: 100 })).x)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("wandb.define_metric's step_metric is stored with the run, by glob, and step_sync adds the step metric's last value", async () => {
    const outcome = await kernel.execute(
      [
        "wandb.init({ project: 'step-metric' });",
        "wandb.define_metric('epoch');",
        "wandb.define_metric('val/*', { step_metric: 'epoch' });",
        "wandb.define_metric('test/acc', { step_metric: 'epoch', step_sync: false });",
        'for (let epoch = 0; epoch < 3; epoch++) {',
        '  for (let batch = 0; batch < 4; batch++) wandb.log({ loss: 1 / (1 + epoch * 4 + batch) });',
        '  wandb.log({ epoch });',
        "  wandb.log({ 'val/acc': 0.5 + epoch / 10 });",
        '}',
        "wandb.log({ 'test/acc': 0.9 });",
        'await wandb.finish();',
      ].join('\n'),
    );
    expect(outcome.ok).toBe(true);
    const run = await onlyRun('step-metric');
    expect(run.stepMetrics).toEqual({ 'val/*': 'epoch', 'test/acc': 'epoch' });
    // Each val/acc log lands one step after its epoch's and carries that epoch (step sync); test/acc does not.
    expect(await points(run.id, 'val/acc')).toEqual({ steps: [5, 11, 17], values: [0.5, 0.6, 0.7] });
    expect(await points(run.id, 'epoch')).toEqual({ steps: [4, 5, 10, 11, 16, 17], values: [0, 0, 1, 1, 2, 2] });
    expect((await points(run.id, 'test/acc')).steps).toEqual([18]);
  });

  it('run.log of a Table stores it as Arrow with the run; an incremental table stores each log\'s new rows at its step', async () => {
    const outcome = await kernel.execute(
      [
        "const run = wandb.init({ project: 'tables' });",
        "const predictions = new wandb.Table({ columns: ['truth', 'guess', 'scores'] });",
        "predictions.add_data('dress', 'dress', [0.9, 0.1]);",
        "predictions.add_data('coat', 'dress', [0.6, 0.4]);",
        'wandb.log({ predictions, acc: 0.5 });',
        "const stream = new Table({ columns: ['i'], log_mode: 'incremental' });",
        'for (let step = 0; step < 3; step++) {',
        '  for (let i = 0; i < 2; i++) stream.addData(step * 2 + i);',
        '  run.log({ stream });',
        '}',
        "try { run.log({ bad: { not: 'a table' } as any }); } catch (e) { console.log(String(e)); }",
        'await wandb.finish();',
      ].join('\n'),
    );
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    const run = await onlyRun('tables');
    expect(run.tables).toEqual({
      predictions: { mode: 'immutable', versions: 1, rows: 2, step: 0 },
      stream: { mode: 'incremental', versions: 3, rows: 6, step: 3 },
    });
    const [logged] = await store.readTableLogs(run.id, 'predictions');
    const table = tableFromArrow(logged!.arrow);
    expect(table.columns.map((c) => [c.name, c.type, c.values])).toEqual([
      ['truth', 'string', ['dress', 'coat']],
      ['guess', 'string', ['dress', 'dress']],
      ['scores', 'scores', [[0.9, 0.1], [0.6, 0.4]]],
    ]);
    const increments = await store.readTableLogs(run.id, 'stream');
    expect(increments.map((r) => [r.step, Array.from(tableFromArrow(r.arrow).columns[0]!.values)])).toEqual([
      [1, [0, 1]],
      [2, [2, 3]],
      [3, [4, 5]],
    ]);
  });

  it('run.log after finish() throws telling the user to call init()', async () => {
    const outcome = await kernel.execute(["const run = await init({ project: 'after', name: 'done-run' });", 'await run.finish();', 'run.log({ x: 1 });'].join('\n'));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.message).toBe('run done-run is finished; call init() to start a new run');
    expect((await onlyRun('after')).state).toBe('finished');
  });

  it('execute() runs cells one at a time, in the order sent', async () => {
    const order: string[] = [];
    const slow = kernel.execute("await new Promise((r) => setTimeout(r, 100)); console.log('slow');", (o) => order.push(o.text));
    const fast = kernel.execute("console.log('fast');", (o) => order.push(o.text));
    await Promise.all([slow, fast]);
    expect(order).toEqual(['slow\n', 'fast\n']);
    expect(kernel.session.status).toBe('idle');
  });

  it('init() with a bad option throws naming it, creates no run and leaves the open run open', async () => {
    const outcome = await kernel.execute(
      ["const open = await init({ project: 'checked', name: 'open' });", 'open.log({ x: 1 });', "await init({ project: 'checked', tags: 'baseline' as any });"].join('\n'),
    );
    expect(outcome).toMatchObject({ ok: false, error: { name: 'InitOptionError' } });
    if (!outcome.ok) expect(outcome.error.message).toMatch(/^init: "tags" must be an array of strings/);
    // The cell failed, so the run it started ends failed, but as the cell's failure, not as finished by the second init.
    expect((await onlyRun('checked')).state).toBe('failed');
  });

  it('pageClosing() notes the runs the page is writing, and the watch (here or in another tab) ends them crashed, naming why', async () => {
    const outcome = await kernel.execute(["const leftOpen = await init({ project: 'closing', name: 'left-open' });", 'leftOpen.log({ x: 1 });'].join('\n'));
    expect(outcome.ok).toBe(true);
    await kernel.session.whenIdle();
    const runId = (await onlyRun('closing')).id;
    kernel.session.pageClosing();
    expect(JSON.parse(notes.values.get(CLOSED_PAGE_RUNS_KEY) ?? '[]')).toEqual([runId]);
    // What the `storage` event does in other tabs.
    notes.announce();
    await expect.poll(async () => (await onlyRun('closing')).state).toBe('crashed');
    expect((await onlyRun('closing')).error).toBe(PAGE_CLOSED_MESSAGE);
    expect(notes.values.has(CLOSED_PAGE_RUNS_KEY)).toBe(false);
  });

  it('the session reported no errors during these executions', () => {
    expect(kernel.errors).toEqual([]);
  });
});

// Last in the file: these fill up the store's disk.
describe('Session across cells', () => {
  it('a run records the code of the cells executed up to its init and while it was open', async () => {
    const origin = (cellId: string) => ({ notebookId: 'nb-code', cellId });
    await kernel.session.execute('const rate = 0.5;', { origin: origin('a') });
    await kernel.session.execute("const coded = await init({ project: 'code', name: 'coded' });", { origin: origin('b') });
    await kernel.session.execute('coded.log({ rate });', { origin: origin('c') });
    await kernel.session.execute('await coded.finish();', { origin: origin('d') });
    await kernel.execute('1');
    await kernel.session.whenIdle();
    const run = await onlyRun('code');
    expect(run.code?.notebookId).toBe('nb-code');
    const cells = (await store.readRunCode(run.code!)).filter((c) => c.cellId !== null);
    expect(cells.map((c) => c.cellId)).toEqual(['a', 'b', 'c', 'd']);
    expect(cells[0]).toMatchObject({ source: 'const rate = 0.5;', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('execute() reports the names a cell defines and reads, for staleness', async () => {
    const outcome = await kernel.execute('const width = 3;\nfunction area(h: number) { return width * h * depth; }');
    expect(outcome.names).toEqual({ declared: ['width', 'area'], reads: ['depth'] });
  });

  it('a throwing cell ends as failed only the runs it started; a run from an earlier cell stays open', async () => {
    expect((await kernel.execute("const early = await init({ project: 'cells', name: 'early' });\nearly.log({ x: 1 });")).ok).toBe(true);
    const failing = await kernel.execute("const late = await init({ project: 'cells-late', name: 'late' });\nmissingName.call();");
    expect(failing.ok).toBe(false);
    expect((await onlyRun('cells-late')).state).toBe('failed');
    // init() in the failing cell finished `early` (a new init finishes the open run, as in a notebook) — so start
    // another open run and fail a cell that starts none.
    expect((await kernel.execute("const keep = await init({ project: 'cells-keep', name: 'keep' });")).ok).toBe(true);
    expect((await kernel.execute('undefinedThing.value;')).ok).toBe(false);
    expect((await kernel.execute("keep.log({ y: 2 });\nawait keep.finish();\n'done'")).ok).toBe(true);
    await kernel.session.whenIdle();
    expect(await onlyRun('cells-keep')).toMatchObject({ state: 'finished', summary: { y: 2 } });
  });

  it('a config value that cannot be saved gives a warning, and the kernel keeps answering', async () => {
    const outcome = await kernel.execute(
      "const r = await init({ project: 'cyclic', name: 'cyclic' });\nconst loop: any = {}; loop.self = loop;\nr.config.bad = loop;\nr.log({ a: 1 });\nawait r.flush();\nawait r.finish();\n'ok'",
    );
    expect(outcome).toMatchObject({ ok: true, display: 'ok' });
    expect(outcome.outputs.map((o) => o.text).join('')).toContain('the config could not be saved');
    expect(await onlyRun('cyclic')).toMatchObject({ state: 'finished', summary: { a: 1 } });
    expect((await kernel.execute('1 + 1')).ok).toBe(true);
  });
});

describe('run.callback() in model.fit', () => {
  it('logs every batch and epoch, validation included, and puts the model summary in the config', async () => {
    const outcome = await kernel.execute(
      [
        "import * as tf from '@tensorflow/tfjs';",
        "const run = await init({ project: 'fit', name: 'fit-run', config: { dropout: 0.2 } });",
        "const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [2], activation: 'relu' }), tf.layers.dropout({ rate: 0.2 }), tf.layers.dense({ units: 1 })] });",
        "model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });",
        'const x = tf.randomNormal([64, 2]);',
        'const y = x.sum(1, true);',
        'await model.fit(x, y, { epochs: 2, batchSize: 16, validationSplit: 0.25, callbacks: [run.callback()] });',
        'await run.finish();',
      ].join('\n'),
    );
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    const run = await onlyRun('fit');
    const model = (run.config as { model: { layers: { type: string; params: number }[]; totalParams: number; optimizer: string } }).model;
    expect(model.layers.map((l) => l.type)).toEqual(['Dense', 'Dropout', 'Dense']);
    expect(model.totalParams).toBe(2 * 4 + 4 + 4 + 1);
    expect((await points(run.id, 'batch/loss')).steps).toHaveLength(2 * 3);
    expect((await points(run.id, 'epoch/val_loss')).values).toHaveLength(2);
    expect((await points(run.id, 'epoch/epoch')).values).toEqual([0, 1]);
    expect(run.stepMetrics, 'epochs plot against the epoch, batches against the batch, as W&B').toEqual({ 'epoch/*': 'epoch/epoch', 'batch/*': 'batch/step' });
    expect(run.summary['epoch/loss']).toBeGreaterThan(0);
  });
});

describe('Session stop', () => {
  it('interrupt() stops a logging loop at its next run.log: the cell ends Interrupted and its run is killed, points kept', async () => {
    const running = kernel.execute(
      "const r = await init({ project: 'stopped', name: 'stopped' });\nfor (let i = 0; i < 1e9; i++) {\n  r.log({ i });\n  if (i % 100 === 0) await new Promise((res) => setTimeout(res, 1));\n}",
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const queued = kernel.execute("'never runs'");
    kernel.session.interrupt();
    const outcome = await running;
    expect(outcome).toMatchObject({ ok: false, error: { name: 'Interrupted' } });
    expect(await queued).toMatchObject({ ok: false, error: { name: 'Interrupted', message: 'not run: stopped by the user' } });
    await kernel.session.whenIdle();
    const run = await onlyRun('stopped');
    expect(run).toMatchObject({ state: 'killed', error: 'stopped by the user' });
    expect((await store.series(run.id, 'i', { buckets: 10 })).x.length).toBeGreaterThan(0);
    expect(kernel.session.status).toBe('idle');
    expect(await kernel.execute('1 + 1')).toMatchObject({ ok: true, display: '2' });
  });
});

describe('Session without a kernel', () => {
  it('execute() on a disposed session answers at once that the kernel is not running', async () => {
    const session = new Session({ store, createKernel: () => ({ postMessage() {}, addEventListener() {}, terminate() {} }) });
    session.dispose();
    const outcome = await session.execute('1 + 1');
    expect(outcome).toMatchObject({ ok: false, error: { name: 'KernelError', message: 'the kernel is not running: reload the page' } });
  });
});

describe('Session when browser storage fills up', () => {
  it('a run whose history no longer fits ends failed with the storage message; earlier points stay readable and await run.flush() throws it', async () => {
    const errorsBefore = kernel.errors.length;
    const callsBefore = store.appendCalls;
    store.fillUpAfter(2);
    const outcome = await kernel.execute(
      [
        "const run = await init({ project: 'full', name: 'big-run' });",
        'for (let k = 0; k < 500; k++) {',
        '  for (let i = 0; i < 10; i++) run.log({ loss: k * 10 + i });',
        '  await run.flush();',
        '}',
      ].join('\n'),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.message).toBe(`run big-run was stopped: ${STORAGE_FULL_MESSAGE}`);
    // The error is raised when flush resumes, so V8's async stack points at the `await` of line 4.
    expect(outcome.error.position).toEqual({ line: 4, column: 3 });

    const run = await onlyRun('full');
    expect(run).toMatchObject({ state: 'failed', error: STORAGE_FULL_MESSAGE });
    // The first two batches (steps 0..19) were stored before the disk filled up.
    expect(await points(run.id, 'loss')).toEqual({ steps: Array.from({ length: 20 }, (_, i) => i), values: Array.from({ length: 20 }, (_, i) => i) });
    expect(run.summary.loss).toBe(19);
    // The user is told once, and the stopped run is not written again.
    expect(kernel.errors.slice(errorsBefore)).toEqual([STORAGE_FULL_MESSAGE]);
    expect(store.appendCalls - callsBefore).toBe(3);
  });

  it('finish() of a run whose last points no longer fit does not hang: it throws the storage message and the run ends failed', async () => {
    store.fillUpAfter(0);
    const outcome = await kernel.execute(
      ["const run = await init({ project: 'full-finish', name: 'small-run' });", 'run.log({ x: 1 });', 'await run.finish();', "return 'finished';"].join('\n'),
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.error.message).toContain(STORAGE_FULL_MESSAGE);
    expect(await onlyRun('full-finish')).toMatchObject({ state: 'failed', error: STORAGE_FULL_MESSAGE });
  });
});
