import type { KernelMessage, SessionMessage } from '../protocol/messages';

/** The session's end of the kernel connection: a Worker in the app, a MessagePort in Node tests. */
export interface KernelPort {
  postMessage(message: SessionMessage, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<KernelMessage>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent | Event) => void): void;
  terminate(): void;
}
