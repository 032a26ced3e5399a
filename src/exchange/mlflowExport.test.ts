import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChunkRecord } from '../model/history/historyChunks';
import { testRun } from '../store/testRuns';
import { mlflowKeys } from './mlflow/mlflowKeys';
import { mlrunsFiles, runUuid } from './mlflowExport';
import { testPython } from './testPython';

const series = (runId: string, metric: string, steps: number[], values: number[]): ChunkRecord => ({ runId, metric, chunk: 0, steps: Float64Array.from(steps), values: Float64Array.from(values) });

const first = testRun({
  id: 'abc12345',
  project: 'mnist',
  name: 'baseline "v1"',
  state: 'finished',
  config: { lr: 0.001, optimizer: { name: 'adam', betas: [0.9, 0.999] }, long: 'x'.repeat(7000), empty: {}, none: null, deep: true },
  tags: ['baseline', 'team:vision'],
  notes: 'first try\nwith a second line',
  group: 'sweep-1',
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_090_000,
  finishedAt: 1_700_000_060_000,
});
const second = testRun({ id: 'zz99zz99', project: 'mnist', name: 'crashed one', state: 'crashed', createdAt: 1_700_000_100_000, updatedAt: 1_700_000_200_000, heartbeatAt: 1_700_000_150_000 });
const runs = [
  {
    run: first,
    history: [
      series('abc12345', '_timestamp', [0, 1], [1_700_000_001, 1_700_000_002.5]),
      series('abc12345', 'train/loss', [0, 1, 2], [1, NaN, 0.25]),
      series('abc12345', 'val:acc', [1, 2], [Infinity, -Infinity]),
    ],
  },
  // A vowel sign is a combining mark, which Python's \w does not match.
  { run: second, history: [series('zz99zz99', 'loss', [0], [1e-7]), series('zz99zz99', 'दि²', [3], [2])] },
];
const decoded = (files: Record<string, Uint8Array>) => Object.fromEntries(Object.entries(files).map(([path, bytes]) => [path, new TextDecoder().decode(bytes)]));
const firstDir = `mlruns/1/${runUuid('abc12345')}`;

describe('mlrunsFiles', () => {
  const files = decoded(mlrunsFiles('mnist', runs));

  it("lays the runs out as MLflow's file store: an experiment, and per run its meta, metrics, params, tags and artifacts", () => {
    expect(runUuid('abc12345')).toBe('00000000000000006162633132333435');
    const secondDir = `mlruns/1/${runUuid('zz99zz99')}`;
    expect(Object.keys(files).sort()).toEqual(
      [
        'mlruns/1/meta.yaml',
        ...['meta.yaml', 'metrics/', 'params/', 'artifacts/', 'metrics/train/loss', 'metrics/val_acc'].map((p) => `${firstDir}/${p}`),
        ...['params/lr', 'params/optimizer.name', 'params/optimizer.betas', 'params/long', 'params/empty', 'params/none', 'params/deep'].map((p) => `${firstDir}/${p}`),
        ...['mlflow.runName', 'labbook.run_id', 'mlflow.note.content', 'labbook.group', 'baseline', 'team_vision'].map((t) => `${firstDir}/tags/${t}`),
        ...['meta.yaml', 'metrics/', 'params/', 'artifacts/', 'metrics/loss', 'metrics/द_²', 'tags/mlflow.runName', 'tags/labbook.run_id'].map((p) => `${secondDir}/${p}`),
      ].sort(),
    );
    expect(files['mlruns/1/meta.yaml']).toBe(
      ['artifact_location: "./mlruns/1"', 'creation_time: 1700000000000', 'experiment_id: "1"', 'last_update_time: 1700000200000', 'lifecycle_stage: "active"', 'name: "mnist"', ''].join('\n'),
    );
    expect(Object.keys(decoded(mlrunsFiles('mnist', runs, '42'))).every((path) => path.startsWith('mlruns/42/'))).toBe(true);
  });

  it("writes a run's meta.yaml with MLflow's numeric status, and its end where it has ended", () => {
    expect(files[`${firstDir}/meta.yaml`]).toBe(
      [
        `artifact_uri: "./${firstDir}/artifacts"`,
        'end_time: 1700000060000',
        'entry_point_name: ""',
        'experiment_id: "1"',
        'lifecycle_stage: "active"',
        `run_id: "${runUuid('abc12345')}"`,
        'run_name: "baseline \\"v1\\""',
        `run_uuid: "${runUuid('abc12345')}"`,
        'source_name: ""',
        'source_type: 4',
        'source_version: ""',
        'start_time: 1700000000000',
        'status: 3',
        'tags: []',
        'user_id: ""',
        '',
      ].join('\n'),
    );
    // Crashed is FAILED (4), ended at its last heartbeat; a running run has no end.
    expect(files[`mlruns/1/${runUuid('zz99zz99')}/meta.yaml`]).toMatch(/^end_time: 1700000150000$[^]*^status: 4$/m);
    const running = decoded(mlrunsFiles('p', [{ run: { ...second, state: 'running' }, history: [] }]));
    expect(running[`mlruns/1/${runUuid('zz99zz99')}/meta.yaml`]).toMatch(/^end_time: null$[^]*^status: 1$/m);
    const killed = decoded(mlrunsFiles('p', [{ run: { ...second, state: 'killed' }, history: [] }]));
    expect(killed[`mlruns/1/${runUuid('zz99zz99')}/meta.yaml`]).toMatch(/^status: 5$/m);
  });

  it('writes each metric as `timestamp_ms value step` lines: times from _timestamp, else the start; NaN and infinities as Python writes them', () => {
    expect(files[`${firstDir}/metrics/train/loss`]).toBe('1700000001000 1 0\n1700000002500 nan 1\n1700000000000 0.25 2\n');
    expect(files[`${firstDir}/metrics/val_acc`]).toBe('1700000002500 inf 1\n1700000000000 -inf 2\n');
    expect(files[`mlruns/1/${runUuid('zz99zz99')}/metrics/loss`]).toBe('1700000100000 1e-7 0\n');
  });

  it('writes the config flattened to dotted params, as text, cut at MLflow’s limit; notes, group and tags as tags', () => {
    const param = (key: string) => files[`${firstDir}/params/${key}`];
    expect([param('lr'), param('optimizer.name'), param('optimizer.betas'), param('empty'), param('none'), param('deep')]).toEqual(['0.001', 'adam', '[0.9,0.999]', '{}', 'null', 'true']);
    expect(param('long')).toBe('x'.repeat(6000));
    const tag = (key: string) => files[`${firstDir}/tags/${key}`];
    expect([tag('mlflow.runName'), tag('labbook.run_id'), tag('mlflow.note.content'), tag('labbook.group'), tag('baseline'), tag('team_vision')]).toEqual([
      'baseline "v1"',
      'abc12345',
      'first try\nwith a second line',
      'sweep-1',
      '',
      '',
    ]);
  });
});

describe('mlflowKeys', () => {
  it('maps what MLflow refuses to names it takes, and keeps names apart that would collide or be both file and folder', () => {
    const names = ['train/loss', 'a:b', 'a_b', '/lead//double/', '../up/./here', '', 'train', 'température', 'e\u0301t\u00e9', 'x=1,y@2', 'mlflow.runName', 'mlflow.runName'];
    expect(Object.fromEntries(mlflowKeys(names))).toEqual({
      'train/loss': 'train/loss',
      'a:b': 'a_b',
      a_b: 'a_b_1',
      '/lead//double/': 'lead/double',
      '../up/./here': '__/up/_/here',
      '': '_',
      train: 'train_1',
      température: 'température',
      'e\u0301t\u00e9': 'été',
      'x=1,y@2': 'x_1_y_2',
      'mlflow.runName': 'mlflow.runName',
    });
  });
});

describe('MLflow file store read by Python', () => {
  const python = testPython(['yaml'], ['pyyaml']);
  if ('missing' in python) {
    it.skip(`reads our meta.yaml files, metric lines and names as MLflow's file store does (${python.missing})`, () => {});
    return;
  }

  it("reads our meta.yaml files, metric lines and names as MLflow's file store does", () => {
    const root = mkdtempSync(join(tmpdir(), 'mlruns-'));
    for (const [path, bytes] of Object.entries(mlrunsFiles('mnist: "quoted"\u0085', runs))) {
      if (path.endsWith('/')) mkdirSync(join(root, path), { recursive: true });
      else {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), bytes);
      }
    }
    // What file_store.py does with each file (yaml.safe_load, _get_metric_from_line), and validation.py's name checks.
    const read = JSON.parse(
      python.run(
        `import json, os, posixpath, re, sys, yaml
root = sys.argv[1]
names = re.compile(r"^[/\\w.\\- ]*$")
out = {'meta': {}, 'metrics': {}, 'refused': []}
for folder, _, files in os.walk(root):
    for name in files:
        path = os.path.join(folder, name)
        rel = os.path.relpath(path, root)
        if name == 'meta.yaml':
            out['meta'][rel] = yaml.safe_load(open(path, encoding='utf-8'))
            continue
        kind, key = re.match(r'mlruns/1/[0-9a-f]{32}/(metrics|params|tags)/(.*)', rel).groups()
        if not names.match(key) or posixpath.normpath(key) != key:
            out['refused'].append(key)
        if kind == 'metrics':
            parts = [line.strip().split(' ') for line in open(path)]
            out['metrics'][key] = [[int(p[0]), repr(float(p[1])), int(p[2])] for p in parts]
print(json.dumps(out))`,
        root,
      ),
    ) as { meta: Record<string, Record<string, unknown>>; metrics: Record<string, [number, string, number][]>; refused: string[] };
    expect(read.refused).toEqual([]);
    expect(read.meta['mlruns/1/meta.yaml']).toEqual({
      artifact_location: './mlruns/1',
      creation_time: 1_700_000_000_000,
      experiment_id: '1',
      last_update_time: 1_700_000_200_000,
      lifecycle_stage: 'active',
      name: 'mnist: "quoted"\u0085',
    });
    expect(read.meta[`${firstDir}/meta.yaml`]).toMatchObject({ run_name: 'baseline "v1"', run_id: runUuid('abc12345'), experiment_id: '1', status: 3, end_time: 1_700_000_060_000, tags: [] });
    expect(read.meta[`mlruns/1/${runUuid('zz99zz99')}/meta.yaml`]).toMatchObject({ status: 4, start_time: 1_700_000_100_000 });
    expect(read.metrics).toEqual({
      'train/loss': [
        [1_700_000_001_000, '1.0', 0],
        [1_700_000_002_500, 'nan', 1],
        [1_700_000_000_000, '0.25', 2],
      ],
      val_acc: [
        [1_700_000_002_500, 'inf', 1],
        [1_700_000_000_000, '-inf', 2],
      ],
      loss: [[1_700_000_100_000, '1e-07', 0]],
      'द_²': [[1_700_000_100_000, '2.0', 3]],
    });
  });
});
