import type { StepMetrics } from './stepMetrics';

/** Lifecycle of a run, as W&B names it. */
export type RunState = 'running' | 'finished' | 'failed' | 'killed' | 'crashed';

/** A config value after flattening: what a table cell or a filter compares. */
export type ConfigScalar = string | number | boolean | null;

/** Nested config exactly as the user passed it (JSON-compatible). */
export type ConfigTree = { [key: string]: ConfigValue };
/** Any JSON-compatible config value. */
export type ConfigValue = ConfigScalar | ConfigValue[] | ConfigTree;

/** How a metric's summary value is derived from its history. */
export type SummaryMode = 'last' | 'min' | 'max' | 'mean';

/** Where the run executed: recorded once at init so results can be traced to hardware. */
export interface RunEnvironment {
  tfjsBackend: string | null;
  webgpuAdapter: WebGpuAdapterInfo | null;
  userAgent: string;
  hardwareConcurrency: number | null;
  deviceMemoryGb: number | null;
  appVersion: string;
}

/** The parts of GPUAdapterInfo worth keeping. */
export interface WebGpuAdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
}

/** One execution of a cell in the kernel: which cell, which source (by hash), when. */
export interface ExecutedCell {
  /** The notebook cell it came from, when it came from one. */
  cellId: string | null;
  /** SHA-256 of the source (hex); the source itself is stored once per distinct content, as a CellSource. */
  hash: string;
  executedAt: number;
}

/** A cell's source, stored once however many executions and runs refer to it. */
export interface CellSource {
  hash: string;
  source: string;
}

/** An execution as stored: its place in the log of the kernel that ran it. */
export interface ExecutionRecord extends ExecutedCell {
  kernelId: string;
  /** 0 for the kernel's first execution. */
  index: number;
}

/**
 * Executions the kernel has not yet handed to the store, from its log's `from`-th on, with the sources the store has
 * not been sent before by this kernel (each distinct source goes once per kernel lifetime).
 */
export interface ExecutedCellsLog {
  kernelId: string;
  from: number;
  cells: ExecutedCell[];
  sources: CellSource[];
}

/**
 * The code that produced a run: the first `cells` executions of its kernel's log, which are every cell executed up to
 * its init and while it ran. A reference, so a run's record is the same size however many cells ran before it.
 */
export interface RunCode {
  notebookId: string | null;
  kernelId: string;
  cells: number;
}

/** One cell of a run's code as the run page shows it; `source` is null if it was never stored. */
export interface RunCodeCell extends ExecutedCell {
  source: string | null;
}

/** How a logged table key keeps its versions, as W&B names them. */
export type TableLogMode = 'immutable' | 'mutable' | 'incremental';

/** What a run's record says of one table key, so its page lists tables without reading them. */
export interface RunTableSummary {
  mode: TableLogMode;
  /** Versions (or increments) logged under the key. */
  versions: number;
  /** Rows of the latest version, or of all increments together. */
  rows: number;
  /** Step of the latest log. */
  step: number;
}

/** A run as stored: saved metadata plus the summary the session keeps current. */
export interface RunRecord {
  id: string;
  project: string;
  name: string;
  state: RunState;
  group: string | null;
  tags: string[];
  notes: string;
  config: ConfigTree;
  summary: Record<string, number>;
  environment: RunEnvironment;
  createdAt: number;
  updatedAt: number;
  heartbeatAt: number;
  finishedAt: number | null;
  exitCode: number | null;
  /** Why the run failed or crashed, shown on the run page. */
  error: string | null;
  /** Problems that did not stop the run (e.g. a step that went backwards). */
  warnings: string[];
  /** The code that produced it (absent for runs made before code was recorded). */
  code?: RunCode;
  /** Metrics (by name or `*` glob) plotted against another metric instead of the step: see stepMetrics.ts. */
  stepMetrics?: StepMetrics;
  /** Tables logged by the run, by key. */
  tables?: Record<string, RunTableSummary>;
}

/** A project groups runs; created implicitly by the first init() that names it. */
export interface ProjectRecord {
  name: string;
  createdAt: number;
  updatedAt: number;
}

/** Milliseconds a run has been (or was) alive. */
export function runtimeMs(run: Pick<RunRecord, 'createdAt' | 'finishedAt' | 'heartbeatAt' | 'state'>): number {
  const end = run.finishedAt ?? (run.state === 'running' ? Date.now() : run.heartbeatAt);
  return Math.max(0, end - run.createdAt);
}
