import { Float64, Int64, Table, makeData, makeVector, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import type { ChunkRecord } from '../model/history/historyChunks';
import { flattenConfig } from '../model/runs/configFlatten';
import type { RunRecord } from '../model/runs/runTypes';
import { tableToCsv } from '../model/tables/tableCsv';
import { allRows } from '../model/tables/allRows';
import { unionSteps } from '../model/tables/mediaSteps';
import type { TableCell, TableData } from '../model/tables/tableTypes';
import { encodeEventFile, type ScalarPoint } from './tfevents/events';

/**
 * A run's history as a wide table: `_step` first, then a column per metric (sorted), a row per step any metric was
 * logged at, empty where a metric has no value at that step.
 */
function historyTable(history: readonly ChunkRecord[]): TableData {
  const steps = unionSteps(history.map((series) => Array.from(series.steps)));
  const rowOf = new Map(steps.map((step, row) => [step, row]));
  const columns = history.map((series) => {
    const values = new Array<TableCell>(steps.length).fill(null);
    series.steps.forEach((step, i) => (values[rowOf.get(step)!] = series.values[i]!));
    return { name: series.metric, type: 'number' as const, values };
  });
  return { rows: steps.length, columns: [{ name: '_step', type: 'number', values: steps }, ...columns] };
}

/** The history as CSV, as pandas' read_csv reads it (`inf`, `-inf`, `NaN` as pandas writes them). */
export function historyCsv(history: readonly ChunkRecord[]): string {
  const table = historyTable(history);
  return tableToCsv(table, allRows(table.rows));
}

/**
 * The history as a Feather (Arrow IPC file) table, the wide layout of historyTable: `_step` as int64, each metric as
 * float64 with nulls where it has no value at a step, as `pandas.read_feather` reads it (NaN and ±Infinity kept).
 */
export function historyFeather(history: readonly ChunkRecord[]): Uint8Array {
  const table = historyTable(history);
  const [steps, ...metrics] = table.columns;
  const stepValues = steps!.values as readonly number[];
  // Steps are whole numbers unless a cell logged others: then they stay float64 rather than be rounded.
  const vectors: Record<string, Vector> = {
    _step: stepValues.every(Number.isSafeInteger)
      ? makeVector(makeData({ type: new Int64(), length: table.rows, data: BigInt64Array.from(stepValues, (step) => BigInt(step)) }))
      : vectorFromArray(stepValues, new Float64()),
  };
  for (const column of metrics) vectors[column.name] = vectorFromArray(column.values as (number | null)[], new Float64());
  return tableToIPC(new Table(vectors), 'file');
}

/** The metric the SDK keeps each step's wall-clock time in (seconds), as W&B does. */
export const TIMESTAMP_METRIC = '_timestamp';

/** Each step's wall time in seconds, from the `_timestamp` metric; steps it does not cover are absent. */
export function stepWallTimes(history: readonly ChunkRecord[]): Map<number, number> {
  const times = history.find((series) => series.metric === TIMESTAMP_METRIC);
  return new Map(times ? Array.from(times.steps, (step, i) => [step, times.values[i]!]) : []);
}

/**
 * The run as a TensorBoard event file: every point as a scalar (float32, as TensorBoard keeps scalars) at its step's
 * wall time (the `_timestamp` metric, which is not written as a scalar; the run's start where a step has none), and
 * the config twice: as a JSON text summary named `config`, which "Open TensorBoard logs…" reads back as the nested
 * config, and flattened (dotted keys) as the hparams plugin's session start, which TensorBoard's HPARAMS tab shows.
 */
export function historyEventFile(run: RunRecord, history: readonly ChunkRecord[]): Uint8Array {
  const start = run.createdAt / 1000;
  const timeAt = stepWallTimes(history);
  const points: ScalarPoint[] = history
    .filter((series) => series.metric !== TIMESTAMP_METRIC)
    .flatMap((series) => Array.from(series.steps, (step, i) => ({ tag: series.metric, step, wallTime: timeAt.get(step) ?? start, value: series.values[i]! })));
  return encodeEventFile(points, [{ tag: 'config', step: 0, text: JSON.stringify(run.config) }], start, flattenConfig(run.config));
}
