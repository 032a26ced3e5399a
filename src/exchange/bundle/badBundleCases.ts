import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { deflateSync, strToU8, unzipSync, Zip, ZipDeflate, ZipPassThrough, zipSync, type Zippable } from 'fflate';
import { Field, Float64, Int32, List, Table, Utf8, makeData, makeVector, tableToIPC, vectorFromArray } from 'apache-arrow';
import { concatBytes } from '../../lib/concatArrays';
import { seededRandom } from '../../lib/seededRandom';
import { MANIFEST_PATH } from './bundleFormat';
import { encodeBundleJson } from './bundleJson';

/** A generated bad bundle: what it breaks, its bytes, and what the refusal must say. */
export interface BadBundleCase {
  name: string;
  bytes: Uint8Array;
  message: RegExp;
}

type Files = Record<string, Uint8Array>;
type Json = Record<string, unknown>;

const text = new TextDecoder();
const json = (bytes: Uint8Array): Json => JSON.parse(text.decode(bytes)) as Json;
const NAN_ID = { $number: 'NaN' };
/** Values of the wrong type for a field of each kind; `null` is wrong only where the field may not be null. */
const WRONG_FOR_STRING = [42, true, [], {}, NAN_ID];
const WRONG_FOR_NUMBER = ['12', true, [], {}, NAN_ID];

/**
 * Every way the unit tests break a valid bundle, over 1,000 cases: the zip (cut short anywhere, bytes flipped, names
 * that escape the bundle, a bomb, duplicates), the manifest (invalid JSON, wrong format or version, lying sizes and
 * hashes, ids that are NaN or paths, 10,000 runs), and each file's content (every field of a run record with a wrong
 * value, history out of order or over the name limit, tables, code, projects, notebooks, media). Files changed on
 * purpose get a true size and hash in the manifest, so it is the content check that must refuse them.
 */
export function badBundleCases(valid: Uint8Array): BadBundleCase[] {
  const files = unzipSync(valid);
  const manifest = json(files[MANIFEST_PATH]!);
  const runIds = (manifest.runs as { id: string }[]).map((run) => run.id);
  return [...zipCases(valid, files), ...manifestCases(files, manifest), ...runIds.flatMap((id) => runCases(files, id)), ...otherFileCases(files, manifest)];
}

/** Zips files with the manifest's sizes and hashes made true for every file but the manifest (unless `keepManifest`). */
function rezip(files: Files, options: { keepManifest?: boolean } = {}): Uint8Array {
  const next: Files = { ...files };
  if (!options.keepManifest) {
    const manifest = json(files[MANIFEST_PATH]!);
    manifest.files = Object.keys(next)
      .filter((path) => path !== MANIFEST_PATH)
      .map((path) => ({ path, size: next[path]!.length, sha256: bytesToHex(sha256(next[path]!)) }));
    next[MANIFEST_PATH] = encodeBundleJson(manifest);
  }
  return zipSync(Object.fromEntries(Object.entries(next).map(([path, bytes]) => [path, [bytes, { level: 1 }]])) as Zippable);
}

const withFile = (files: Files, path: string, bytes: Uint8Array) => rezip({ ...files, [path]: bytes });
const withJson = (files: Files, path: string, edit: (value: Json) => void) => {
  const value = json(files[path]!);
  edit(value);
  return withFile(files, path, encodeBundleJson(value));
};
const withManifest = (files: Files, edit: (manifest: Json) => void) => {
  const manifest = json(files[MANIFEST_PATH]!);
  edit(manifest);
  return rezip({ ...files, [MANIFEST_PATH]: encodeBundleJson(manifest) }, { keepManifest: true });
};

function zipCases(valid: Uint8Array, files: Files): BadBundleCase[] {
  const cases: BadBundleCase[] = [];
  const cutShort = /not a zip|cut short|damaged|past the end|SHA-256|inflate|not valid deflate|local header/;
  for (let i = 0; i < 400; i++) {
    const at = Math.floor((i / 400) * valid.length);
    cases.push({ name: `cut short at byte ${at} of ${valid.length}`, bytes: valid.slice(0, at), message: cutShort });
  }
  for (const extra of [1, 7, 100, 4096]) cases.push({ name: `${extra} bytes before the zip`, bytes: concatBytes([new Uint8Array(extra).fill(7), valid]), message: /damaged|local header|SHA-256|not a Labbook/ });
  const stored = zipSync({ ...Object.fromEntries(Object.entries(files).map(([path, bytes]) => [path, [bytes, { level: 0 }]])) } as Zippable);
  const random = seededRandom(13);
  const media = Object.keys(files).find((path) => path.startsWith('media/'))!;
  const mediaAt = indexOfBytes(stored, files[media]!);
  for (let i = 0; i < 60; i++) {
    const flipped = stored.slice();
    const at = mediaAt + Math.floor(random() * files[media]!.length);
    flipped[at]! ^= 1 + Math.floor(random() * 255);
    cases.push({ name: `media byte ${at - mediaAt} flipped`, bytes: flipped, message: /SHA-256/ });
  }
  for (const [path, bytes] of Object.entries(files)) {
    const at = indexOfBytes(stored, bytes);
    if (at < 0 || bytes.length === 0) continue;
    const flipped = stored.slice();
    flipped[at + (bytes.length >> 1)]! ^= 0x20;
    cases.push({ name: `a byte of ${path} flipped`, bytes: flipped, message: /SHA-256|JSON|not valid/ });
  }
  for (const name of ['../escape.json', '/etc/passwd', 'C:/windows.json', 'runs\\r1\\run.json', 'a/../../b.json', './manifest.json', 'runs/\u0000.json']) {
    cases.push({ name: `a file named ${JSON.stringify(name)}`, bytes: zipSync({ ...files, [name]: strToU8('{}') }), message: /not a relative path/ });
  }
  cases.push({ name: 'a file named twice', bytes: zipWithDuplicate(files), message: /twice/ });
  cases.push({ name: 'a zip bomb declaring 4 GB', bytes: patchDirectorySize(zipSync({ ...files, 'bomb.bin': [new Uint8Array(1000), { level: 9 }] } as Zippable), 'bomb.bin', 0xfffffff0), message: /zip64|declares/ });
  cases.push({ name: 'a zip bomb declaring 900 MB from a few bytes', bytes: patchDirectorySize(zipSync({ ...files, 'bomb.bin': [new Uint8Array(1000), { level: 9 }] } as Zippable), 'bomb.bin', 900_000_000), message: /zip bomb/ });
  cases.push({ name: 'a zip bomb that inflates past its declared size', bytes: lyingBomb(files), message: /more than the .* it declares/ });
  cases.push({ name: 'a compression method bundles never use', bytes: patchDirectoryMethod(valid, MANIFEST_PATH, 12), message: /method 12/ });
  cases.push({ name: 'not a zip at all', bytes: strToU8('{"format":"labbook-bundle"}'), message: /not a zip/ });
  cases.push({ name: 'an empty file', bytes: new Uint8Array(0), message: /not a zip/ });
  cases.push({ name: 'a zip with no manifest', bytes: zipSync(Object.fromEntries(Object.entries(files).filter(([path]) => path !== MANIFEST_PATH))), message: /no manifest/ });
  return cases;
}

function manifestCases(files: Files, manifest: Json): BadBundleCase[] {
  const cases: BadBundleCase[] = [];
  const invalidJson = ['', '{', 'null', '[]', '"bundle"', '{"format": NaN}', '{"runs": [1,]}', '\u0000'];
  for (const body of invalidJson) cases.push({ name: `manifest ${JSON.stringify(body)}`, bytes: rezip({ ...files, [MANIFEST_PATH]: strToU8(body) }, { keepManifest: true }), message: /manifest\.json/ });
  cases.push({ name: 'manifest not UTF-8', bytes: rezip({ ...files, [MANIFEST_PATH]: Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d) }, { keepManifest: true }), message: /not valid JSON/ });
  for (const format of ['labbook', 'wandb-bundle', '', null, 1, NAN_ID]) cases.push({ name: `format ${JSON.stringify(format)}`, bytes: withManifest(files, (m) => (m.format = format)), message: /not a Labbook bundle/ });
  for (const version of [0, 2, 99, '1', null, 1.5, -1, NAN_ID]) cases.push({ name: `version ${JSON.stringify(version)}`, bytes: withManifest(files, (m) => (m.version = version)), message: /format version/ });
  for (const field of ['app', 'created', 'runs', 'projects', 'notebooks', 'media', 'files']) {
    cases.push({ name: `manifest without ${field}`, bytes: withManifest(files, (m) => delete m[field]), message: new RegExp(`"${field}"`) });
    for (const wrong of [null, 42, true, field === 'created' ? {} : 'x', field === 'app' ? [] : {}]) cases.push({ name: `manifest ${field} = ${JSON.stringify(wrong)}`, bytes: withManifest(files, (m) => (m[field] = wrong)), message: /manifest\.json/ });
  }
  const listed = manifest.files as { path: string; size: number; sha256: string }[];
  listed.forEach((file, i) => {
    const edit = (change: (entry: Json) => void) => withManifest(files, (m) => change((m.files as Json[])[i]!));
    cases.push({ name: `${file.path}: size one more than true`, bytes: edit((e) => (e.size = file.size + 1)), message: /manifest\.json says/ });
    cases.push({ name: `${file.path}: size one less than true`, bytes: edit((e) => (e.size = Math.max(0, file.size - 1) === file.size ? file.size + 2 : file.size - 1)), message: /manifest\.json says/ });
    cases.push({ name: `${file.path}: size as text`, bytes: edit((e) => (e.size = String(file.size))), message: /"size"/ });
    cases.push({ name: `${file.path}: size NaN`, bytes: edit((e) => (e.size = NAN_ID)), message: /"size"/ });
    cases.push({ name: `${file.path}: wrong SHA-256`, bytes: edit((e) => (e.sha256 = `${file.sha256[0] === '0' ? '1' : '0'}${file.sha256.slice(1)}`)), message: /SHA-256/ });
    cases.push({ name: `${file.path}: SHA-256 not hex`, bytes: edit((e) => (e.sha256 = file.sha256.toUpperCase().replace(/[0-9]/g, 'Z'))), message: /"sha256"/ });
    cases.push({ name: `${file.path}: listed under another name`, bytes: edit((e) => (e.path = `${file.path}.missing`)), message: /not in the zip|does not list/ });
    cases.push({ name: `${file.path}: not listed`, bytes: withManifest(files, (m) => (m.files as Json[]).splice(i, 1)), message: /does not list/ });
    cases.push({ name: `${file.path}: listed twice`, bytes: withManifest(files, (m) => (m.files as Json[]).push({ ...file })), message: /twice/ });
  });
  const runs = manifest.runs as Json[];
  const runEdit = (change: (run: Json, m: Json) => void) => withManifest(files, (m) => change((m.runs as Json[])[0]!, m));
  for (const id of [NAN_ID, 42, null, '', '../r1', 'r1/../../x', 'a'.repeat(129), 'r 1', true]) cases.push({ name: `run id ${JSON.stringify(id)}`, bytes: runEdit((run) => (run.id = id)), message: /"id"/ });
  cases.push({ name: 'a run listed twice', bytes: withManifest(files, (m) => (m.runs as Json[]).push({ ...runs[0]! })), message: /listed twice/ });
  cases.push({ name: 'a run listed whose files are missing', bytes: withManifest(files, (m) => (m.runs as Json[]).push({ id: 'ghost', project: 'p', name: 'ghost', bytes: 0 })), message: /no "runs\/ghost/ });
  cases.push({
    name: '10,000 runs in one manifest',
    bytes: withManifest(files, (m) => (m.runs = Array.from({ length: 10_000 }, (_, i) => ({ id: `run${i}`, project: 'p', name: `run ${i}`, bytes: 0 })))),
    message: /10000 items; at most 5000/,
  });
  for (const hash of ['0'.repeat(63), 'not-a-hash', NAN_ID]) cases.push({ name: `media hash ${JSON.stringify(hash)}`, bytes: withManifest(files, (m) => ((m.media as Json[])[0]!.hash = hash)), message: /"hash"/ });
  cases.push({ name: 'media type not a media type', bytes: withManifest(files, (m) => ((m.media as Json[])[0]!.type = '../../x')), message: /"type"/ });
  cases.push({ name: 'a notebook id that is a path', bytes: withManifest(files, (m) => ((m.notebooks as Json[])[0]!.id = '../nb1')), message: /"id"/ });
  cases.push({ name: 'a project the bundle does not hold', bytes: withManifest(files, (m) => (m.projects as string[]).push('elsewhere')), message: /no "projects\/1\.json"/ });
  return cases;
}

const RUN_FIELDS: Record<string, 'string' | 'nullableString' | 'number' | 'nullableNumber' | 'object' | 'list'> = {
  project: 'string',
  name: 'string',
  state: 'string',
  group: 'nullableString',
  tags: 'list',
  notes: 'string',
  config: 'object',
  summary: 'object',
  environment: 'object',
  createdAt: 'number',
  updatedAt: 'number',
  heartbeatAt: 'number',
  finishedAt: 'nullableNumber',
  exitCode: 'nullableNumber',
  error: 'nullableString',
  warnings: 'list',
};

function wrongValues(kind: (typeof RUN_FIELDS)[string]): unknown[] {
  switch (kind) {
    case 'string':
      return [null, ...WRONG_FOR_STRING];
    case 'nullableString':
      return WRONG_FOR_STRING;
    case 'number':
      return [null, ...WRONG_FOR_NUMBER, { $number: 'Infinity' }];
    case 'nullableNumber':
      return WRONG_FOR_NUMBER;
    case 'object':
      return [null, 42, 'x', [], true];
    case 'list':
      return [null, 42, 'x', {}, [1, 2], [null]];
  }
}

function runCases(files: Files, id: string): BadBundleCase[] {
  const cases: BadBundleCase[] = [];
  const runPath = `runs/${id}/run.json`;
  const record = json(files[runPath]!);
  for (const [field, kind] of Object.entries(RUN_FIELDS)) {
    cases.push({ name: `${runPath} without ${field}`, bytes: withJson(files, runPath, (run) => delete run[field]), message: new RegExp(`${runPath.replace(/\//g, '\\/')}.*"${field}"`) });
    for (const wrong of wrongValues(kind)) {
      cases.push({ name: `${runPath} ${field} = ${JSON.stringify(wrong)}`, bytes: withJson(files, runPath, (run) => (run[field] = wrong)), message: new RegExp(`${runPath.replace(/\//g, '\\/')}.*"${field}"`) });
    }
  }
  cases.push({ name: `${runPath} state "paused"`, bytes: withJson(files, runPath, (run) => (run.state = 'paused')), message: /"state" must be one of/ });
  cases.push({ name: `${runPath} id of another run`, bytes: withJson(files, runPath, (run) => (run.id = 'other')), message: /folder is/ });
  cases.push({ name: `${runPath} id NaN`, bytes: withJson(files, runPath, (run) => (run.id = NAN_ID)), message: /"id"/ });
  cases.push({ name: `${runPath} summary value text`, bytes: withJson(files, runPath, (run) => ((run.summary as Json).loss = 'low')), message: /summary.*"loss"/ });
  cases.push({ name: `${runPath} summary metric name over the limit`, bytes: withJson(files, runPath, (run) => ((run.summary as Json)['m'.repeat(300)] = 1)), message: /limit is 256/ });
  cases.push({ name: `${runPath} environment user agent missing`, bytes: withJson(files, runPath, (run) => delete (run.environment as Json).userAgent), message: /"userAgent"/ });
  cases.push({ name: `${runPath} code with a negative cell count`, bytes: withJson(files, runPath, (run) => (run.code = { notebookId: null, kernelId: 'k', cells: -1 })), message: /"cells"/ });
  cases.push({ name: `${runPath} a table summary tables.json does not have`, bytes: withJson(files, runPath, (run) => (run.tables = { ...(run.tables as Json), ghost: { mode: 'immutable', versions: 1, rows: 1, step: 0 } })), message: /table "ghost" has 0 logs/ });
  cases.push({ name: `${runPath} another name than the manifest's`, bytes: withJson(files, runPath, (run) => (run.name = 'renamed')), message: /but manifest\.json lists/ });
  cases.push({ name: `${runPath} table summary with an unknown mode`, bytes: withJson(files, runPath, (run) => (run.tables = { preds: { mode: 'append', versions: 1, rows: 1, step: 0 } })), message: /"mode"/ });
  cases.push({ name: `${runPath} not JSON`, bytes: withFile(files, runPath, strToU8('{"id": "r1",')), message: /not valid JSON/ });
  cases.push({ name: `${runPath} a list`, bytes: withFile(files, runPath, strToU8('[]')), message: /must be a JSON object/ });
  cases.push(...historyCases(files, id), ...tableCases(files, id));
  if (record.code) cases.push(...codeCases(files, id));
  return cases;
}

function historyCases(files: Files, id: string): BadBundleCase[] {
  const path = `runs/${id}/history.arrow`;
  const history = (metrics: unknown[], steps: number[][], values: number[][]) => withFile(files, path, historyArrow(metrics, steps, values));
  const cases: BadBundleCase[] = [
    { name: `${path} steps going backwards`, bytes: history(['loss'], [[0, 2, 1]], [[1, 2, 3]]), message: /go backwards/ },
    { name: `${path} a NaN step`, bytes: history(['loss'], [[0, NaN]], [[1, 2]]), message: /not a whole number/ },
    { name: `${path} an infinite step`, bytes: history(['loss'], [[0, Infinity]], [[1, 2]]), message: /not a whole number/ },
    { name: `${path} a step past 2^53`, bytes: history(['loss'], [[1e17, 1e18]], [[1, 2]]), message: /not a whole number/ },
    { name: `${path} a negative step`, bytes: history(['loss'], [[-1, 0]], [[1, 2]]), message: /not a whole number/ },
    { name: `${path} a fractional step`, bytes: history(['loss'], [[0, 0.5]], [[1, 2]]), message: /not a whole number/ },
    { name: `${path} a metric named twice`, bytes: history(['loss', 'loss'], [[0], [1]], [[1], [2]]), message: /listed twice/ },
    { name: `${path} a metric name over the limit`, bytes: history(['m'.repeat(257)], [[0]], [[1]]), message: /1 to 256 characters/ },
    { name: `${path} an empty metric name`, bytes: history([''], [[0]], [[1]]), message: /1 to 256 characters/ },
    { name: `${path} more steps than values`, bytes: history(['loss'], [[0, 1]], [[1]]), message: /2 steps but 1 values/ },
    { name: `${path} steps as int32`, bytes: withFile(files, path, int32History()), message: /has columns/ },
    { name: `${path} a column missing`, bytes: withFile(files, path, tableToIPC(new Table({ metric: vectorFromArray(['loss'], new Utf8()) }), 'file')), message: /has columns/ },
    { name: `${path} not Arrow`, bytes: withFile(files, path, strToU8('metric,step,value\nloss,0,1\n')), message: /not an Arrow IPC file/ },
    { name: `${path} empty`, bytes: withFile(files, path, new Uint8Array(0)), message: /not an Arrow IPC file|has columns/ },
  ];
  const valid = files[path]!;
  for (const fraction of [0.1, 0.3, 0.5, 0.7, 0.9]) cases.push({ name: `${path} cut to ${fraction * 100}%`, bytes: withFile(files, path, valid.slice(0, Math.floor(valid.length * fraction))), message: /not an Arrow IPC file|has columns/ });
  return cases;
}

function tableCases(files: Files, id: string): BadBundleCase[] {
  const path = `runs/${id}/tables.json`;
  const logs = JSON.parse(text.decode(files[path]!)) as Json[];
  const withLogs = (edit: (logs: Json[]) => void) => {
    const copy = structuredClone(logs);
    edit(copy);
    return withFile(files, path, encodeBundleJson(copy));
  };
  const cases: BadBundleCase[] = [{ name: `${path} an object`, bytes: withFile(files, path, strToU8('{}')), message: /must be a JSON list/ }];
  if (logs.length === 0) return cases;
  for (const field of ['key', 'seq', 'step', 'mode', 'rows', 'loggedAt', 'file']) {
    for (const wrong of [null, field === 'key' || field === 'mode' ? 42 : 'x', NAN_ID, [], -1.5]) {
      if (field === 'step' && wrong === -1.5) continue;
      if (field === 'loggedAt' && wrong === -1.5) continue;
      cases.push({ name: `${path} ${field} = ${JSON.stringify(wrong)}`, bytes: withLogs((l) => (l[0]![field] = wrong)), message: new RegExp(`"${field}"`) });
    }
  }
  cases.push({ name: `${path} rows not what the table holds`, bytes: withLogs((l) => (l[0]!.rows = (l[0]!.rows as number) + 1)), message: /rows, but/ });
  cases.push({ name: `${path} a table file that is not there`, bytes: withLogs((l) => (l[0]!.file = 99)), message: /no "runs\/.*\/tables\/99\.arrow"/ });
  if (logs.length > 1) {
    cases.push({ name: `${path} one file listed twice`, bytes: withLogs((l) => (l[1]!.file = l[0]!.file)), message: /listed twice/ });
    cases.push({ name: `${path} one version listed twice`, bytes: withLogs((l) => (l[1]!.seq = l[0]!.seq)), message: /listed twice/ });
  }
  const tablePath = `runs/${id}/tables/${logs[0]!.file as number}.arrow`;
  cases.push({ name: `${tablePath} not Arrow`, bytes: withFile(files, tablePath, strToU8('x,y\n1,2\n')), message: /not a Labbook table/ });
  cases.push({ name: `${tablePath} cut short`, bytes: withFile(files, tablePath, files[tablePath]!.slice(0, 40)), message: /not a Labbook table/ });
  return cases;
}

function codeCases(files: Files, id: string): BadBundleCase[] {
  const path = `runs/${id}/code.json`;
  const code = json(files[path]!);
  const withCode = (edit: (code: Json) => void) => {
    const copy = structuredClone(code);
    edit(copy);
    return withFile(files, path, encodeBundleJson(copy));
  };
  const execution = (edit: (e: Json) => void) => withCode((c) => edit((c.executions as Json[])[0]!));
  return [
    { name: `${path} execution of another kernel`, bytes: execution((e) => (e.kernelId = 'other')), message: /expected execution 0/ },
    { name: `${path} execution index 5`, bytes: execution((e) => (e.index = 5)), message: /expected execution 0/ },
    { name: `${path} execution hash not hex`, bytes: execution((e) => (e.hash = 'x')), message: /"hash"/ },
    { name: `${path} execution time text`, bytes: execution((e) => (e.executedAt = 'noon')), message: /"executedAt"/ },
    { name: `${path} more executions than the run ran`, bytes: withCode((c) => (c.executions as Json[]).push({ ...(c.executions as Json[])[0]!, index: 1 })), message: /at most 1 are accepted/ },
    { name: `${path} a source that is a number`, bytes: withCode((c) => ((c.sources as Json[])[0]!.source = 42)), message: /"source"/ },
    { name: `${path} a source that is not the text its hash names`, bytes: withCode((c) => ((c.sources as Json[])[0]!.source = 'fetch("https://evil.example")')), message: /not the text its hash names/ },
    { name: `${path} not JSON`, bytes: withFile(files, path, strToU8('nope')), message: /not valid JSON/ },
    { name: `${path} missing while the run refers to code`, bytes: rezip(Object.fromEntries(Object.entries(files).filter(([p]) => p !== path))), message: /is missing, but the run refers to code/ },
  ];
}

function otherFileCases(files: Files, manifest: Json): BadBundleCase[] {
  const cases: BadBundleCase[] = [];
  const project = 'projects/0.json';
  const withProject = (edit: (p: Json) => void) => withJson(files, project, edit);
  cases.push({ name: `${project} of another project`, bytes: withProject((p) => ((p.record as Json).name = 'elsewhere')), message: /manifest\.json lists/ });
  cases.push({ name: `${project} without a record`, bytes: withProject((p) => delete p.record), message: /"record"/ });
  cases.push({ name: `${project} created at text`, bytes: withProject((p) => ((p.record as Json).createdAt = 'today')), message: /"createdAt"/ });
  cases.push({ name: `${project} workspace a list`, bytes: withProject((p) => (p.workspace = [])), message: /"workspace"/ });
  const notebook = `notebooks/${(manifest.notebooks as Json[])[0]!.id as string}.json`;
  const withNotebook = (edit: (n: Json) => void) => withJson(files, notebook, edit);
  cases.push({ name: `${notebook} of another id`, bytes: withNotebook((n) => (n.id = 'other')), message: /"id" is/ });
  cases.push({ name: `${notebook} a cell of an unknown kind`, bytes: withNotebook((n) => ((n.cells as Json[])[0]!.kind = 'raw')), message: /"kind"/ });
  cases.push({ name: `${notebook} a cell in Python`, bytes: withNotebook((n) => ((n.cells as Json[])[0]!.language = 'python')), message: /"language"/ });
  cases.push({ name: `${notebook} cells not a list`, bytes: withNotebook((n) => (n.cells = {})), message: /"cells"/ });
  const media = `media/${(manifest.media as Json[])[0]!.hash as string}`;
  cases.push({ name: `${media} other bytes than its name's hash`, bytes: withFile(files, media, strToU8('not the image')), message: /name is the SHA-256 of/ });
  cases.push({ name: 'a listed file no run, project or notebook owns', bytes: withFile(files, 'runs/r1/extra.bin', strToU8('x')), message: /belongs to no run/ });
  cases.push({ name: 'a file in the zip the manifest does not list', bytes: rezip({ ...files, 'stray.txt': strToU8('x') }, { keepManifest: true }), message: /does not list/ });
  return cases;
}

function historyArrow(metrics: unknown[], steps: number[][], values: number[][]): Uint8Array {
  const list = (rows: number[][]) => {
    const offsets = new Int32Array(rows.length + 1);
    rows.forEach((row, i) => (offsets[i + 1] = offsets[i]! + row.length));
    return makeVector(makeData({ type: new List(new Field('item', new Float64(), false)), length: rows.length, nullCount: 0, valueOffsets: offsets, child: makeData({ type: new Float64(), length: offsets[rows.length]!, data: Float64Array.from(rows.flat()) }) }));
  };
  return tableToIPC(new Table({ metric: vectorFromArray(metrics as string[], new Utf8()), steps: list(steps), values: list(values) }), 'file');
}

function int32History(): Uint8Array {
  const steps = makeVector(makeData({ type: new List(new Field('item', new Int32(), false)), length: 1, nullCount: 0, valueOffsets: Int32Array.of(0, 1), child: makeData({ type: new Int32(), length: 1, data: Int32Array.of(0) }) }));
  const values = makeVector(makeData({ type: new List(new Field('item', new Float64(), false)), length: 1, nullCount: 0, valueOffsets: Int32Array.of(0, 1), child: makeData({ type: new Float64(), length: 1, data: Float64Array.of(1) }) }));
  return tableToIPC(new Table({ metric: vectorFromArray(['loss'], new Utf8()), steps, values }), 'file');
}

function zipWithDuplicate(files: Files): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [path, bytes] of [...Object.entries(files), [MANIFEST_PATH, files[MANIFEST_PATH]!] as const]) {
    const entry = new ZipPassThrough(path);
    zip.add(entry);
    entry.push(bytes, true);
  }
  zip.end();
  return concatBytes(chunks);
}

/**
 * A zip whose media file declares 1,000 bytes (in the directory, the local header and the manifest) but inflates to
 * 50 MB of zeros: only inflating tells, and the inflater must stop at the declared size.
 */
function lyingBomb(files: Files): Uint8Array {
  const bombPath = `media/${'ab'.repeat(32)}`;
  const manifest = json(files[MANIFEST_PATH]!);
  (manifest.media as Json[]).push({ hash: 'ab'.repeat(32), type: 'image/png' });
  (manifest.files as Json[]).push({ path: bombPath, size: 1000, sha256: 'ab'.repeat(32) });
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  const bomb = new ZipPassThrough(bombPath);
  zip.add(bomb);
  bomb.push(deflateSync(new Uint8Array(50_000_000), { level: 9 }), true);
  for (const [path, bytes] of Object.entries({ ...files, [MANIFEST_PATH]: encodeBundleJson(manifest) })) {
    const entry = new ZipDeflate(path, { level: 1 });
    zip.add(entry);
    entry.push(bytes, true);
  }
  zip.end();
  const out = concatBytes(chunks);
  for (const [signature, methodAt, sizeAt] of [[0x02014b50, 10, 24], [0x04034b50, 8, 22]] as const) {
    const at = headerOf(out, signature, bombPath);
    const view = new DataView(out.buffer, out.byteOffset);
    view.setUint16(at + methodAt, 8, true);
    view.setUint32(at + sizeAt, 1000, true);
  }
  return out;
}

function patchDirectorySize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  new DataView(out.buffer).setUint32(headerOf(out, 0x02014b50, name) + 24, size, true);
  return out;
}

function patchDirectoryMethod(zip: Uint8Array, name: string, method: number): Uint8Array {
  const out = zip.slice();
  new DataView(out.buffer).setUint16(headerOf(out, 0x02014b50, name) + 10, method, true);
  return out;
}

/** Offset of the central directory (0x02014b50) or local (0x04034b50) header of `name`. */
function headerOf(zip: Uint8Array, signature: number, name: string): number {
  const view = new DataView(zip.buffer, zip.byteOffset);
  const nameAt = signature === 0x02014b50 ? 46 : 30;
  const lengthAt = signature === 0x02014b50 ? 28 : 26;
  for (let at = 0; at + nameAt < zip.length; at++) {
    if (view.getUint32(at, true) !== signature) continue;
    const length = view.getUint16(at + lengthAt, true);
    if (text.decode(zip.subarray(at + nameAt, at + nameAt + length)) === name) return at;
  }
  throw new Error(`no header for ${name}`);
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
