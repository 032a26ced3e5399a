import type { KernelMessage, SessionMessage } from '../protocol/messages';

/** The kernel's end of the connection: the worker's global scope, or a MessagePort in Node tests. */
export interface KernelEndpoint {
  postMessage(message: KernelMessage, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<SessionMessage>) => void): void;
}
