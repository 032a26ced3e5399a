import { sha256Hex } from '../../lib/contentHash';
import { errorMessage } from '../../lib/errorMessage';
import type { Notebook } from '../../model/notebook/notebook';
import type { RunRecord } from '../../model/runs/runTypes';
import { tableFromArrow } from '../../model/tables/tableArrow';
import { tableMediaHashes } from '../../model/tables/tableMedia';
import type { TableData } from '../../model/tables/tableTypes';
import { BundleError } from './bundleError';
import { checkManifest, checkNotebook, checkProject, checkRunCodeFile, checkRunRecord, checkTableLogs } from './bundleChecks';
import { BUNDLE_LIMITS, MANIFEST_PATH, mediaFile, notebookFile, projectFile, runFile, tableFile, type BundledProject, type BundledTableLog, type BundleManifest } from './bundleFormat';
import { decodeBundleJson } from './bundleJson';
import { decodeRunHistory } from './historyArrow';
import { readZipDirectory, readZipEntry, type ZipEntry } from './zipReader';

/** A run of a checked bundle: its record and table list; its points, tables and media are read again when written. */
export interface BundledRun {
  record: RunRecord;
  tables: BundledTableLog[];
  /** The media its tables show, found while checking them, so the import need not decode them again. */
  mediaHashes: Set<string>;
}

/** A bundle every byte of which has been checked: what an import shows before it writes, and then writes. */
export interface CheckedBundle {
  manifest: BundleManifest;
  /** Reads a file of the bundle again, its SHA-256 checked again (the file on disk may have changed since). */
  read: (path: string) => Promise<Uint8Array>;
  runs: BundledRun[];
  projects: Map<string, BundledProject>;
  notebooks: Notebook[];
  mediaTypes: Map<string, string>;
}

export interface ReadProgress {
  bytes: number;
  total: number;
}

/**
 * Reads and checks a whole bundle without writing anything: the zip's directory (sizes, names, a zip bomb's declared
 * size), the manifest against the zip (every file listed, sizes as declared), every file's SHA-256, and every file's
 * content by type (records field by field, history's schema, names and step order, each table's Arrow). The first
 * problem found is thrown as a BundleError naming the file and field. `signal` stops it between files.
 */
export async function readBundle(file: Blob, onProgress?: (progress: ReadProgress) => void, signal?: AbortSignal): Promise<CheckedBundle> {
  const entries = new Map((await readZipDirectory(file, BUNDLE_LIMITS)).map((entry) => [entry.name, entry]));
  const manifestEntry = entries.get(MANIFEST_PATH);
  if (!manifestEntry) throw new BundleError('the zip has no manifest.json: it is not a Labbook bundle');
  const manifest = checkManifest(parseJson(await readZipEntry(file, manifestEntry), MANIFEST_PATH));
  const listed = new Map(manifest.files.map((listing) => [listing.path, listing]));
  if (listed.size !== manifest.files.length) throw new BundleError('manifest.json lists a file twice');
  for (const name of entries.keys()) if (name !== MANIFEST_PATH && !listed.has(name)) throw new BundleError(`the zip holds "${name}", which manifest.json does not list`);
  for (const listing of manifest.files) {
    const entry = entries.get(listing.path);
    if (!entry) throw new BundleError(`manifest.json lists "${listing.path}", which is not in the zip`);
    if (entry.size !== listing.size) throw new BundleError(`"${listing.path}" is ${entry.size} bytes, but manifest.json says ${listing.size}`);
  }
  const total = manifest.files.reduce((sum, listing) => sum + listing.size, 0);
  let done = 0;
  /** A listed file's bytes, checked against its SHA-256; `changed` words the mismatch of a file read a second time. */
  const readChecked = async (path: string, mismatch: string): Promise<Uint8Array> => {
    signal?.throwIfAborted();
    const entry = entries.get(path);
    if (!entry) throw new BundleError(`the bundle has no "${path}"`);
    const bytes = await readZipEntry(file, entry);
    if ((await sha256Hex(bytes)) !== listed.get(path)!.sha256) throw new BundleError(`"${path}" ${mismatch}`);
    return bytes;
  };
  const read = async (path: string): Promise<Uint8Array> => {
    const bytes = await readChecked(path, 'does not match its SHA-256 in manifest.json (the file was changed or damaged)');
    done += bytes.length;
    onProgress?.({ bytes: done, total });
    return bytes;
  };
  const expected = new Set<string>();
  const runs: BundledRun[] = [];
  for (const manifestRun of manifest.runs) {
    const run = await readRun(manifestRun.id, read, expected, entries);
    if (run.record.project !== manifestRun.project || run.record.name !== manifestRun.name) {
      throw new BundleError(`runs/${manifestRun.id}/run.json: the run is "${run.record.name}" in "${run.record.project}", but manifest.json lists "${manifestRun.name}" in "${manifestRun.project}"`);
    }
    runs.push(run);
  }
  const mediaTypes = new Map(manifest.media.map((media) => [media.hash, media.type]));
  for (const [hash] of mediaTypes) {
    const path = mediaFile(hash);
    expected.add(path);
    // read() checked the bytes against the manifest's hash: the name must be that hash.
    if (listed.get(path)?.sha256 !== hash) throw new BundleError(`"${path}" does not hold the file its name is the SHA-256 of`);
    await read(path);
  }
  const projects = new Map<string, BundledProject>();
  for (let index = 0; index < manifest.projects.length; index++) {
    const path = projectFile(index);
    expected.add(path);
    const project = checkProject(parseJson(await read(path), path), path);
    if (project.record.name !== manifest.projects[index]) throw new BundleError(`${path}: the project is "${project.record.name}", but manifest.json lists "${manifest.projects[index]}"`);
    projects.set(project.record.name, project);
  }
  const notebooks: Notebook[] = [];
  for (const { id } of manifest.notebooks) {
    const path = notebookFile(id);
    expected.add(path);
    notebooks.push(checkNotebook(parseJson(await read(path), path), path, id));
  }
  for (const listing of manifest.files) if (!expected.has(listing.path)) throw new BundleError(`"${listing.path}" belongs to no run, project, notebook or media file that manifest.json lists`);
  return { manifest, read: (path) => readChecked(path, 'changed on disk since the bundle was checked'), runs, projects, notebooks, mediaTypes };
}

async function readRun(id: string, read: (path: string) => Promise<Uint8Array>, expected: Set<string>, entries: Map<string, ZipEntry>): Promise<BundledRun> {
  const paths = { run: runFile(id, 'run.json'), history: runFile(id, 'history.arrow'), tables: runFile(id, 'tables.json'), code: runFile(id, 'code.json') };
  for (const path of [paths.run, paths.history, paths.tables]) expected.add(path);
  const record = checkRunRecord(parseJson(await read(paths.run), paths.run), paths.run, id);
  decodeRunHistory(await read(paths.history), paths.history);
  const mediaHashes = new Set<string>();
  const tables = checkTableLogs(parseJson(await read(paths.tables), paths.tables), paths.tables);
  for (const log of tables) {
    const path = tableFile(id, log.file);
    expected.add(path);
    const arrow = await read(path);
    let table: TableData;
    try {
      table = tableFromArrow(arrow);
    } catch (error) {
      throw new BundleError(`${path} is not a Labbook table (${errorMessage(error)})`);
    }
    if (table.rows !== log.rows) throw new BundleError(`${path} has ${table.rows} rows, but ${paths.tables} says ${log.rows}`);
    for (const hash of tableMediaHashes(table)) mediaHashes.add(hash);
  }
  checkTablesAgainstRecord(tables, record, paths.tables);
  const hasCode = entries.has(paths.code);
  if (hasCode !== (record.code !== undefined)) throw new BundleError(`${paths.code} ${hasCode ? 'is there, but the run has no code reference' : 'is missing, but the run refers to code'}`);
  if (hasCode) {
    expected.add(paths.code);
    checkRunCodeFile(parseJson(await read(paths.code), paths.code), paths.code, record.code!);
  }
  return { record, tables, mediaHashes };
}

/** The run record's table summary must list exactly the keys tables.json has, each with as many versions. */
function checkTablesAgainstRecord(tables: readonly BundledTableLog[], record: RunRecord, where: string): void {
  const versions = new Map<string, number>();
  for (const log of tables) versions.set(log.key, (versions.get(log.key) ?? 0) + 1);
  const summary = record.tables ?? {};
  for (const key of new Set([...versions.keys(), ...Object.keys(summary)])) {
    if ((versions.get(key) ?? 0) !== (summary[key]?.versions ?? 0)) {
      throw new BundleError(`${where}: table "${key.slice(0, 60)}" has ${versions.get(key) ?? 0} logs, but the run's record says ${summary[key]?.versions ?? 0}`);
    }
  }
}

export function parseJson(bytes: Uint8Array, path: string): unknown {
  try {
    return decodeBundleJson(bytes);
  } catch (error) {
    throw new BundleError(`${path} is not valid JSON (${errorMessage(error)})`);
  }
}
