import { mlflowKeys } from './mlflow/mlflowKeys';
import { sha256HexOfText } from '../lib/contentHash';
import type { ChunkRecord } from '../model/history/historyChunks';
import { flattenConfig } from '../model/runs/configFlatten';
import type { RunRecord, RunState } from '../model/runs/runTypes';
import { stepWallTimes, TIMESTAMP_METRIC } from './historyExports';

/** MLflow's RunStatus enum (service.proto), as its file store keeps a run's status in meta.yaml. */
const RUN_STATUS: Record<RunState, number> = { running: 1, finished: 3, failed: 4, killed: 5, crashed: 4 };
/** SourceType.LOCAL, what the file store writes for every run it creates. */
const SOURCE_TYPE_LOCAL = 4;
/** The longest param value `mlflow.log_param` takes (MLflow 2's MAX_PARAM_VAL_LENGTH): a longer one is cut there. */
const MAX_PARAM_VALUE = 6000;

/**
 * Runs of `project` as MLflow's file store (`mlruns/`, what `mlflow ui` and `mlflow server --backend-store-uri
 * ./mlruns` read), by path, for the caller to zip: the project as one experiment, and per run its meta.yaml, a file
 * per metric (`timestamp_ms value step` lines), per flattened config key (params) and per tag, and an empty artifacts
 * folder (paths ending in `/` are folders, which fflate's zipSync writes as folder entries). Artifact locations are
 * relative (`./mlruns/…`): they resolve against the folder `mlflow ui` starts in, the one `mlruns/` is unzipped in.
 * A metric line's time is its step's `_timestamp` (the run's start where a step has none), its step rounded to an
 * integer, as MLflow's steps are. Run ids become MLflow's 32 hex digits (runUuid); the Labbook id stays as the tag
 * `labbook.run_id`, notes become `mlflow.note.content` (the run page's description) and the group `labbook.group`.
 */
export function mlrunsFiles(project: string, runs: readonly { run: RunRecord; history: readonly ChunkRecord[] }[], experimentId = '1'): Record<string, Uint8Array> {
  const experiment = `mlruns/${experimentId}`;
  const text: Record<string, string> = {
    [`${experiment}/meta.yaml`]: yaml({
      artifact_location: `./${experiment}`,
      creation_time: runs.length ? Math.min(...runs.map(({ run }) => run.createdAt)) : 0,
      experiment_id: experimentId,
      last_update_time: runs.length ? Math.max(...runs.map(({ run }) => run.updatedAt)) : 0,
      lifecycle_stage: 'active',
      name: project,
    }),
  };
  for (const { run, history } of runs) Object.assign(text, runFiles(experimentId, run, history));
  const files: Record<string, Uint8Array> = {};
  for (const [path, content] of Object.entries(text)) files[path] = new TextEncoder().encode(content);
  return files;
}

/** MLflow's run id for a Labbook run: the id's UTF-8 as hex, zero-padded to 32 digits; an id too long for that, hashed. */
export function runUuid(id: string): string {
  const hex = Array.from(new TextEncoder().encode(id), (b) => b.toString(16).padStart(2, '0')).join('');
  return hex.length <= 32 ? hex.padStart(32, '0') : sha256HexOfText(id).slice(0, 32);
}

function runFiles(experimentId: string, run: RunRecord, history: readonly ChunkRecord[]): Record<string, string> {
  const uuid = runUuid(run.id);
  const dir = `mlruns/${experimentId}/${uuid}`;
  const endTime = run.finishedAt ?? (run.state === 'running' ? null : run.heartbeatAt);
  const files: Record<string, string> = {
    [`${dir}/meta.yaml`]: yaml({
      artifact_uri: `./${dir}/artifacts`,
      end_time: endTime,
      entry_point_name: '',
      experiment_id: experimentId,
      lifecycle_stage: 'active',
      run_id: uuid,
      run_name: run.name,
      run_uuid: uuid,
      source_name: '',
      source_type: SOURCE_TYPE_LOCAL,
      source_version: '',
      start_time: run.createdAt,
      status: RUN_STATUS[run.state],
      tags: [],
      user_id: '',
    }),
    // The folders MLflow makes for every run, present even when empty.
    [`${dir}/metrics/`]: '',
    [`${dir}/params/`]: '',
    [`${dir}/artifacts/`]: '',
  };
  const timeAt = stepWallTimes(history);
  // A metric file without a line fails MLflow's read of the whole run ("No data found").
  const series = history.filter((s) => s.metric !== TIMESTAMP_METRIC && s.steps.length > 0);
  const metricKeys = mlflowKeys(series.map((s) => s.metric));
  for (const s of series) {
    const lines = Array.from(s.steps, (step, i) => `${Math.round((timeAt.get(step) ?? run.createdAt / 1000) * 1000)} ${pythonFloat(s.values[i]!)} ${Math.round(step)}\n`);
    files[`${dir}/metrics/${metricKeys.get(s.metric)!}`] = lines.join('');
  }
  const params = Object.entries(flattenConfig(run.config));
  const paramKeys = mlflowKeys(params.map(([key]) => key));
  for (const [key, value] of params) files[`${dir}/params/${paramKeys.get(key)!}`] = String(value).slice(0, MAX_PARAM_VALUE);
  const named: [string, string][] = [
    ['mlflow.runName', run.name],
    ['labbook.run_id', run.id],
    ...(run.notes ? [['mlflow.note.content', run.notes] as [string, string]] : []),
    ...(run.group !== null ? [['labbook.group', run.group] as [string, string]] : []),
  ];
  const reserved = new Set(named.map(([key]) => key));
  // A Labbook tag has no value: its name is the MLflow tag's key (one named like a tag above would blank that one out).
  const tags = [...named, ...run.tags.filter((tag) => !reserved.has(tag)).map((tag): [string, string] => [tag, ''])];
  const tagKeys = mlflowKeys(tags.map(([key]) => key));
  for (const [key, value] of tags) files[`${dir}/tags/${tagKeys.get(key)!}`] = value;
  return files;
}

/**
 * A metric value as the file store's reader (Python's `float()`) takes it: `nan`, `inf` and `-inf` as Python writes
 * them; any other number in JavaScript's shortest round-trip form, which `float()` reads back to the same double.
 */
function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(value);
}

type YamlValue = string | number | null | readonly never[];

/**
 * A flat YAML mapping, keys in the order given (MLflow writes them sorted). Strings are double-quoted with JSON's
 * escapes, which YAML's double-quoted style shares, plus `\u` escapes for the characters YAML does not allow
 * unescaped (DEL, C1 controls, U+FFFE/U+FFFF), so no name or path can break out of its line.
 */
function yaml(fields: Record<string, YamlValue>): string {
  const scalar = (value: YamlValue) =>
    typeof value === 'string'
      ? JSON.stringify(value).replace(/[\u007f-\u009f\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
      : value === null
        ? 'null'
        : typeof value === 'number'
          ? String(value)
          : '[]';
  return Object.entries(fields)
    .map(([key, value]) => `${key}: ${scalar(value)}\n`)
    .join('');
}
