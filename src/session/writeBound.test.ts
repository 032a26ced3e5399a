import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryBatch } from '../model/history/historyBatch';
import type { RunRecord } from '../model/runs/runTypes';
import type { KernelMessage, SessionMessage } from '../protocol/messages';
import { MAX_POINTS_IN_FLIGHT } from '../sdk/run';
import { UnreliableStore } from '../store/testRuns';
import { startKernelHarness, type KernelHarness } from './testKernel';

// One kernel for the whole file: the SDK keeps module-level state (host, current run).

/** Metrics per logged step besides `_timestamp`: 150 points a step, so 10,000 steps are 1.5 M points, over the bound. */
const METRICS = 149;
/** Steps for 2 M points. */
const STEPS = Math.ceil(2_000_000 / (METRICS + 1));

function pointsOf(batch: HistoryBatch): number {
  return batch.steps.reduce((sum, steps) => sum + steps.length, 0);
}

/**
 * Points the kernel has posted that the session has not yet stored, followed message by message: history batches
 * until their acknowledgement, a finish request's last batch until its reply.
 */
class InFlightMeter {
  current = 0;
  max = 0;
  posted = 0;
  /** Points posted before the session acknowledged its first batch (null while none was acknowledged). */
  postedBeforeFirstAck: number | null = null;
  /** Points in flight whenever the cell printed something. */
  readonly atOutput: number[] = [];
  private readonly batches: { runId: string; seq: number; points: number }[] = [];
  private readonly finishing = new Map<number, number>();

  fromKernel(message: KernelMessage): void {
    if (message.type === 'stream') this.atOutput.push(this.current);
    else if (message.type === 'run' && message.event.kind === 'history') {
      const { runId, seq, batch } = message.event;
      this.add(pointsOf(batch));
      this.batches.push({ runId, seq, points: pointsOf(batch) });
    } else if (message.type === 'request' && message.request.kind === 'finishRun') {
      const points = pointsOf(message.request.batch);
      this.add(points);
      this.finishing.set(message.id, points);
    }
  }

  fromSession(message: SessionMessage): void {
    if (message.type === 'stored') {
      this.postedBeforeFirstAck ??= this.posted;
      for (let i = this.batches.length - 1; i >= 0; i--) {
        const batch = this.batches[i]!;
        if (batch.runId !== message.runId || batch.seq > message.upTo) continue;
        this.current -= batch.points;
        this.batches.splice(i, 1);
      }
    } else if (message.type === 'reply') {
      this.current -= this.finishing.get(message.id) ?? 0;
      this.finishing.delete(message.id);
    }
  }

  private add(points: number): void {
    this.posted += points;
    this.current += points;
    this.max = Math.max(this.max, this.current);
  }
}

let store: UnreliableStore;
let kernel: KernelHarness;
let meter: InFlightMeter;

beforeAll(async () => {
  store = await UnreliableStore.open();
  kernel = await startKernelHarness({ store, fromKernel: (m) => meter?.fromKernel(m), fromSession: (m) => meter?.fromSession(m) });
});

afterAll(() => {
  kernel.dispose();
  store.close();
});

async function onlyRun(project: string): Promise<RunRecord> {
  const runs = await store.listRuns(project);
  expect(runs).toHaveLength(1);
  return runs[0]!;
}

/** A cell that logs STEPS steps of METRICS metrics (metric m at step s is s * 1000 + m), with `every10k` after each 10,000. */
function loggingCell(project: string, every10k: string): string {
  return [
    `const run = await init({ project: '${project}' });`,
    'const row: Record<string, number> = {};',
    `for (let s = 0; s < ${STEPS}; s++) {`,
    `  for (let m = 0; m < ${METRICS}; m++) row['m' + m] = s * 1000 + m;`,
    '  run.log(row);',
    `  if ((s + 1) % 10000 === 0) { ${every10k} }`,
    '}',
    'await run.finish();',
  ].join('\n');
}

/** Checks that every metric of the run holds every step, and the values of two of them exactly. */
async function expectEveryPointStored(run: RunRecord): Promise<void> {
  expect(run.state).toBe('finished');
  const counts = await Promise.all([...Array.from({ length: METRICS }, (_, m) => `m${m}`), '_timestamp'].map(async (metric) => (await store.db.get('series', [run.id, metric]))?.count));
  expect(counts).toEqual(new Array(METRICS + 1).fill(STEPS));
  for (const m of [0, METRICS - 1]) {
    const series = await store.series(run.id, `m${m}`, { buckets: STEPS });
    expect(series.exact).toBe(true);
    expect(Array.from(series.last)).toEqual(Array.from({ length: STEPS }, (_, s) => s * 1000 + m));
  }
}

describe('the write path keeps the points in flight under MAX_POINTS_IN_FLIGHT', () => {
  it('2 M points logged with `await run.flush()` every 10,000 steps on a slow disk: never more than the bound in flight, every point stored', async () => {
    meter = new InFlightMeter();
    store.appendDelayMs = 20;
    const outcome = await kernel.execute(loggingCell('flushed', "await run.flush(); console.log('flushed');"));
    store.appendDelayMs = 0;
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true });
    expect(meter.posted).toBe(STEPS * (METRICS + 1));
    expect(meter.max).toBeLessThanOrEqual(MAX_POINTS_IN_FLIGHT);
    // Each 10,000 steps are more than the bound: some batches had to wait for room, and the pipe was kept full.
    expect(meter.max).toBeGreaterThan(MAX_POINTS_IN_FLIGHT / 2);
    // flush() resolved only once everything logged before it was stored.
    expect(meter.atOutput).toEqual([0]);
    await expectEveryPointStored(await onlyRun('flushed'));
  }, 120_000);

  it('a synchronous loop of 2 M points posts no more than the bound until the session acknowledges, and finish() stores them all', async () => {
    meter = new InFlightMeter();
    store.appendDelayMs = 20;
    const outcome = await kernel.execute(loggingCell('unawaited', ''));
    store.appendDelayMs = 0;
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true });
    expect(meter.postedBeforeFirstAck).not.toBeNull();
    expect(meter.postedBeforeFirstAck!).toBeLessThanOrEqual(MAX_POINTS_IN_FLIGHT);
    expect(meter.max).toBeLessThanOrEqual(MAX_POINTS_IN_FLIGHT);
    expect(meter.posted).toBe(STEPS * (METRICS + 1));
    await expectEveryPointStored(await onlyRun('unawaited'));
  }, 120_000);

  it('a write refused for a reason other than space ends the run failed with it, the user is told once, and the next run.log throws it', async () => {
    meter = new InFlightMeter();
    store.failAfter(1);
    const outcome = await kernel.execute(
      [
        "const run = await init({ project: 'disk-error', name: 'broken-disk' });",
        'for (let k = 0; k < 20; k++) {',
        '  for (let i = 0; i < 10; i++) run.log({ loss: k * 10 + i });',
        '  await new Promise((resolve) => setTimeout(resolve, 1100));',
        '}',
      ].join('\n'),
    );
    const reason = 'the run could not be saved: disk I/O error';
    expect(outcome).toMatchObject({ ok: false, error: { message: `run broken-disk was stopped: ${reason}`, position: { line: 3, column: 36 } } });
    const run = await onlyRun('disk-error');
    expect(run).toMatchObject({ state: 'failed', error: reason, summary: { loss: 9 } });
    expect(Array.from((await store.series(run.id, 'loss', { buckets: 100 })).last)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(kernel.errors).toEqual([reason]);
  });
});
