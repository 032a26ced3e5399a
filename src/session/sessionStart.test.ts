import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { SessionMessage } from '../protocol/messages';
import { ChangeFeed } from '../store/changeFeed';
import { openStore } from '../store/labbookStore';
import { uniqueDbName } from '../store/testRuns';
import type { KernelPort } from './kernelPort';
import { Session } from './session';

/** A kernel that only records what it is sent (it never answers, so the session stays starting). */
function recordingKernel(): { port: KernelPort; received: SessionMessage[] } {
  const received: SessionMessage[] = [];
  const port: KernelPort = { postMessage: (message) => received.push(message), addEventListener: () => undefined, terminate: () => undefined };
  return { port, received };
}

describe('Session before its kernel exists', () => {
  it('execute() sent before start() reaches the kernel once it is created, in order', async () => {
    const store = await openStore({ name: uniqueDbName('session-start'), feed: new ChangeFeed(uniqueDbName('feed')) });
    const kernel = recordingKernel();
    const session = new Session({ store, createKernel: () => kernel.port });
    void session.execute('1 + 1');
    void session.execute('2 + 2');
    expect(kernel.received).toEqual([]);
    void session.start();
    await expect.poll(() => kernel.received.map((m) => m.type === 'execute' && m.code)).toEqual(['1 + 1', '2 + 2']);
    store.close();
  });
});
