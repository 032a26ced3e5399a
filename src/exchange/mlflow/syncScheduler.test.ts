import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMlflowServer, type ContractServer } from '../../../e2e/harness/mlflowContractServer.mjs';
import { seededRandom } from '../../lib/seededRandom';
import { endRun } from '../../model/runs/runRecordUpdates';
import { ChangeFeed } from '../../store/changeFeed';
import { openStore } from '../../store/labbookStore';
import { testRun, uniqueDbName } from '../../store/testRuns';
import { MlflowClient } from './mlflowClient';
import { syncStateKey, type RunSyncState } from './runSync';
import { SyncScheduler } from './syncScheduler';

let server: ContractServer;
beforeAll(async () => {
  server = await startMlflowServer();
});
afterAll(() => server.close());

describe('SyncScheduler', () => {
  it('rides out a server restart in the middle of a sync: retries until it is back, and every point lands exactly once', async () => {
    const store = await openStore({ name: uniqueDbName('scheduler'), feed: new ChangeFeed(uniqueDbName('feed')) });
    await store.createRun(testRun({ id: 'restart', project: 'restarts' }));
    const steps = Float64Array.from({ length: 20_000 }, (_, i) => i);
    await store.appendHistory('restart', { metrics: ['loss', 'acc'], steps: [steps, steps.slice()], values: [steps.map((s) => 1 / (s + 1)), steps.map((s) => s / 20_000)] }, (run) => endRun(run, { state: 'finished', exitCode: 0, error: null, now: 9_000 }));
    let calls = 0;
    let refused = 0;
    let restarted: Promise<void> | null = null;
    const client = new MlflowClient({ url: server.url, authorization: null }, (input, init) => {
      // The server goes down before the 8th request and comes back 300 ms later.
      if (++calls === 8) restarted = server.close().then(() => new Promise((resolve) => setTimeout(resolve, 300))).then(() => server.start());
      return fetch(input, init).catch((error: unknown) => {
        refused++;
        throw error;
      });
    });
    const scheduler = new SyncScheduler(store, client, server.url, { baseMs: 20, maxMs: 200, random: seededRandom(3) });
    scheduler.request('restart');
    await scheduler.whenIdle();
    await restarted;
    const state = (await store.getSetting<RunSyncState>(syncStateKey('restart')))!;
    const run = server.state.runs.get(state.mlflowRunId!)!;
    const steps_ = (key: string) => run.metrics.filter((m) => m.key === key).map((m) => m.step);
    expect(steps_('loss')).toEqual(Array.from(steps));
    expect(steps_('acc')).toEqual(Array.from(steps));
    expect(run.status).toBe('FINISHED');
    expect(refused).toBeGreaterThan(0);
    store.close();
  });
});
