import type { PageNotes } from './closedPageRuns';
import { startKernel } from '../kernel/kernel';
import type { KernelEndpoint } from '../kernel/kernelEndpoint';
import type { RunEnvironment } from '../model/runs/runTypes';
import type { KernelMessage, SessionMessage } from '../protocol/messages';
import type { LabbookStore } from '../store/labbookStore';
import type { KernelPort } from './kernelPort';
import { Session, type StreamOutput } from './session';

/** The environment the test kernel reports (tfjs is not under test here). */
export const HARNESS_ENVIRONMENT: RunEnvironment = {
  tfjsBackend: 'cpu',
  webgpuAdapter: null,
  userAgent: 'node-test',
  hardwareConcurrency: 2,
  deviceMemoryGb: null,
  appVersion: 'test',
};

/** A kernel and a session talking over a MessageChannel, as the worker and the page do in the app. */
export interface KernelHarness {
  session: Session;
  /** Errors the session reported (storage full, failed writes). */
  errors: string[];
  execute: (code: string, onOutput?: (output: StreamOutput) => void) => ReturnType<Session['execute']>;
  dispose(): void;
}

/** Options of startKernelHarness. */
export interface KernelHarnessOptions {
  store: LabbookStore;
  /** Sees each message the kernel posts, before it goes (its transferred arrays are still readable). */
  fromKernel?: (message: KernelMessage) => void;
  /** Sees each message the session posts to the kernel. */
  fromSession?: (message: SessionMessage) => void;
  /** Where the session notes the runs of a closing page (see closedPageRuns.ts). */
  pageNotes?: PageNotes;
}

/**
 * Starts a kernel and a session on `store` in this process. One per test file: the SDK keeps module-level state
 * (host, current run), so a second kernel in the same module graph would take the first one's SDK.
 */
export async function startKernelHarness(options: KernelHarnessOptions): Promise<KernelHarness> {
  const { port1, port2 } = new MessageChannel();
  // A MessagePort delivers to addEventListener listeners only after start().
  const endpoint: KernelEndpoint = {
    postMessage: (message, transfer) => {
      options.fromKernel?.(message);
      port1.postMessage(message, transfer ?? []);
    },
    addEventListener: (type, listener) => {
      port1.addEventListener(type, listener as EventListener);
      port1.start();
    },
  };
  void startKernel({ endpoint, detectEnvironment: async () => HARNESS_ENVIRONMENT });
  const port: KernelPort = {
    postMessage: (message, transfer) => {
      options.fromSession?.(message);
      port2.postMessage(message, transfer ?? []);
    },
    addEventListener: (type: 'message' | 'error', listener: (event: never) => void) => {
      if (type !== 'message') return; // a MessagePort has no worker 'error' event
      port2.addEventListener('message', listener as EventListener);
      port2.start();
    },
    terminate: () => port2.close(),
  };
  const session = new Session({ store: options.store, createKernel: () => port, pageNotes: options.pageNotes });
  const errors: string[] = [];
  session.onError((message) => errors.push(message));
  await session.start();
  return { session, errors, execute: (code, onOutput) => session.execute(code, { onOutput }), dispose: () => session.dispose() };
}
