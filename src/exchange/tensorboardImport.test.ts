import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ChangeFeed } from '../store/changeFeed';
import { openStore, type LabbookStore } from '../store/labbookStore';
import { uniqueDbName } from '../store/testRuns';
import { encodeEventFile, type ScalarPoint } from './tfevents/events';
import { importTensorBoardLogdir } from './tensorboardImport';

const opened: LabbookStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

const scalars = (tag: string, steps: number[], value: (step: number) => number, wallTime = 1_700_000_000): ScalarPoint[] => steps.map((step) => ({ tag, step, wallTime: wallTime + step, value: Math.fround(value(step)) }));

describe('importTensorBoardLogdir', () => {
  it('leaves out points whose step is negative or past 2^53, counted, and charts the rest', async () => {
    const store = await openStore({ name: uniqueDbName('tb'), feed: new ChangeFeed(uniqueDbName('feed')) });
    opened.push(store);
    const file = encodeEventFile([...scalars('loss', [0, 1, 2], (s) => s), { tag: 'loss', step: -1, wallTime: 1_700_000_000, value: 5 }, { tag: 'loss', step: 2 ** 60, wallTime: 1_700_000_000, value: 6 }], [], 1_700_000_000);
    const report = await importTensorBoardLogdir(store, 'tb', [{ path: 'logs/run/events.out.tfevents.1.host', bytes: file }], 'test');
    expect(report).toMatchObject({ points: 3, badStepPoints: 2 });
    expect(Array.from((await store.readRunHistory(report.runs[0]!.id))[0]!.steps)).toEqual([0, 1, 2]);
    await store.whenOverviewPacked();
  });

  it('makes each folder of event files a finished run with its scalars, config and time span; a restart keeps the later values', async () => {
    const store = await openStore({ name: uniqueDbName('tb'), feed: new ChangeFeed(uniqueDbName('feed')) });
    opened.push(store);
    const first = encodeEventFile([...scalars('loss', [0, 1, 2, 3], (s) => 1 / (s + 1)), ...scalars('val/acc', [0, 2], (s) => s / 4)], [{ tag: 'config', step: 0, text: '{"lr": 0.01, "model": {"layers": 2}}' }], 1_700_000_000);
    // A restart from step 2: TensorBoard shows the later values there.
    const restart = encodeEventFile(scalars('loss', [2, 3, 4], (s) => 10 + s, 1_700_000_100), [], 1_700_000_100);
    const other = encodeEventFile(scalars('loss', [0, 1], (s) => s), [], 1_700_000_000);
    const truncated = other.subarray(0, other.length - 5);
    const report = await importTensorBoardLogdir(
      store,
      'tb',
      [
        { path: 'logs/lr=0.01/events.out.tfevents.1.host', bytes: first },
        { path: 'logs/lr=0.01/events.out.tfevents.2.host', bytes: restart },
        { path: 'logs/lr=0.1/events.out.tfevents.1.host', bytes: truncated },
        { path: 'logs/lr=0.1/notes.txt', bytes: new Uint8Array(3) },
      ],
      'test',
    );
    expect(report).toMatchObject({ points: 8, skippedRecords: 0, cutShortFiles: 1, otherFiles: 1 });
    expect(report.runs.map((r) => [r.name, r.metrics, r.points])).toEqual([
      ['lr=0.01', 2, 7],
      ['lr=0.1', 1, 1],
    ]);
    const runs = await store.listRuns('tb');
    const run = runs.find((r) => r.name === 'lr=0.01')!;
    expect(run).toMatchObject({ state: 'finished', config: { lr: 0.01, model: { layers: 2 } }, tags: ['tensorboard'], createdAt: 1_700_000_000_000, finishedAt: 1_700_000_104_000 });
    expect(run.summary).toEqual({ loss: 14, 'val/acc': 0.5 });
    expect(await store.listMetrics(run.id)).toEqual(['loss', 'val/acc']);
    const loss = await store.series(run.id, 'loss', { buckets: 1_000_000 });
    expect([Array.from(loss.x), Array.from(loss.last)]).toEqual([
      [0, 1, 2, 3, 4],
      [1, 0.5, 12, 13, 14],
    ]);
    // What an export reads: every point of every metric at full resolution.
    expect((await store.readRunHistory(run.id)).map((series) => [series.metric, Array.from(series.steps), Array.from(series.values)])).toEqual([
      ['loss', [0, 1, 2, 3, 4], [1, 0.5, 12, 13, 14]],
      ['val/acc', [0, 2], [0, 0.5]],
    ]);
  });

  it("takes tensorboardX's add_hparams folder into the run that wrote it, its hparams as the config", async () => {
    const store = await openStore({ name: uniqueDbName('tb'), feed: new ChangeFeed(uniqueDbName('feed')) });
    opened.push(store);
    const run = encodeEventFile(scalars('loss', [0, 1, 2], (s) => 1 / (s + 1)), [], 1_700_000_000);
    const hparams = encodeEventFile(scalars('hparam/accuracy', [0], () => 0.75, 1_700_000_010), [], 1_700_000_010, { lr: 0.01, 'model.layers': 4, nesterov: true });
    const report = await importTensorBoardLogdir(
      store,
      'tb',
      [
        { path: 'runs/Dec07_10-00-00_host/events.out.tfevents.1.host', bytes: run },
        { path: 'runs/Dec07_10-00-00_host/1700000010.5/events.out.tfevents.2.host', bytes: hparams },
      ],
      'test',
    );
    expect(report.runs.map((r) => [r.name, r.metrics, r.points])).toEqual([['Dec07_10-00-00_host', 2, 4]]);
    const [imported] = await store.listRuns('tb');
    expect(imported).toMatchObject({ config: { lr: 0.01, 'model.layers': 4, nesterov: true }, summary: { loss: Math.fround(1 / 3), 'hparam/accuracy': 0.75 }, finishedAt: 1_700_000_010_000 });
  });
});
