import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryBatch } from '../model/history/historyBatch';
import { randomId } from '../lib/ids';
import { HEARTBEAT_INTERVAL_MS } from '../model/runs/runRecordUpdates';
import type { RunEvent } from '../protocol/messages';
import { ChangeFeed } from '../store/changeFeed';
import { openStore, type LabbookStore } from '../store/labbookStore';
import { STORAGE_FULL_MESSAGE } from '../store/storageFull';
import { QuotaLimitedStore, TEST_ENVIRONMENT, UnreliableStore, uniqueDbName } from '../store/testRuns';
import { RunWriter } from './runWriter';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  vi.useRealTimers();
});

interface Harness {
  writer: RunWriter;
  stopped: [string, string][];
  /** Acknowledgements sent, as [runId, upTo]. */
  acks: [string, number][];
  errors: unknown[];
}

function writerFor(store: LabbookStore, now: () => number = () => 1_000): Harness {
  const stopped: [string, string][] = [];
  const acks: [string, number][] = [];
  const errors: unknown[] = [];
  const writer = new RunWriter(store, {
    onRunStopped: (runId, reason) => stopped.push([runId, reason]),
    onStored: (runId, upTo) => acks.push([runId, upTo]),
    onError: (e) => errors.push(e),
    now,
  });
  cleanups.push(() => {
    writer.dispose();
    store.close();
  });
  return { writer, stopped, acks, errors };
}

let nextSeq = 1;

function history(runId: string, steps: number[], values: number[], summary: Record<string, number> = {}, seq = nextSeq++): RunEvent {
  const batch: HistoryBatch = { metrics: ['m'], steps: [Float64Array.from(steps)], values: [Float64Array.from(values)] };
  return { kind: 'history', runId, seq, batch, summary };
}

const EMPTY_BATCH: HistoryBatch = { metrics: [], steps: [], values: [] };

async function init(writer: RunWriter, project = 'p', name: string | null = null) {
  return writer.initRun({ kind: 'initRun', runId: randomId(), project, name, config: { lr: 0.1 }, group: null, tags: [], notes: '', environment: TEST_ENVIRONMENT, code: { notebookId: null, kernelId: 'k', cells: 0 } });
}

describe('RunWriter', () => {
  it('initRun(request) creates a running run with a unique readable name per project', async () => {
    const store = await openStore({ name: uniqueDbName('writer'), feed: new ChangeFeed(uniqueDbName('feed')) });
    const { writer } = writerFor(store);
    const names = new Set<string>();
    for (let i = 0; i < 5; i++) names.add((await init(writer)).name);
    expect(names.size).toBe(5);
    const given = await init(writer, 'p', 'chosen');
    expect(given.name).toBe('chosen');
    const run = await store.getRun(given.runId);
    expect(run).toMatchObject({ state: 'running', project: 'p', config: { lr: 0.1 }, createdAt: 1_000 });
  });

  it('apply(events) writes history, config and warnings in arrival order', async () => {
    const store = await openStore({ name: uniqueDbName('writer'), feed: new ChangeFeed(uniqueDbName('feed')) });
    const { writer, errors } = writerFor(store);
    const { runId } = await init(writer);
    writer.apply(history(runId, [0, 1], [5, 6], { m: 6 }));
    writer.apply({ kind: 'config', runId, config: { lr: 0.2 } });
    writer.apply({ kind: 'warning', runId, message: 'careful' });
    writer.apply(history(runId, [2], [7], { m: 7 }));
    await writer.whenIdle();
    const run = await store.getRun(runId);
    expect(run).toMatchObject({ summary: { m: 7 }, config: { lr: 0.2 }, warnings: ['careful'] });
    expect(Array.from((await store.series(runId, 'm', { buckets: 100 })).last)).toEqual([5, 6, 7]);
    expect(errors).toEqual([]);
  });

  it('finishRun(request) stores the last batch and ends the run in one write', async () => {
    const store = await openStore({ name: uniqueDbName('writer'), feed: new ChangeFeed(uniqueDbName('feed')) });
    const { writer } = writerFor(store, () => 2_000);
    const { runId } = await init(writer);
    writer.apply(history(runId, [0], [1], { m: 1 }));
    const batch: HistoryBatch = { metrics: ['m'], steps: [Float64Array.of(1)], values: [Float64Array.of(2)] };
    expect(await writer.finishRun({ kind: 'finishRun', runId, state: 'finished', exitCode: 0, error: null, batch, summary: { m: 2 } })).toEqual({ stored: true });
    expect(await store.getRun(runId)).toMatchObject({ state: 'finished', exitCode: 0, finishedAt: 2_000, summary: { m: 2 } });
    expect(Array.from((await store.series(runId, 'm', { buckets: 100 })).last)).toEqual([1, 2]);
  });

  it('apply(history) on a full disk fails the run with the storage message and tells the kernel once', async () => {
    const store = await QuotaLimitedStore.open(1);
    const { writer, stopped, errors } = writerFor(store);
    const { runId } = await init(writer);
    writer.apply(history(runId, [0, 1], [1, 2], { m: 2 }));
    // These arrive before the refused write is handled, so they are already queued when the run stops.
    writer.apply(history(runId, [2], [3], { m: 3 }));
    writer.apply(history(runId, [3], [4], { m: 4 }));
    writer.apply(history(runId, [4], [5], { m: 5 }));
    await writer.whenIdle();
    expect(stopped).toEqual([[runId, STORAGE_FULL_MESSAGE]]);
    expect(errors).toEqual([]);
    // Nothing is written for a stopped run, so the disk is not asked again.
    expect(store.appendCalls).toBe(2);
    expect(await store.getRun(runId)).toMatchObject({ state: 'failed', error: STORAGE_FULL_MESSAGE, summary: { m: 2 } });
    expect(Array.from((await store.series(runId, 'm', { buckets: 100 })).last)).toEqual([1, 2]);
    // Events after the stop are dropped, and finishing reports that nothing more was stored.
    writer.apply(history(runId, [5], [6]));
    const finished = await writer.finishRun({ kind: 'finishRun', runId, state: 'finished', exitCode: 0, error: null, batch: EMPTY_BATCH, summary: {} });
    expect(finished).toEqual({ stored: false });
    expect(store.appendCalls).toBe(2);
    expect((await store.getRun(runId))?.state).toBe('failed');
  });

  it('a failed state that does not fit on the full disk is written once space frees up', async () => {
    const store = await QuotaLimitedStore.open(0);
    const { writer, stopped, errors } = writerFor(store);
    const { runId } = await init(writer);
    store.refuseRunUpdates = true;
    writer.apply(history(runId, [0], [1]));
    await writer.whenIdle();
    expect(stopped).toEqual([[runId, STORAGE_FULL_MESSAGE]]);
    expect((await store.getRun(runId))?.state).toBe('running');
    store.refuseRunUpdates = false;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await writer.whenIdle();
    expect(await store.getRun(runId)).toMatchObject({ state: 'failed', error: STORAGE_FULL_MESSAGE });
    expect(errors).toEqual([]);
  });

  it('finishRun(request) on a full disk fails the run with the storage message', async () => {
    const store = await QuotaLimitedStore.open(0);
    const { writer, stopped } = writerFor(store);
    const { runId } = await init(writer);
    const finished = await writer.finishRun({ kind: 'finishRun', runId, state: 'finished', exitCode: 0, error: null, batch: EMPTY_BATCH, summary: {} });
    expect(finished).toEqual({ stored: false });
    expect(stopped).toEqual([[runId, STORAGE_FULL_MESSAGE]]);
    expect(await store.getRun(runId)).toMatchObject({ state: 'failed', error: STORAGE_FULL_MESSAGE });
  });

  it('apply(history) acknowledges each batch with its number once it is stored', async () => {
    const store = await openStore({ name: uniqueDbName('writer'), feed: new ChangeFeed(uniqueDbName('feed')) });
    const { writer, acks } = writerFor(store);
    const { runId } = await init(writer);
    writer.apply(history(runId, [0], [1], {}, 1));
    writer.apply({ kind: 'warning', runId, message: 'not a batch' });
    writer.apply(history(runId, [1], [2], {}, 2));
    expect(acks).toEqual([]);
    await writer.whenIdle();
    expect(acks).toEqual([
      [runId, 1],
      [runId, 2],
    ]);
  });

  it('a history write failing for a reason other than quota fails the run with that reason; later events of the run are not written', async () => {
    const store = await UnreliableStore.open();
    const { writer, errors, stopped, acks } = writerFor(store);
    const { runId } = await init(writer);
    const other = await init(writer);
    store.failAfter(1);
    writer.apply(history(runId, [0], [1], { m: 1 }, 1));
    writer.apply(history(runId, [1], [2], { m: 2 }, 2));
    writer.apply(history(runId, [2], [3], { m: 3 }, 3));
    writer.apply({ kind: 'warning', runId, message: 'after the failure' });
    writer.apply({ kind: 'warning', runId: other.runId, message: 'kept' });
    await writer.whenIdle();
    const reason = 'the run could not be saved: disk I/O error';
    expect(stopped).toEqual([[runId, reason]]);
    expect(acks).toEqual([[runId, 1]]);
    expect(errors).toEqual([]);
    expect(store.appendCalls).toBe(2);
    expect(await store.getRun(runId)).toMatchObject({ state: 'failed', error: reason, warnings: [], summary: { m: 1 } });
    expect(Array.from((await store.series(runId, 'm', { buckets: 100 })).last)).toEqual([1]);
    expect((await store.getRun(other.runId))?.warnings).toEqual(['kept']);
  });

  it('an event for a run that cannot be written stops that run, says so through onError when even its failure cannot be recorded, and other runs go on', async () => {
    const store = await openStore({ name: uniqueDbName('writer'), feed: new ChangeFeed(uniqueDbName('feed')) });
    const { writer, errors, stopped } = writerFor(store);
    const { runId } = await init(writer);
    writer.apply({ kind: 'warning', runId: 'ghost', message: 'x' });
    writer.apply({ kind: 'warning', runId, message: 'kept' });
    await writer.whenIdle();
    expect(stopped).toEqual([['ghost', 'the run could not be saved: run ghost does not exist']]);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('run ghost does not exist');
    expect((await store.getRun(runId))?.warnings).toEqual(['kept']);
  });

  it('endOwnedRuns(state, error) ends every run still open and leaves finished ones alone', async () => {
    const store = await openStore({ name: uniqueDbName('writer'), feed: new ChangeFeed(uniqueDbName('feed')) });
    const { writer } = writerFor(store);
    const open = await init(writer);
    const done = await init(writer);
    await writer.finishRun({ kind: 'finishRun', runId: done.runId, state: 'finished', exitCode: 0, error: null, batch: EMPTY_BATCH, summary: {} });
    await writer.endOwnedRuns('failed', 'the kernel stopped: boom');
    expect(await store.getRun(open.runId)).toMatchObject({ state: 'failed', error: 'the kernel stopped: boom' });
    expect(await store.getRun(done.runId)).toMatchObject({ state: 'finished', error: null });
  });

  it(`refreshes the heartbeat of owned running runs every ${HEARTBEAT_INTERVAL_MS} ms`, async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const store = await openStore({ name: uniqueDbName('writer'), feed: new ChangeFeed(uniqueDbName('feed')) });
    let now = 1_000;
    const { writer } = writerFor(store, () => now);
    const live = await init(writer);
    const ended = await init(writer);
    await writer.finishRun({ kind: 'finishRun', runId: ended.runId, state: 'finished', exitCode: 0, error: null, batch: EMPTY_BATCH, summary: {} });
    now = 50_000;
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS);
    await writer.whenIdle();
    expect((await store.getRun(live.runId))?.heartbeatAt).toBe(50_000);
    expect((await store.getRun(ended.runId))?.heartbeatAt).toBe(1_000);
  });
});
