import type { KernelReplies, KernelRequest, RunEvent } from '../protocol/messages';
import type { RunEnvironment } from '../model/runTypes';

/** What the SDK needs from the kernel it runs in: a way to ask the session, to stream run data, and to warn the cell. */
export interface SdkHost {
  request<K extends KernelRequest['kind']>(request: Extract<KernelRequest, { kind: K }>, transfer?: Transferable[]): Promise<KernelReplies[K]>;
  emit(event: RunEvent, transfer: Transferable[]): void;
  environment(): RunEnvironment;
  warn(message: string): void;
}
