import { Field, Float64, List, Table, Utf8, makeData, makeVector, tableFromIPC, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import { errorMessage } from '../../lib/errorMessage';
import { concatFloat64 } from '../../lib/concatArrays';
import type { HistoryBatch } from '../../model/history/historyBatch';
import type { ChunkRecord } from '../../model/history/historyChunks';
import { MAX_METRIC_KEY_LENGTH } from '../../model/runs/logValues';
import { BundleError } from './bundleError';

/**
 * A run's history as an Arrow IPC file of one row per metric: `metric` (utf8), `steps` and `values` (lists of
 * float64). Lists rather than a wide table because metrics are logged at different steps, and a step may repeat: each
 * metric's points come back exactly as stored, bit for bit (NaN payloads and ±Infinity included). pyarrow and pandas
 * read it (`explode` gives a long table).
 */
export function encodeRunHistory(history: readonly ChunkRecord[]): Uint8Array {
  const offsets = new Int32Array(history.length + 1);
  history.forEach((series, i) => (offsets[i + 1] = offsets[i]! + series.steps.length));
  const listOf = (flat: Float64Array): Vector =>
    makeVector(makeData({ type: new List(new Field('item', new Float64(), false)), length: history.length, nullCount: 0, valueOffsets: offsets, child: makeData({ type: new Float64(), length: flat.length, data: flat }) }));
  const table = new Table({
    metric: vectorFromArray(
      history.map((series) => series.metric),
      new Utf8(),
    ),
    steps: listOf(concatFloat64(history.map((series) => series.steps))),
    values: listOf(concatFloat64(history.map((series) => series.values))),
  });
  return tableToIPC(table, 'file');
}

const EXPECTED_SCHEMA = 'metric: Utf8, steps: List<Float64>, values: List<Float64>';

/**
 * Reads history.arrow back as one batch for the store, refusing what the store could not hold as logged: another
 * schema, nulls, a metric named twice or past the name limit, steps and values of different lengths, steps that are
 * not whole numbers from 0 to 2^53 or go backwards. `path` names the file in messages.
 */
export function decodeRunHistory(bytes: Uint8Array, path: string): HistoryBatch {
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (error) {
    throw new BundleError(`${path} is not an Arrow IPC file (${errorMessage(error)})`);
  }
  const schema = table.schema.fields.map((field) => `${field.name}: ${String(field.type)}`).join(', ');
  if (schema !== EXPECTED_SCHEMA) throw new BundleError(`${path} has columns "${schema.slice(0, 300)}", not "${EXPECTED_SCHEMA}"`);
  const batch: HistoryBatch = { metrics: [], steps: [], values: [] };
  const names = new Set<string>();
  const [metrics, steps, values] = [table.getChild('metric')!, table.getChild('steps')!, table.getChild('values')!];
  for (let row = 0; row < table.numRows; row++) {
    const metric: unknown = metrics.get(row);
    const stepList = steps.get(row) as Vector | null;
    const valueList = values.get(row) as Vector | null;
    if (typeof metric !== 'string' || metric.length === 0 || metric.length > MAX_METRIC_KEY_LENGTH) {
      throw new BundleError(`${path}, row ${row}: the metric name must be 1 to ${MAX_METRIC_KEY_LENGTH} characters`);
    }
    if (names.has(metric)) throw new BundleError(`${path}: metric "${metric}" is listed twice`);
    names.add(metric);
    if (!stepList || !valueList || stepList.nullCount > 0 || valueList.nullCount > 0) throw new BundleError(`${path}, metric "${metric}": steps and values may not be null`);
    if (stepList.length !== valueList.length) throw new BundleError(`${path}, metric "${metric}": ${stepList.length} steps but ${valueList.length} values`);
    const stepArray = Float64Array.from(stepList.toArray() as Float64Array);
    checkStepOrder(stepArray, `${path}, metric "${metric}"`);
    batch.metrics.push(metric);
    batch.steps.push(stepArray);
    batch.values.push((valueList.toArray() as Float64Array).slice());
  }
  return batch;
}

function checkStepOrder(steps: Float64Array, where: string): void {
  let previous = -Infinity;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    // As run.log takes them: the overview packer and the charts assume whole steps from 0 up.
    if (!Number.isSafeInteger(step) || step < 0) throw new BundleError(`${where}: step ${i} is ${step}, not a whole number from 0 to 2^53`);
    if (step < previous) throw new BundleError(`${where}: step ${step} (point ${i}) comes after step ${previous}; steps must not go backwards`);
    previous = step;
  }
}
