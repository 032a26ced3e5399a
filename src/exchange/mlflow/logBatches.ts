import { firstCodePoints } from './mlflowKeys';

/**
 * MLflow's limits on `runs/log-batch` (mlflow/utils/validation.py): items per request by kind and in all, the
 * request's size, and the longest param and tag values (longer ones the server cuts without saying so).
 */
export const LOG_BATCH_LIMITS = {
  metrics: 1000,
  paramsOrTags: 100,
  entities: 1000,
  requestBytes: 1_000_000,
  paramValue: 6000,
  tagValue: 5000,
} as const;

/** Bytes kept free under the request limit: the server measures the parsed request, not our bytes. */
const REQUEST_MARGIN = 4096;

/** A metric point as log-batch takes it: proto3 JSON, timestamps in int64 milliseconds, steps int64. */
export interface MetricPoint {
  key: string;
  /** A number, or proto3 JSON's "NaN", "Infinity" or "-Infinity", which JSON has no number for. */
  value: number | 'NaN' | 'Infinity' | '-Infinity';
  timestamp: number;
  step: number;
}

export interface KeyValue {
  key: string;
  value: string;
}

/** The body of one `POST /api/2.0/mlflow/runs/log-batch`. */
export interface LogBatchRequest {
  run_id: string;
  metrics: MetricPoint[];
  params: KeyValue[];
  tags: KeyValue[];
}

/** What a run has to send: keys already mapped (mlflowKeys), values as they are. */
export interface RunLog {
  metrics: readonly { key: string; value: number; timestamp: number; step: number }[];
  params: readonly KeyValue[];
  tags: readonly KeyValue[];
}

/** The packed requests, and the keys whose values were cut to MLflow's limit (to say so on the run). */
export interface PackedLog {
  requests: LogBatchRequest[];
  truncated: string[];
}

/** Bytes of the text as UTF-8, counted without encoding it (a lone surrogate counts 4, more than it takes: safe). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** A metric value as proto3 JSON writes a double. */
export function metricValue(value: number): MetricPoint['value'] {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

/**
 * Packs a run's points, params and tags into as few log-batch requests as the limits allow, in order: params and tags
 * first (a run's config arrives before its points), then metrics. Every request keeps every limit, and its JSON is
 * under the size limit with a margin; param and tag values past their limits are cut here, by code points as the
 * server counts, and named in `truncated`. Nothing is dropped or repeated: the requests hold every item once.
 */
export function packLogBatches(runId: string, log: RunLog): PackedLog {
  const truncated: string[] = [];
  const cut = (item: KeyValue, limit: number): KeyValue => {
    const value = firstCodePoints(item.value, limit);
    if (value !== item.value) truncated.push(item.key);
    return value === item.value ? item : { key: item.key, value };
  };
  const items: { kind: 'params' | 'tags' | 'metrics'; item: KeyValue | MetricPoint }[] = [
    ...log.params.map((p) => ({ kind: 'params' as const, item: cut(p, LOG_BATCH_LIMITS.paramValue) })),
    ...log.tags.map((t) => ({ kind: 'tags' as const, item: cut(t, LOG_BATCH_LIMITS.tagValue) })),
    ...log.metrics.map((m) => ({ kind: 'metrics' as const, item: { key: m.key, value: metricValue(m.value), timestamp: m.timestamp, step: m.step } })),
  ];
  const requests: LogBatchRequest[] = [];
  const empty = (): LogBatchRequest => ({ run_id: runId, metrics: [], params: [], tags: [] });
  const baseBytes = utf8Length(JSON.stringify(empty()));
  let current = empty();
  let bytes = baseBytes;
  let count = 0;
  for (const { kind, item } of items) {
    // The item's JSON and the comma before it.
    const itemBytes = utf8Length(JSON.stringify(item)) + 1;
    const full =
      count === LOG_BATCH_LIMITS.entities ||
      current[kind].length === (kind === 'metrics' ? LOG_BATCH_LIMITS.metrics : LOG_BATCH_LIMITS.paramsOrTags) ||
      bytes + itemBytes > LOG_BATCH_LIMITS.requestBytes - REQUEST_MARGIN;
    if (full && count > 0) {
      requests.push(current);
      [current, bytes, count] = [empty(), baseBytes, 0];
    }
    (current[kind] as (KeyValue | MetricPoint)[]).push(item);
    bytes += itemBytes;
    count++;
  }
  if (count > 0) requests.push(current);
  return { requests, truncated };
}
