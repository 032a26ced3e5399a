import { describe, expect, it } from 'vitest';
import { testRun } from '../store/testRuns';
import { tableFromIPC } from 'apache-arrow';
import { historyCsv, historyEventFile, historyFeather } from './historyExports';
import { decodeEventFile } from './tfevents/events';
import { readLogdir } from './tfevents/logdir';

const history = [
  { runId: 'r', metric: 'loss', chunk: 0, steps: Float64Array.of(0, 1, 2), values: Float64Array.of(1, 0.5, NaN) },
  { runId: 'r', metric: 'val/acc', chunk: 0, steps: Float64Array.of(1, 3), values: Float64Array.of(0.25, Infinity) },
];

describe('history exports', () => {
  it('writes the history wide, _step first, empty where a metric has no value at a step', () => {
    expect(historyCsv(history)).toBe(['_step,loss,val/acc', '0,1,', '1,0.5,0.25', '2,NaN,', '3,,inf', ''].join('\n'));
  });

  it('writes Feather with int64 steps and float64 metrics, nulls where a metric has no value, NaN and infinity kept', () => {
    const table = tableFromIPC(historyFeather(history));
    expect(table.schema.fields.map((f) => [f.name, String(f.type)])).toEqual([
      ['_step', 'Int64'],
      ['loss', 'Float64'],
      ['val/acc', 'Float64'],
    ]);
    expect(Array.from(table.getChild('_step')!.toArray() as BigInt64Array, Number)).toEqual([0, 1, 2, 3]);
    expect(table.getChild('loss')!.toJSON()).toEqual([1, 0.5, NaN, null]);
    expect(table.getChild('val/acc')!.toJSON()).toEqual([null, 0.25, null, Infinity]);
  });

  it('writes an event file that reads back as the same run: scalars by step at their wall times, the config, and the config as hparams', () => {
    const run = testRun({ id: 'r', project: 'p', config: { lr: 0.5, model: { layers: 3 } }, createdAt: 1_700_000_000_000 });
    const timestamps = { runId: 'r', metric: '_timestamp', chunk: 0, steps: Float64Array.of(0, 1, 2), values: Float64Array.of(1_700_000_001, 1_700_000_002.5, 1_700_000_004) };
    const file = historyEventFile(run, [timestamps, ...history]);
    const decoded = decodeEventFile(file);
    expect(decoded.scalars.filter((p) => p.tag === 'loss').map((p) => [p.step, p.value])).toEqual([
      [0, 1],
      [1, 0.5],
      [2, NaN],
    ]);
    expect(decoded.hparams).toEqual({ lr: 0.5, 'model.layers': 3 });
    const [again] = readLogdir([{ path: 'logs/r/events.out.tfevents.1700000000.labbook', bytes: file }]).runs;
    expect(again!.config).toEqual({ lr: 0.5, model: { layers: 3 } });
    expect(Array.from(again!.metrics.get('val/acc')!.values)).toEqual([0.25, Infinity]);
    expect([...again!.metrics.keys()].sort()).toEqual(['loss', 'val/acc']);
    expect(decoded.scalars.filter((p) => p.tag === 'loss').map((p) => p.wallTime)).toEqual([1_700_000_001, 1_700_000_002.5, 1_700_000_004]);
    // Step 3 has no timestamp: the run's start.
    expect(decoded.scalars.find((p) => p.tag === 'val/acc' && p.step === 3)!.wallTime).toBe(1_700_000_000);
  });
});
