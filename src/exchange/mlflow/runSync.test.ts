import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMlflowServer, type ContractServer } from '../../../e2e/harness/mlflowContractServer.mjs';
import { endRun } from '../../model/runs/runRecordUpdates';
import { ChangeFeed } from '../../store/changeFeed';
import { openStore, type LabbookStore } from '../../store/labbookStore';
import { testRun, uniqueDbName } from '../../store/testRuns';
import { MlflowClient, MlflowRequestError } from './mlflowClient';
import { pendingPoints, syncRun, syncStateKey, type RunSyncState } from './runSync';

let server: ContractServer;
beforeAll(async () => {
  server = await startMlflowServer();
});
afterAll(() => server.close());
const opened: LabbookStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

async function storeWithRun(id: string, points: number): Promise<LabbookStore> {
  const store = await openStore({ name: uniqueDbName('sync'), feed: new ChangeFeed(uniqueDbName('feed')) });
  opened.push(store);
  await store.createRun(testRun({ id, project: 'sync project', config: { lr: 0.01, model: { layers: 2 } }, notes: 'first try' }));
  await append(store, id, 0, points);
  return store;
}

function append(store: LabbookStore, id: string, from: number, count: number) {
  const steps = Float64Array.from({ length: count }, (_, i) => from + i);
  return store.appendHistory(id, { metrics: ['train/loss', 'val acc:top1'], steps: [steps, steps.slice()], values: [steps.map((s) => 1 / (s + 1)), steps.map((s) => s / 10_000)] }, (run) => run);
}

/** Each point on the server, per MLflow key, as `step`: the test of exactly once. */
function serverSteps(mlflowRunId: string): Record<string, number[]> {
  const steps: Record<string, number[]> = {};
  for (const metric of server.state.runs.get(mlflowRunId)!.metrics) (steps[metric.key] ??= []).push(metric.step);
  return steps;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('syncRun against the contract server', () => {
  it('sends a run once: its run, params, every point exactly once, more points later, then its end', async () => {
    const store = await storeWithRun('s1', 1500);
    const client = new MlflowClient({ url: server.url, authorization: null });
    const first = await syncRun(store, client, server.url, 's1');
    expect(serverSteps(first.mlflowRunId!)).toEqual({ 'train/loss': range(0, 1500), 'val acc_top1': range(0, 1500) });
    const run = server.state.runs.get(first.mlflowRunId!)!;
    expect(Object.fromEntries(run.params)).toEqual({ lr: '0.01', 'model.layers': '2' });
    expect(Object.fromEntries(run.tags)).toEqual({ 'labbook.run_id': 's1', 'mlflow.note.content': 'first try' });
    expect(run.status).toBe('RUNNING');

    await append(store, 's1', 1500, 700);
    expect(pendingPoints(await store.getSetting<RunSyncState>(syncStateKey('s1')), { 'train/loss': 2200, 'val acc:top1': 2200 })).toBe(1400);
    await store.updateRun('s1', (r) => endRun(r, { state: 'finished', exitCode: 0, error: null, now: 5_000 }));
    await syncRun(store, client, server.url, 's1');
    expect(serverSteps(first.mlflowRunId!)).toEqual({ 'train/loss': range(0, 2200), 'val acc_top1': range(0, 2200) });
    expect(run).toMatchObject({ status: 'FINISHED', endTime: 5_000 });
  });

  it('resumes after the network fails mid-sync, sending no point twice', async () => {
    const store = await storeWithRun('s2', 4000);
    let calls = 0;
    const flaky = new MlflowClient({ url: server.url, authorization: null }, (input, init) => (++calls === 5 ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init)));
    const stopped = await syncRun(store, flaky, server.url, 's2').catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(MlflowRequestError);
    expect((stopped as MlflowRequestError).outcome.kind).toBe('retry');
    const state = await syncRun(store, flaky, server.url, 's2');
    expect(serverSteps(state.mlflowRunId!)).toEqual({ 'train/loss': range(0, 4000), 'val acc_top1': range(0, 4000) });
  });

  it('asks the server what it has when an answer was lost after the write was applied: one run, every point once', async () => {
    for (const lostCall of [3, 6]) {
      const id = `lost${lostCall}`;
      const store = await storeWithRun(id, 4000);
      let calls = 0;
      // The request reaches the server and is applied; its answer never comes back (the network drops mid-request).
      const dropping = new MlflowClient({ url: server.url, authorization: null }, async (input, init) => {
        const response = await fetch(input, init);
        if (++calls === lostCall) throw new TypeError('Failed to fetch');
        return response;
      });
      await expect(syncRun(store, dropping, server.url, id)).rejects.toBeInstanceOf(MlflowRequestError);
      const state = await syncRun(store, dropping, server.url, id);
      const runs = [...server.state.runs.values()].filter((run) => run.tags.get('labbook.run_id') === id);
      expect(runs.map((run) => run.id)).toEqual([state.mlflowRunId]);
      expect(serverSteps(state.mlflowRunId!)).toEqual({ 'train/loss': range(0, 4000), 'val acc_top1': range(0, 4000) });
    }
  });

  it('keeps a metric under the key it was first sent under when a later metric would have taken it', async () => {
    const store = await storeWithRun('s4', 0);
    const client = new MlflowClient({ url: server.url, authorization: null });
    const steps = Float64Array.of(0, 1);
    await store.appendHistory('s4', { metrics: ['val'], steps: [steps], values: [Float64Array.of(1, 2)] }, (r) => r);
    const first = await syncRun(store, client, server.url, 's4');
    // `val/acc` needs a folder named `val`: alone, mlflowKeys would now give the file `val` another key.
    await store.appendHistory('s4', { metrics: ['val', 'val/acc'], steps: [Float64Array.of(2), Float64Array.of(2)], values: [Float64Array.of(3), Float64Array.of(0.5)] }, (r) => r);
    await syncRun(store, client, server.url, 's4');
    const steps_ = serverSteps(first.mlflowRunId!);
    expect(steps_.val).toEqual([0, 1, 2]);
    expect(Object.keys(steps_).sort()).toEqual(['val', 'val_acc']);
  });

  it('sends a config changed after its params as a tag and a conflict, never a changed param', async () => {
    const store = await storeWithRun('s3', 10);
    const client = new MlflowClient({ url: server.url, authorization: null });
    await syncRun(store, client, server.url, 's3');
    await store.updateRun('s3', (r) => ({ ...r, config: { ...r.config, lr: 0.02 } }));
    const state = await syncRun(store, client, server.url, 's3');
    expect(state).toMatchObject({ conflicts: ['lr'], failure: null });
    const run = server.state.runs.get(state.mlflowRunId!)!;
    expect(run.params.get('lr')).toBe('0.01');
    expect(run.tags.get('labbook.config_changed.lr')).toBe('0.02');
  });
});
