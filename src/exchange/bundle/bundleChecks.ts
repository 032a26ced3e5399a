import { sha256HexOfText } from '../../lib/contentHash';
import { MAX_METRIC_KEY_LENGTH } from '../../model/runs/logValues';
import type { CellSource, ConfigTree, ExecutionRecord, RunCode, RunEnvironment, RunRecord, RunState, RunTableSummary, TableLogMode } from '../../model/runs/runTypes';
import type { Notebook } from '../../model/notebook/notebook';
import { BUNDLE_FORMAT, BUNDLE_LIMITS, BUNDLE_VERSION, type BundledProject, type BundledTableLog, type BundleManifest, type ManifestFile } from './bundleFormat';
import { BundleError } from './bundleError';
import { asObject, listField, nullableNumber, nullableString, numberField, objectField, oneOf, stringField, stringList, type JsonObject } from './fieldChecks';

/** Ids as Labbook makes them, and as a folder name in a bundle may safely be. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
const SHA256_PATTERN = /^[0-9a-f]{64}$/;
const RUN_STATES: readonly RunState[] = ['running', 'finished', 'failed', 'killed', 'crashed'];
const TABLE_MODES: readonly TableLogMode[] = ['immutable', 'mutable', 'incremental'];
/** Names, tags and versions: far longer than any the app makes, short enough to refuse a file of one name. */
const NAME_LIMIT = 100_000;

export function checkManifest(value: unknown): BundleManifest {
  const where = 'manifest.json';
  const o = asObject(value, where);
  if (o.format !== BUNDLE_FORMAT) throw new BundleError(`${where}: "format" is ${JSON.stringify(o.format)?.slice(0, 60)}, not "${BUNDLE_FORMAT}": this is not a Labbook bundle`);
  if (o.version !== BUNDLE_VERSION) {
    throw new BundleError(`${where}: this bundle is format version ${JSON.stringify(o.version)?.slice(0, 20)}; this Labbook reads version ${BUNDLE_VERSION}${typeof o.version === 'number' && o.version > BUNDLE_VERSION ? ' (it was written by a newer Labbook)' : ''}`);
  }
  const app = objectField(o, 'app', where);
  const runs = listField(o, 'runs', where, BUNDLE_LIMITS.maxRuns).map((item, i) => {
    const run = asObject(item, `${where}, runs[${i}]`);
    return { id: stringField(run, 'id', `${where}, runs[${i}]`, 128, ID_PATTERN), project: stringField(run, 'project', `${where}, runs[${i}]`, NAME_LIMIT), name: stringField(run, 'name', `${where}, runs[${i}]`, NAME_LIMIT), bytes: numberField(run, 'bytes', `${where}, runs[${i}]`, { integer: true, min: 0 }) };
  });
  const ids = new Set<string>();
  for (const run of runs) {
    if (ids.has(run.id)) throw new BundleError(`${where}: run ${run.id} is listed twice`);
    ids.add(run.id);
  }
  const files: ManifestFile[] = listField(o, 'files', where, BUNDLE_LIMITS.maxEntries).map((item, i) => {
    const file = asObject(item, `${where}, files[${i}]`);
    return { path: stringField(file, 'path', `${where}, files[${i}]`, 1000), size: numberField(file, 'size', `${where}, files[${i}]`, { integer: true, min: 0 }), sha256: stringField(file, 'sha256', `${where}, files[${i}]`, 64, SHA256_PATTERN) };
  });
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    app: { name: 'labbook', version: stringField(app, 'version', `${where}, app`, 100) },
    created: stringField(o, 'created', where, 100),
    runs,
    projects: stringList(o, 'projects', where, NAME_LIMIT),
    notebooks: listField(o, 'notebooks', where, BUNDLE_LIMITS.maxEntries).map((item, i) => {
      const notebook = asObject(item, `${where}, notebooks[${i}]`);
      return { id: stringField(notebook, 'id', `${where}, notebooks[${i}]`, 128, ID_PATTERN), name: stringField(notebook, 'name', `${where}, notebooks[${i}]`, NAME_LIMIT) };
    }),
    media: listField(o, 'media', where, BUNDLE_LIMITS.maxEntries).map((item, i) => {
      const media = asObject(item, `${where}, media[${i}]`);
      return { hash: stringField(media, 'hash', `${where}, media[${i}]`, 64, SHA256_PATTERN), type: stringField(media, 'type', `${where}, media[${i}]`, 100, /^[a-z]+\/[a-z0-9.+-]+$/) };
    }),
    files,
  };
}

/** A run's record: every field of its type checked, and its id the one its folder and the manifest give it. */
export function checkRunRecord(value: unknown, where: string, id: string): RunRecord {
  const o = asObject(value, where);
  const runId = stringField(o, 'id', where, 128, ID_PATTERN);
  if (runId !== id) throw new BundleError(`${where}: "id" is ${runId}, but the run's folder is ${id}`);
  const record: RunRecord = {
    id: runId,
    project: stringField(o, 'project', where, NAME_LIMIT),
    name: stringField(o, 'name', where, NAME_LIMIT),
    state: oneOf(o, 'state', where, RUN_STATES),
    group: nullableString(o, 'group', where, NAME_LIMIT),
    tags: stringList(o, 'tags', where, NAME_LIMIT),
    notes: stringField(o, 'notes', where),
    config: objectField(o, 'config', where) as ConfigTree,
    summary: checkSummary(objectField(o, 'summary', where), `${where}, summary`),
    environment: checkEnvironment(objectField(o, 'environment', where), `${where}, environment`),
    createdAt: numberField(o, 'createdAt', where),
    updatedAt: numberField(o, 'updatedAt', where),
    heartbeatAt: numberField(o, 'heartbeatAt', where),
    finishedAt: nullableNumber(o, 'finishedAt', where),
    exitCode: nullableNumber(o, 'exitCode', where),
    error: nullableString(o, 'error', where),
    warnings: stringList(o, 'warnings', where),
  };
  if (o.code !== undefined) record.code = checkRunCode(objectField(o, 'code', where), `${where}, code`);
  if (o.stepMetrics !== undefined) record.stepMetrics = checkStringMap(objectField(o, 'stepMetrics', where), `${where}, stepMetrics`);
  if (o.tables !== undefined) record.tables = checkTableSummaries(objectField(o, 'tables', where), `${where}, tables`);
  return record;
}

function checkSummary(o: JsonObject, where: string): Record<string, number> {
  for (const key of Object.keys(o)) {
    if (key.length > MAX_METRIC_KEY_LENGTH) throw new BundleError(`${where}: a metric name is ${key.length} characters; the limit is ${MAX_METRIC_KEY_LENGTH}`);
    numberField(o, key, where, { nonFinite: true });
  }
  return o as Record<string, number>;
}

function checkEnvironment(o: JsonObject, where: string): RunEnvironment {
  return {
    tfjsBackend: nullableString(o, 'tfjsBackend', where, NAME_LIMIT),
    webgpuAdapter: o.webgpuAdapter === null ? null : checkAdapter(objectField(o, 'webgpuAdapter', where), `${where}, webgpuAdapter`),
    userAgent: stringField(o, 'userAgent', where, NAME_LIMIT),
    hardwareConcurrency: nullableNumber(o, 'hardwareConcurrency', where),
    deviceMemoryGb: nullableNumber(o, 'deviceMemoryGb', where),
    appVersion: stringField(o, 'appVersion', where, NAME_LIMIT),
  };
}

function checkAdapter(o: JsonObject, where: string): NonNullable<RunEnvironment['webgpuAdapter']> {
  if (typeof o.isFallbackAdapter !== 'boolean') throw new BundleError(`${where}: "isFallbackAdapter" must be true or false`);
  return {
    vendor: stringField(o, 'vendor', where, NAME_LIMIT),
    architecture: stringField(o, 'architecture', where, NAME_LIMIT),
    device: stringField(o, 'device', where, NAME_LIMIT),
    description: stringField(o, 'description', where, NAME_LIMIT),
    isFallbackAdapter: o.isFallbackAdapter,
  };
}

function checkRunCode(o: JsonObject, where: string): RunCode {
  return {
    notebookId: o.notebookId === null ? null : stringField(o, 'notebookId', where, 128, ID_PATTERN),
    kernelId: stringField(o, 'kernelId', where, 128, ID_PATTERN),
    cells: numberField(o, 'cells', where, { integer: true, min: 0 }),
  };
}

function checkStringMap(o: JsonObject, where: string): Record<string, string> {
  for (const key of Object.keys(o)) stringField(o, key, where, MAX_METRIC_KEY_LENGTH);
  return o as Record<string, string>;
}

function checkTableSummaries(o: JsonObject, where: string): Record<string, RunTableSummary> {
  const tables: Record<string, RunTableSummary> = {};
  for (const key of Object.keys(o)) {
    const table = objectField(o, key, where);
    const at = `${where}, "${key.slice(0, 60)}"`;
    tables[key] = { mode: oneOf(table, 'mode', at, TABLE_MODES), versions: numberField(table, 'versions', at, { integer: true, min: 0 }), rows: numberField(table, 'rows', at, { integer: true, min: 0 }), step: numberField(table, 'step', at) };
  }
  return tables;
}

/** tables.json: each log of each table key, with the number of its Arrow file. */
export function checkTableLogs(value: unknown, where: string): BundledTableLog[] {
  if (!Array.isArray(value)) throw new BundleError(`${where} must be a JSON list`);
  const files = new Set<number>();
  const keys = new Set<string>();
  return value.map((item, i) => {
    const o = asObject(item, `${where}[${i}]`);
    const at = `${where}[${i}]`;
    const log: BundledTableLog = {
      key: stringField(o, 'key', at, MAX_METRIC_KEY_LENGTH),
      seq: numberField(o, 'seq', at, { integer: true, min: 0 }),
      step: numberField(o, 'step', at),
      mode: oneOf(o, 'mode', at, TABLE_MODES),
      rows: numberField(o, 'rows', at, { integer: true, min: 0 }),
      loggedAt: numberField(o, 'loggedAt', at),
      file: numberField(o, 'file', at, { integer: true, min: 0 }),
    };
    if (files.has(log.file)) throw new BundleError(`${at}: table file ${log.file} is listed twice`);
    if (keys.has(`${log.key}\u0000${log.seq}`)) throw new BundleError(`${at}: table "${log.key}" version ${log.seq} is listed twice`);
    files.add(log.file);
    keys.add(`${log.key}\u0000${log.seq}`);
    return log;
  });
}

/** code.json: the run's executions (its kernel's log up to the run's cell count) and their sources. */
export function checkRunCodeFile(value: unknown, where: string, code: RunCode): { executions: ExecutionRecord[]; sources: CellSource[] } {
  const o = asObject(value, where);
  const executions = listField(o, 'executions', where, code.cells).map((item, i) => {
    const e = asObject(item, `${where}, executions[${i}]`);
    const at = `${where}, executions[${i}]`;
    const execution: ExecutionRecord = {
      kernelId: stringField(e, 'kernelId', at, 128, ID_PATTERN),
      index: numberField(e, 'index', at, { integer: true, min: 0 }),
      cellId: nullableString(e, 'cellId', at, 128),
      hash: stringField(e, 'hash', at, 64, SHA256_PATTERN),
      executedAt: numberField(e, 'executedAt', at),
    };
    if (execution.kernelId !== code.kernelId || execution.index !== i) throw new BundleError(`${at}: expected execution ${i} of kernel ${code.kernelId}`);
    return execution;
  });
  const sources = listField(o, 'sources', where, code.cells).map((item, i) => {
    const s = asObject(item, `${where}, sources[${i}]`);
    const source = { hash: stringField(s, 'hash', `${where}, sources[${i}]`, 64, SHA256_PATTERN), source: stringField(s, 'source', `${where}, sources[${i}]`, 10_000_000) };
    // Sources are stored by hash and shared by every run that ran them: one that is not its hash would change theirs.
    if (sha256HexOfText(source.source) !== source.hash) throw new BundleError(`${where}, sources[${i}]: the source is not the text its hash names`);
    return source;
  });
  return { executions, sources };
}

export function checkProject(value: unknown, where: string): BundledProject {
  const o = asObject(value, where);
  const record = objectField(o, 'record', where);
  const workspace = o.workspace ?? null;
  if (workspace !== null && (typeof workspace !== 'object' || Array.isArray(workspace))) throw new BundleError(`${where}: "workspace" must be an object or null`);
  return {
    record: { name: stringField(record, 'name', `${where}, record`, NAME_LIMIT), createdAt: numberField(record, 'createdAt', `${where}, record`), updatedAt: numberField(record, 'updatedAt', `${where}, record`) },
    workspace,
  };
}

export function checkNotebook(value: unknown, where: string, id: string): Notebook {
  const o = asObject(value, where);
  if (o.id !== id) throw new BundleError(`${where}: "id" is ${JSON.stringify(o.id)?.slice(0, 60)}, not ${id}`);
  const cells = listField(o, 'cells', where, 100_000).map((item, i) => {
    const cell = asObject(item, `${where}, cells[${i}]`);
    const at = `${where}, cells[${i}]`;
    const kind = oneOf(cell, 'kind', at, ['code', 'markdown'] as const);
    const base = { id: stringField(cell, 'id', at, 128), source: stringField(cell, 'source', at, 10_000_000) };
    return kind === 'code' ? { ...base, kind, language: oneOf(cell, 'language', at, ['typescript', 'javascript'] as const) } : { ...base, kind };
  });
  const notebook: Notebook = { id, name: stringField(o, 'name', where, NAME_LIMIT), cells, createdAt: numberField(o, 'createdAt', where), updatedAt: numberField(o, 'updatedAt', where) };
  if (o.example !== undefined) notebook.example = stringField(o, 'example', where, NAME_LIMIT);
  return notebook;
}
