import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testPython } from '../testPython';
import { decodeRunHistory, encodeRunHistory } from './historyArrow';
import { payloadNaN } from './testBundles';

const history = [
  { runId: 'r', metric: 'loss', chunk: 0, steps: Float64Array.of(0, 1, 1, 2), values: Float64Array.of(1, payloadNaN(), Infinity, -0) },
  { runId: 'r', metric: 'val/acc', chunk: 0, steps: Float64Array.of(0, 10), values: Float64Array.of(0.5, -Infinity) },
];
const bits = (values: Float64Array) => Array.from(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));

describe('history.arrow', () => {
  it('gives back every metric’s steps and the very bits of its values, repeated steps and NaN payloads included', () => {
    const batch = decodeRunHistory(encodeRunHistory(history), 'history.arrow');
    expect(batch.metrics).toEqual(['loss', 'val/acc']);
    expect(batch.steps.map((s) => Array.from(s))).toEqual([[0, 1, 1, 2], [0, 10]]);
    expect(batch.values.map(bits)).toEqual(history.map((series) => bits(series.values)));
  });

  const python = testPython(['pyarrow', 'pandas'], ['pyarrow', 'pandas']);
  it.skipIf('missing' in python)(`is read by pyarrow and exploded by pandas into a long table${'missing' in python ? ` (${python.missing})` : ''}`, () => {
    if ('missing' in python) return;
    const path = join(mkdtempSync(join(tmpdir(), 'history-')), 'history.arrow');
    writeFileSync(path, encodeRunHistory(history));
    const read = JSON.parse(
      python.run(
        "import pyarrow.feather as f, sys, json\nt = f.read_table(sys.argv[1]).to_pandas().explode(['steps', 'values'])\nprint(json.dumps({'types': str(f.read_table(sys.argv[1]).schema), 'rows': len(t), 'metric': list(t['metric']), 'step': [float(s) for s in t['steps']], 'value': [repr(float(v)) for v in t['values']]}))",
        path,
      ),
    );
    expect(read).toMatchObject({ rows: 6, metric: ['loss', 'loss', 'loss', 'loss', 'val/acc', 'val/acc'], step: [0, 1, 1, 2, 0, 10], value: ['1.0', 'nan', 'inf', '-0.0', '0.5', '-inf'] });
    expect(read.types).toMatch(/^metric: string\nsteps: list<item: double not null>\n.*\nvalues: list<item: double not null>/);
  });
});
