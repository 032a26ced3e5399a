import { flattenConfig } from '../../model/runs/configFlatten';
import type { RunRecord, RunState } from '../../model/runs/runTypes';
import type { LabbookStore } from '../../store/labbookStore';
import { TIMESTAMP_METRIC, stepWallTimes } from '../historyExports';
import { LOG_BATCH_LIMITS, packLogBatches, type KeyValue } from './logBatches';
import { MlflowRequestError, type MlflowClient, type MlflowRunStatus } from './mlflowClient';
import { firstCodePoints, MAX_KEY_LENGTH, mlflowKeys } from './mlflowKeys';

/**
 * What a run's sync has had acknowledged by the server (a 200): its MLflow run, how many points of each metric, the
 * params and tags sent, and whether its end was sent. Advanced only after an answer, and saved after each, so a
 * reload, an offline spell or a server restart resumes where the server is, and no point is sent twice.
 */
export interface RunSyncState {
  runId: string;
  /** The server it was synced to: another server starts over. */
  server: string;
  mlflowRunId: string | null;
  /** Points acknowledged, by Labbook metric name. */
  sentPoints: Record<string, number>;
  /** The MLflow key each metric was sent under (absent in states saved before keys were kept): fixed once used. */
  metricKeys?: Record<string, string>;
  /** The same for config keys sent as params. */
  paramKeys?: Record<string, string>;
  /** Param values acknowledged, by MLflow key: MLflow keeps a param's first value for good. */
  sentParams: Record<string, string>;
  /** The state whose end (runs/update) was acknowledged, or null. */
  sentEnd: RunState | null;
  /** A permanent refusal (a 4xx): the server's words; null while syncing works. */
  failure: string | null;
  /** Params changed after they were sent: sent as tags `labbook.config_changed.<key>` and shown as conflicts. */
  conflicts: string[];
  /**
   * A write went out and no answer came back (the network dropped mid-request): the server may have applied it. The
   * next sync asks the server what it has (the run by its Labbook tag, each metric's point count) before sending.
   */
  uncertain?: boolean;
}

/** Where sync states are kept: the store's settings, a record per run. */
export const syncStateKey = (runId: string) => `sync:${runId}`;

/** A config key changed after its param was sent goes as this tag (MLflow keeps a param's first value). */
const CONFLICT_TAG = 'labbook.config_changed.';

const STATUS: Record<Exclude<RunState, 'running'>, MlflowRunStatus> = { finished: 'FINISHED', failed: 'FAILED', killed: 'KILLED', crashed: 'FAILED' };

/** Points a run has that its sync state does not have acknowledged, over all metrics. */
export function pendingPoints(state: RunSyncState | undefined, counts: Readonly<Record<string, number>>): number {
  return Object.entries(counts).reduce((sum, [metric, count]) => sum + Math.max(0, count - (state?.sentPoints[metric] ?? 0)), 0);
}

/**
 * Sends what the server does not have of one run, in order: the run (made in the project's experiment, tagged with its
 * Labbook id), params never sent, each metric's points past what was acknowledged (packed within MLflow's limits, the
 * state saved after every answered request), then its end once it has ended. A params change after sending goes as a
 * tag and a conflict, never as a param (MLflow refuses a changed param, and would refuse it on every retry).
 * Throws the client's MlflowRequestError: its outcome says whether to retry; a permanent one is saved as `failure`.
 */
export async function syncRun(store: LabbookStore, client: MlflowClient, server: string, runId: string): Promise<RunSyncState> {
  const run = await store.getRun(runId);
  if (!run) throw new Error(`run ${runId} does not exist`);
  const saved = await store.getSetting<RunSyncState>(syncStateKey(runId));
  let state: RunSyncState = saved && saved.server === server ? saved : { runId, server, mlflowRunId: null, sentPoints: {}, sentParams: {}, sentEnd: null, failure: null, conflicts: [] };
  const save = async (next: RunSyncState) => {
    state = next;
    await store.setSetting(syncStateKey(runId), next);
  };
  try {
    if (state.uncertain) await save({ ...(await reconcile(store, client, run, state)), uncertain: false });
    if (state.mlflowRunId === null) {
      const experiment = await client.experimentId(run.project);
      const tags = [{ key: 'labbook.run_id', value: run.id }, ...(run.notes ? [{ key: 'mlflow.note.content', value: run.notes }] : [])];
      await save({ ...state, mlflowRunId: await client.createRun(experiment, run.name, run.createdAt, tags), failure: null });
    }
    await sendParams(client, run, () => state, save);
    await sendHistory(store, client, run, () => state, save);
    if (run.state !== 'running' && state.sentEnd !== run.state) {
      await client.updateRun(state.mlflowRunId!, STATUS[run.state], run.finishedAt ?? run.heartbeatAt);
      await save({ ...state, sentEnd: run.state });
    }
    if (state.failure !== null) await save({ ...state, failure: null });
  } catch (error) {
    if (error instanceof MlflowRequestError && error.outcome.kind === 'failed') await save({ ...state, failure: error.outcome.message });
    else if (error instanceof MlflowRequestError && error.status === null) await save({ ...state, uncertain: true });
    throw error;
  }
  return state;
}

/**
 * What the server really has after a write whose answer was lost: the run made (found by its `labbook.run_id` tag),
 * and each metric's point count. Points go out in order, a metric's in step order, so the count is how many of its
 * points the server has: sending resumes there, and a lost answer never makes a duplicate.
 */
async function reconcile(store: LabbookStore, client: MlflowClient, run: RunRecord, state: RunSyncState): Promise<RunSyncState> {
  if (state.mlflowRunId === null) {
    const found = await client.runWithTag(await client.experimentId(run.project), 'labbook.run_id', run.id);
    return found === null ? state : { ...state, mlflowRunId: found };
  }
  const metrics = (await store.listMetrics(run.id)).filter((metric) => metric !== TIMESTAMP_METRIC);
  const keys = mlflowKeys(metrics, state.metricKeys);
  const sentPoints = { ...state.sentPoints };
  for (const metric of metrics) sentPoints[metric] = await client.metricPointCount(state.mlflowRunId, keys.get(metric)!);
  return { ...state, sentPoints };
}

type Save = (next: RunSyncState) => Promise<void>;

async function sendParams(client: MlflowClient, run: RunRecord, current: () => RunSyncState, save: Save): Promise<void> {
  const state = current();
  const flat = Object.entries(flattenConfig(run.config)).map(([name, value]) => ({ name, value: value === null ? 'None' : String(value) }));
  const keys = mlflowKeys(flat.map((entry) => entry.name), state.paramKeys);
  const paramKeys = Object.fromEntries(keys);
  const unsent: KeyValue[] = [];
  const changed: KeyValue[] = [];
  // Conflict tag key → the param's key (a tag key is cut to MLflow's 250 code points).
  const paramOfTag = new Map<string, string>();
  for (const { name, value } of flat) {
    const key = keys.get(name)!;
    const sent = state.sentParams[key];
    if (sent === undefined) unsent.push({ key, value });
    else if (sent !== firstCodePoints(value, LOG_BATCH_LIMITS.paramValue) && !state.conflicts.includes(key)) {
      const tag = firstCodePoints(`${CONFLICT_TAG}${key}`, MAX_KEY_LENGTH);
      paramOfTag.set(tag, key);
      changed.push({ key: tag, value });
    }
  }
  if (unsent.length === 0 && changed.length === 0) return;
  const { requests } = packLogBatches(state.mlflowRunId!, { metrics: [], params: unsent, tags: changed });
  for (const request of requests) {
    await client.logBatch(request);
    const now = current();
    const sentParams = { ...now.sentParams, ...Object.fromEntries(request.params.map((p) => [p.key, p.value])) };
    const conflicts = [...now.conflicts, ...request.tags.map((t) => paramOfTag.get(t.key)!)];
    await save({ ...now, sentParams, conflicts, paramKeys });
  }
}

async function sendHistory(store: LabbookStore, client: MlflowClient, run: RunRecord, current: () => RunSyncState, save: Save): Promise<void> {
  const state = current();
  const history = await store.readRunHistory(run.id);
  const wallTimes = stepWallTimes(history);
  const series = history.filter((s) => s.metric !== TIMESTAMP_METRIC);
  const keys = mlflowKeys(series.map((s) => s.metric), state.metricKeys);
  const metricKeys = Object.fromEntries(keys);
  const metrics: { key: string; value: number; timestamp: number; step: number; metric: string }[] = [];
  for (const s of series) {
    for (let i = state.sentPoints[s.metric] ?? 0; i < s.steps.length; i++) {
      const step = s.steps[i]!;
      metrics.push({ key: keys.get(s.metric)!, metric: s.metric, value: s.values[i]!, timestamp: Math.round((wallTimes.get(step) ?? run.createdAt / 1000) * 1000), step });
    }
  }
  if (metrics.length === 0) return;
  const { requests } = packLogBatches(state.mlflowRunId!, { metrics, params: [], tags: [] });
  let at = 0;
  for (const request of requests) {
    await client.logBatch(request);
    const sentPoints = { ...current().sentPoints };
    for (const point of metrics.slice(at, at + request.metrics.length)) sentPoints[point.metric] = (sentPoints[point.metric] ?? 0) + 1;
    at += request.metrics.length;
    await save({ ...current(), sentPoints, metricKeys });
  }
}
