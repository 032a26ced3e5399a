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

/** A cell's source as it was executed in the kernel, for the run's code tab. */
export interface ExecutedCell {
  /** The notebook cell it came from, when it came from one. */
  cellId: string | null;
  source: string;
  /** Content hash, so repeated runs of the same cell are recognisable. */
  hash: string;
  executedAt: number;
}

/** The code that produced a run: every cell executed in the kernel up to its init and while it ran. */
export interface RunCode {
  notebookId: string | null;
  cells: ExecutedCell[];
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
