import type { ExecutionError } from '../model/notebook/cellRun';
import type { DisplayOutput } from '../model/notebook/displayOutput';
import type { CellLanguage } from '../model/notebook/notebook';
import type { HistoryBatch } from '../model/history/historyBatch';
import type { MediaFile, TableLog } from '../model/tables/tableTypes';
import type { StepMetrics } from '../model/runs/stepMetrics';
import type { InitFields } from '../model/runs/initOptions';
import type { ConfigTree, ExecutedCellsLog, RunCode, RunEnvironment } from '../model/runs/runTypes';

/** Bumped when a message shape changes; kernel and session refuse to talk across versions. */
export const PROTOCOL_VERSION = 6;

/**
 * What init() asks the session to create: its checked options, and where and from what code it runs. The kernel picks
 * the id, so that `wandb.init()` hands back a run that logs at once; the session creates the record before storing
 * anything the run sends after this request.
 */
export interface InitRunRequest extends InitFields {
  kind: 'initRun';
  runId: string;
  environment: RunEnvironment;
  code: RunCode;
}

/** Ends a run with its last unflushed points (one write, not two); answered once everything the run logged is stored. */
export interface FinishRunRequest {
  kind: 'finishRun';
  runId: string;
  state: 'finished' | 'failed' | 'killed';
  exitCode: number;
  error: string | null;
  batch: HistoryBatch;
  summary: Record<string, number>;
}

/** Requests the kernel makes of the session, each answered by a reply with the same id. */
export type KernelRequest = InitRunRequest | FinishRunRequest;

/** Replies to KernelRequest, by kind. */
export interface KernelReplies {
  initRun: { runId: string; name: string };
  finishRun: { stored: boolean };
}

/**
 * Run data the kernel streams to the session, applied in order. History batches are numbered per run (`seq` from 1)
 * and acknowledged with a `stored` message once written, which is how the SDK bounds the points in flight.
 */
export type RunEvent =
  | { kind: 'history'; runId: string; seq: number; batch: HistoryBatch; summary: Record<string, number> }
  | { kind: 'config'; runId: string; config: ConfigTree }
  /** Every step metric the run defined so far (define_metric's `step_metric`), sent whole when one is added. */
  | { kind: 'stepMetrics'; runId: string; stepMetrics: StepMetrics }
  | { kind: 'warning'; runId: string; message: string }
  /** One log of a table key, encoded, with the media files its images need that this kernel has not sent before. */
  | { kind: 'table'; runId: string; log: TableLog; media: MediaFile[] }
  /** A cell ran while the run was open: its code now spans its kernel's first `cells` executions. */
  | { kind: 'code'; runId: string; cells: number };

/** Which notebook cell an execution came from. */
export interface CellOrigin {
  notebookId: string;
  cellId: string;
}

/** The top-level names a cell defines and the free names it reads (null when it did not compile). */
export interface CellNames {
  declared: string[];
  reads: string[];
}

/** Session → kernel. */
export type SessionMessage =
  | { type: 'execute'; executionId: number; code: string; language: CellLanguage; origin: CellOrigin | null }
  | { type: 'reply'; id: number; ok: true; value: KernelReplies[KernelRequest['kind']] }
  | { type: 'reply'; id: number; ok: false; error: string }
  | { type: 'runStopped'; runId: string; reason: string }
  /** Every history batch of the run up to number `upTo` is stored. */
  | { type: 'stored'; runId: string; upTo: number }
  | { type: 'interrupt' };

/** Kernel → session. */
export type KernelMessage =
  | { type: 'ready'; protocolVersion: number; environment: RunEnvironment }
  | { type: 'heartbeat' }
  | { type: 'stream'; executionId: number; stream: 'stdout' | 'stderr'; text: string }
  /** A rich output of the running cell; a later one with the same displayId replaces it (a progress bar advancing). */
  | { type: 'display'; executionId: number; displayId: string | null; output: DisplayOutput }
  /** `display` is the result as plain text (Jupyter's text/plain), `rich` the same value as the notebook shows it. */
  | { type: 'executed'; executionId: number; ok: true; display: string | null; rich: DisplayOutput | null; names: CellNames | null }
  | { type: 'executed'; executionId: number; ok: false; error: ExecutionError; names: CellNames | null }
  | { type: 'request'; id: number; request: KernelRequest }
  /** Executed cells a run refers to, sent before the run (or its code event) that needs them. */
  | { type: 'executedCells'; log: ExecutedCellsLog }
  | { type: 'run'; event: RunEvent };
