import type { KernelReplies, KernelRequest, RunEvent } from '../protocol/messages';
import type { ExecutedCellsLog, RunEnvironment } from '../model/runs/runTypes';
import type { DisplayOutput } from '../model/notebook/displayOutput';

/** What the SDK needs from the kernel it runs in: a way to ask the session, to stream run data, and to warn or show things in the cell. */
export interface SdkHost {
  request<K extends KernelRequest['kind']>(request: Extract<KernelRequest, { kind: K }>, transfer?: Transferable[]): Promise<KernelReplies[K]>;
  emit(event: RunEvent, transfer: Transferable[]): void;
  /** Hands the session executed cells (and their new sources) that runs refer to. */
  recordCells(log: ExecutedCellsLog): void;
  environment(): RunEnvironment;
  warn(message: string): void;
  /** Shows a rich output under the running cell; a later show with the same displayId replaces it. */
  show(output: DisplayOutput, displayId?: string): void;
}
