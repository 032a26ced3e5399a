import { describe, expect, it } from 'vitest';
import { deferred } from '../lib/deferred';
import { FitCallback, type CallbackTarget } from './fitCallback';

/** A run that records what is logged and says there is no room while `room` is pending. */
function fakeRun(room: Promise<void> | null) {
  const logged: Record<string, unknown>[] = [];
  const run: CallbackTarget = {
    log: (dict) => logged.push(dict),
    defineMetric: () => undefined,
    whenRoomToLog: () => room,
    config: { update: () => undefined },
  };
  return { run, logged };
}

describe('FitCallback backpressure', () => {
  it('onBatchEnd logs the batch and returns at once while the run has room', async () => {
    const { run, logged } = fakeRun(null);
    await new FitCallback({ run, show: () => undefined }).onBatchEnd(0, { loss: 0.5 });
    expect(logged).toEqual([{ 'batch/loss': 0.5, 'batch/step': 0 }]);
  });

  it('onBatchEnd waits, after logging, until the run has room again (IndexedDB caught up)', async () => {
    const room = deferred<void>();
    const { run, logged } = fakeRun(room.promise);
    let returned = false;
    const ending = new FitCallback({ run, show: () => undefined }).onBatchEnd(0, { loss: 0.5 }).then(() => (returned = true));
    // The batch is logged (the positive signal that onBatchEnd reached its wait) and training does not go on.
    await expect.poll(() => logged.length).toBe(1);
    expect(returned).toBe(false);
    room.resolve();
    await ending;
    expect(returned).toBe(true);
  });
});
