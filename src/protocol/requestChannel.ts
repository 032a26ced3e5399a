import { deferred, type Deferred } from '../lib/deferred';
import type { KernelReplies, KernelRequest } from './messages';

/**
 * The kernel side of request/reply: each request gets an id, and the reply with that id settles its promise.
 * Replies to unknown ids (late, after a restart) are dropped.
 */
export class RequestChannel {
  private nextId = 1;
  private readonly pending = new Map<number, Deferred<unknown>>();

  constructor(private readonly send: (id: number, request: KernelRequest, transfer: Transferable[]) => void) {}

  /** Sends a request (transferring `transfer`) and waits for its reply. */
  request<K extends KernelRequest['kind']>(request: Extract<KernelRequest, { kind: K }>, transfer: Transferable[] = []): Promise<KernelReplies[K]> {
    const id = this.nextId++;
    const reply = deferred<unknown>();
    this.pending.set(id, reply);
    this.send(id, request, transfer);
    return reply.promise as Promise<KernelReplies[K]>;
  }

  /** Settles the request a reply answers. */
  settle(id: number, outcome: { ok: true; value: unknown } | { ok: false; error: string }): void {
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.pending.delete(id);
    if (outcome.ok) waiting.resolve(outcome.value);
    else waiting.reject(new Error(outcome.error));
  }
}
