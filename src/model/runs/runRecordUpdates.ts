import type { StepMetrics } from './stepMetrics';
import type { ConfigTree, RunCode, RunEnvironment, RunRecord, RunState } from './runTypes';

/** A run with no heartbeat for this long is taken as crashed (its tab closed or the browser died mid-run). */
export const CRASH_AFTER_MS = 30_000;
/** How often the session refreshes the heartbeat of runs it owns. */
export const HEARTBEAT_INTERVAL_MS = 10_000;
/** Warnings kept per run; later ones are counted, not stored, so a warning in a loop cannot fill the disk. */
export const MAX_WARNINGS = 50;

/** Everything needed to create a run record. */
export interface NewRunFields {
  id: string;
  name: string;
  project: string;
  config: ConfigTree;
  group: string | null;
  tags: string[];
  notes: string;
  environment: RunEnvironment;
  /** Absent for runs made outside a kernel (imports, fixtures). */
  code?: RunCode;
  now: number;
}

/** A fresh running run. */
export function createRunRecord(fields: NewRunFields): RunRecord {
  const { now, ...rest } = fields;
  return {
    ...rest,
    state: 'running',
    summary: {},
    createdAt: now,
    updatedAt: now,
    heartbeatAt: now,
    finishedAt: null,
    exitCode: null,
    error: null,
    warnings: [],
  };
}

/** Applies a flushed batch's summary: the kernel sends the whole summary, so it replaces the stored one. */
export function withSummary(run: RunRecord, summary: Record<string, number>, now: number): RunRecord {
  return { ...reviveIfCrashed(run), summary, updatedAt: now, heartbeatAt: now };
}

/** Replaces the config (the SDK sends it whole when it changed). */
export function withConfig(run: RunRecord, config: ConfigTree, now: number): RunRecord {
  return { ...run, config, updatedAt: now };
}

/** Replaces the metric definitions (the SDK sends them whole when one is added). */
export function withStepMetrics(run: RunRecord, stepMetrics: StepMetrics, now: number): RunRecord {
  return { ...run, stepMetrics, updatedAt: now };
}

/** Extends a run's code to its kernel's first `cells` executions (cells executed while it is open); a small update. */
export function withCodeUpTo(run: RunRecord, cells: number, now: number): RunRecord {
  if (!run.code || cells <= run.code.cells) return run;
  return { ...run, code: { ...run.code, cells }, updatedAt: now };
}

/** Records a warning, keeping at most MAX_WARNINGS. */
export function withWarning(run: RunRecord, message: string, now: number): RunRecord {
  if (run.warnings.length >= MAX_WARNINGS) {
    const overflow = `more than ${MAX_WARNINGS} warnings; later ones were not kept`;
    if (run.warnings[run.warnings.length - 1] === overflow) return run;
    return { ...run, warnings: [...run.warnings, overflow], updatedAt: now };
  }
  return { ...run, warnings: [...run.warnings, message], updatedAt: now };
}

/**
 * Refreshes the heartbeat of a live run. Only the run's owner beats, so a beat is proof of life: a run another tab
 * took for crashed (its owner's timers were throttled in a background tab) is running again.
 */
export function withHeartbeat(run: RunRecord, now: number): RunRecord {
  const live = reviveIfCrashed(run);
  return live.state === 'running' ? { ...live, heartbeatAt: now } : live;
}

/** Undoes a crash verdict on a run whose owner is evidently alive (it is writing to it). */
export function reviveIfCrashed(run: RunRecord): RunRecord {
  return run.state === 'crashed' ? { ...run, state: 'running', error: null, finishedAt: null } : run;
}

/** Options of endRun. */
export interface EndRunOptions {
  state: Exclude<RunState, 'running'>;
  exitCode: number | null;
  error: string | null;
  now: number;
}

/** Moves a run to a final state; a run already ended keeps its first ending. */
export function endRun(run: RunRecord, options: EndRunOptions): RunRecord {
  if (run.state !== 'running') return run;
  const { state, exitCode, error, now } = options;
  return { ...run, state, exitCode, error, finishedAt: now, updatedAt: now, heartbeatAt: now };
}

/** Running runs whose heartbeat is older than CRASH_AFTER_MS, ended as crashed at their last heartbeat. */
export function detectCrashedRuns(runs: readonly RunRecord[], now: number): RunRecord[] {
  return runs
    .filter((run) => run.state === 'running' && now - run.heartbeatAt > CRASH_AFTER_MS)
    .map((run) => ({
      ...endRun(run, {
        state: 'crashed',
        exitCode: null,
        error: `no heartbeat for ${Math.round((now - run.heartbeatAt) / 1000)} s: the tab was closed or the browser stopped while the run was running`,
        now: run.heartbeatAt,
      }),
      updatedAt: now,
    }));
}
