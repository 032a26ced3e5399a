import type { IDBPDatabase } from 'idb';
import type { SeriesBuckets, SeriesQuery } from '../model/history/buckets';
import type { HistoryBatch } from '../model/history/historyBatch';
import type { ExecutedCellsLog, ProjectRecord, RunCode, RunCodeCell, RunRecord } from '../model/runs/runTypes';
import { runNameStemBounds, runNameWithOrdinal } from '../model/runs/runNames';
import type { Notebook } from '../model/notebook/notebook';
import type { CellRun } from '../model/notebook/cellRun';
import { sha256Hex } from '../lib/contentHash';
import { ChangeFeed } from './changeFeed';
import { appendExecutedCells, readRunCode } from './codeLog';
import { HistoryWriter } from './historyWriter';
import { dropOverviewBlocksOf } from './overviewBlocks';
import { OverviewPacker } from './overviewPacker';
import { packProject } from './overviewPacking';
import { openDatabase, type DatabaseClosedReason, type OpenDatabaseOptions } from './openDatabase';
import type { LabbookSchema, MediaRecord, TableLogRecord } from './schema';
import { appendTable, readRunTableLogs, readTableLogs } from './tableWrites';
import type { MediaFile, TableLog } from '../model/tables/tableTypes';
import { RawChunkReads } from './rawChunkReads';
import { readWholeSeries } from './wholeSeries';
import type { ChunkRecord } from '../model/history/historyChunks';
import { CoarseLayoutCache } from './coarseLayoutCache';
import { readOverview, readRawAhead, readSeries, type OverviewAnswer, type OverviewQuery } from './historyReads';
import { commitWrites, withQuotaCheck } from './storageFull';
import { deleteProjectData, deleteRunData, previewProjectDeletion, previewRunDeletion, type DeletionPreview } from './runDeletion';
import { projectSettingKey } from './settingKeys';
import { projectStorageUse, type ProjectStorageUse } from './storageUse';
import { addImportedRun, putImportedProject, putImportedRunFiles, type ImportedProject, type ImportedRun } from './runImport';

/** A project with what the projects list shows. */
export interface ProjectSummary extends ProjectRecord {
  runCount: number;
}

/** A notebook save refused because another tab saved (or deleted) the notebook since this copy was loaded. */
export class NotebookChangedError extends Error {
  override name = 'NotebookChangedError';
  constructor(
    /** The notebook as stored now; undefined when it was deleted. */
    readonly stored: Notebook | undefined,
  ) {
    super(stored ? 'the notebook was changed in another tab' : 'the notebook was deleted in another tab');
  }
}

/** Options of createRun. */
export interface CreateRunOptions {
  /** Generate the name from this stem and the run's ordinal instead of using run.name. */
  nameStem?: string;
  /**
   * Told the final record as soon as its name is settled, before the transaction commits: later transactions are
   * ordered after this one, so a caller may hand the run out while the commit is still in flight.
   */
  onNamed?: (run: RunRecord) => void;
}

/** The by_project_name keys of a project's runs named from `stem` (see runNameStemBounds). */
function namesWithStem(project: string, stem: string): IDBKeyRange {
  const [from, to] = runNameStemBounds(stem);
  return IDBKeyRange.bound([project, from], [project, to], false, true);
}

/** Options for openStore. */
export interface OpenStoreOptions extends OpenDatabaseOptions {
  feed?: ChangeFeed;
}

/** What the user is told when the database connection closed under the page (see OpenDatabaseOptions.onClosed). */
export const DATABASE_CLOSED_MESSAGES: Record<DatabaseClosedReason, string> = {
  'upgraded-elsewhere': 'Labbook was updated in another tab: reload',
  terminated: 'the browser closed Labbook\'s storage: reload',
};

/** Opens the store: the only code that touches IndexedDB. */
export async function openStore(options: OpenStoreOptions = {}): Promise<LabbookStore> {
  // The store does not exist yet when the database tells of its closing, so listeners are kept here and handed over.
  const closedListeners = new Set<(message: string) => void>();
  const db = await openDatabase({
    ...options,
    onClosed: (reason) => {
      options.onClosed?.(reason);
      for (const listener of closedListeners) listener(DATABASE_CLOSED_MESSAGES[reason]);
    },
  });
  return new LabbookStore(db, options.feed ?? new ChangeFeed(), closedListeners);
}

/** Projects, runs, history, media and settings in IndexedDB; every write posts a change notice. */
export class LabbookStore {
  private readonly history: HistoryWriter;
  private readonly rawReads = new RawChunkReads();
  private readonly coarseLayouts = new CoarseLayoutCache();
  /** Packs finished runs' coarse levels into overview blocks, in the background, after runs end (see overviewBlocks.ts). */
  private readonly packer = new OverviewPacker((project, shortRunIds) => packProject(this.db, project, shortRunIds));
  /** Runs this tab created and still writes (created here, not yet released): a deletion refused for them says so. */
  private readonly writingHere = new Set<string>();

  constructor(
    readonly db: IDBPDatabase<LabbookSchema>,
    readonly feed: ChangeFeed,
    private readonly closedListeners = new Set<(message: string) => void>(),
  ) {
    this.history = new HistoryWriter(db);
    // New points of a metric, written here or in another tab, make kept raw reads of it stale. Subscribed before any
    // view, so the reads are forgotten before a view hears of the change and reads again.
    feed.subscribe((notice) => {
      if (notice.type === 'history') this.rawReads.forget(notice.metrics);
    });
  }

  /**
   * Subscribes to the database closing under the page (a newer Labbook upgraded it in another tab, or the browser
   * ended the connection); the listener gets the message to show. Returns the unsubscribe function.
   */
  onClosed(listener: (message: string) => void): () => void {
    this.closedListeners.add(listener);
    return () => this.closedListeners.delete(listener);
  }

  /** All projects, most recently active first. */
  async listProjects(): Promise<ProjectSummary[]> {
    const tx = this.db.transaction(['projects', 'runs']);
    const projects = await tx.objectStore('projects').getAll();
    const byProject = tx.objectStore('runs').index('by_project');
    const counts = await Promise.all(projects.map((p) => byProject.count(p.name)));
    return projects.map((p, i) => ({ ...p, runCount: counts[i] ?? 0 })).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /**
   * Creates a run, and its project if new. With `nameStem`, the run is named `stem-N` with N its ordinal in the project,
   * moved up past names already taken; checked and written in one transaction, so two tabs never get the same name.
   */
  async createRun(run: RunRecord, options: CreateRunOptions = {}): Promise<RunRecord> {
    const created = await withQuotaCheck(async () => {
      const tx = this.db.transaction(['projects', 'runs'], 'readwrite');
      const projects = tx.objectStore('projects');
      const runs = tx.objectStore('runs');
      const byName = runs.index('by_project_name');
      const [existing, runCount, stemTaken] = await Promise.all([
        projects.get(run.project),
        runs.index('by_project').count(run.project),
        options.nameStem === undefined ? 0 : byName.count(namesWithStem(run.project, options.nameStem)),
      ]);
      let named = run;
      if (options.nameStem !== undefined) {
        let ordinal = runCount + 1;
        // Usually no run of the project has this stem, so the name is settled by the reads above: init() waits for
        // this, on every run's critical path. Only a stem in use needs names checked one by one.
        if (stemTaken > 0) while ((await byName.count([run.project, runNameWithOrdinal(options.nameStem, ordinal)])) > 0) ordinal++;
        named = { ...run, name: runNameWithOrdinal(options.nameStem, ordinal) };
      }
      options.onNamed?.(named);
      await commitWrites(
        [projects.put({ name: run.project, createdAt: existing?.createdAt ?? run.createdAt, updatedAt: run.createdAt }), runs.add(named)],
        tx.done,
      );
      return named;
    });
    this.history.trackNewRun(created.id);
    this.writingHere.add(created.id);
    this.feed.post({ type: 'projects' });
    this.feed.post({ type: 'runs', project: created.project, runIds: [created.id] });
    return created;
  }

  /** Reads a run. */
  getRun(id: string): Promise<RunRecord | undefined> {
    return this.db.get('runs', id);
  }

  /** Runs by id, in one transaction (undefined for an id with no run). */
  async getRuns(ids: readonly string[]): Promise<(RunRecord | undefined)[]> {
    const tx = this.db.transaction('runs');
    return Promise.all(ids.map((id) => tx.store.get(id)));
  }

  /** Every run of a project, newest first. */
  async listRuns(project: string): Promise<RunRecord[]> {
    const runs = await this.db.getAllFromIndex('runs', 'by_project', project);
    return runs.sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Runs in a given state, across projects (crash detection looks for `running`). */
  listRunsInState(state: RunRecord['state']): Promise<RunRecord[]> {
    return this.db.getAllFromIndex('runs', 'by_state', state);
  }

  /**
   * Applies `update` to a run record atomically; returns the new record. A run running again (its owner's heartbeat
   * after another tab took it for crashed) leaves its overview blocks in the same transaction: blocks hold only runs
   * that are not running, which is what lets HistoryWriter skip the lookup for a live run's batches.
   */
  async updateRun(id: string, update: (run: RunRecord) => RunRecord): Promise<RunRecord> {
    const { stateBefore, updated, dropped } = await withQuotaCheck(async () => {
      const tx = this.db.transaction(['runs', 'overview'], 'readwrite');
      const run = await tx.objectStore('runs').get(id);
      if (!run) throw new Error(`run ${id} does not exist`);
      const next = update(run);
      const revived = run.state !== 'running' && next.state === 'running';
      const dropping = revived ? dropOverviewBlocksOf(tx.objectStore('overview'), [id]) : Promise.resolve(new Set<string>());
      await commitWrites([tx.objectStore('runs').put(next), dropping], tx.done);
      return { stateBefore: run.state, updated: next, dropped: await dropping };
    });
    this.packWhenEnded(stateBefore, updated);
    for (const project of dropped) this.packer.schedule(project);
    this.feed.post({ type: 'runs', project: updated.project, runIds: [id] });
    return updated;
  }

  /** Appends history points and updates the run record (summary, timestamps) in one transaction. */
  async appendHistory(runId: string, batch: HistoryBatch, updateRun: (run: RunRecord) => RunRecord): Promise<RunRecord> {
    const { run: updated, stateBefore, droppedBlocksOf } = await this.history.append(runId, batch, updateRun);
    this.packWhenEnded(stateBefore, updated);
    for (const project of droppedBlocksOf) this.packer.schedule(project);
    if (batch.metrics.length > 0) this.feed.post({ type: 'history', runId, metrics: batch.metrics });
    this.feed.post({ type: 'runs', project: updated.project, runIds: [runId] });
    return updated;
  }

  /** Stores one log of a table key with the media it needs (each file once by hash); the run's page hears of it. */
  async appendTable(runId: string, log: TableLog, media: readonly MediaFile[]): Promise<RunRecord> {
    const updated = await appendTable(this.db, runId, log, media, Date.now());
    this.feed.post({ type: 'runs', project: updated.project, runIds: [runId] });
    return updated;
  }

  /** Every log of a run's table key, oldest first (versions, or an incremental table's increments). */
  readTableLogs(runId: string, key: string): Promise<TableLogRecord[]> {
    return readTableLogs(this.db, runId, key);
  }

  /** Every table log of a run, by key and then oldest first: what a bundle carries. */
  readRunTableLogs(runId: string): Promise<TableLogRecord[]> {
    return readRunTableLogs(this.db, runId);
  }

  /**
   * Writes a run from a bundle as it was exported (its id must be free): record and project, then tables, media and
   * code, then its points with the record's true state. Three transactions, as a run's history is written by the
   * history writer; if any fails, what the first two wrote is deleted again, so a failed import leaves nothing.
   */
  async importRun(run: ImportedRun, project: ImportedProject): Promise<{ madeProject: boolean }> {
    const { id } = run.record;
    const madeProject = await addImportedRun(this.db, run, project);
    this.history.trackNewRun(id);
    try {
      await putImportedRunFiles(this.db, run);
      if (run.history.metrics.length > 0) await this.history.append(id, run.history, () => run.record);
      else await this.updateRun(id, () => run.record);
    } catch (error) {
      await deleteRunData(this.db, [id]);
      throw error;
    } finally {
      this.history.forget(id);
    }
    this.packer.schedule(run.record.project, [id]);
    this.feed.post({ type: 'projects' });
    this.feed.post({ type: 'runs', project: run.record.project, runIds: [id] });
    if (run.history.metrics.length > 0) this.feed.post({ type: 'history', runId: id, metrics: run.history.metrics });
    return { madeProject };
  }

  /** Makes a project from a bundle that holds none of its runs, where it does not exist; says whether it made it. */
  async importProject(project: ImportedProject): Promise<boolean> {
    const made = await putImportedProject(this.db, project);
    if (made) this.feed.post({ type: 'projects' });
    return made;
  }

  /** A project's record, if it exists. */
  getProject(name: string): Promise<ProjectRecord | undefined> {
    return this.db.get('projects', name);
  }

  /** Frees what the writer cached for a run that will log no more. */
  releaseRun(runId: string): void {
    this.history.forget(runId);
    this.writingHere.delete(runId);
  }

  /** What deleting these runs would remove (running ones are kept and listed apart), for a confirmation to name. */
  previewRunDeletion(runIds: readonly string[]): Promise<DeletionPreview> {
    return previewRunDeletion(this.db, runIds, this.writingHere);
  }

  /** What deleting a project would remove. */
  previewProjectDeletion(project: string): Promise<DeletionPreview> {
    return previewProjectDeletion(this.db, project, this.writingHere);
  }

  /**
   * Deletes runs with their history, in one transaction; refused whole (RunsStillRunningError) if any is running.
   * Every view of their project, here and in other tabs, hears of it.
   */
  async deleteRuns(runIds: readonly string[]): Promise<void> {
    this.announceDeleted(await deleteRunData(this.db, runIds));
  }

  /** Deletes a project: its runs with their history, its saved workspace and its record, in one transaction. */
  async deleteProject(project: string): Promise<void> {
    this.announceDeleted(await deleteProjectData(this.db, project));
    this.feed.post({ type: 'settings', key: projectSettingKey('workspace', project) });
  }

  /** How much history each project holds, largest first (reads indexes, not points). */
  projectStorageUse(): Promise<ProjectStorageUse[]> {
    return projectStorageUse(this.db);
  }

  private announceDeleted(runs: readonly RunRecord[]): void {
    const byProject = new Map<string, string[]>();
    for (const run of runs) {
      this.history.forget(run.id);
      byProject.set(run.project, [...(byProject.get(run.project) ?? []), run.id]);
    }
    // The overview blocks that held deleted runs are gone with them; the rest of their runs are packed again.
    for (const project of byProject.keys()) this.packer.schedule(project);
    for (const [project, runIds] of byProject) this.feed.post({ type: 'runs', project, runIds });
    this.feed.post({ type: 'projects' });
  }

  /** Names of the metrics a run has logged, sorted. */
  async listMetrics(runId: string): Promise<string[]> {
    const keys = await this.db.getAllKeysFromIndex('series', 'by_run', runId);
    return keys.map(([, metric]) => metric).sort();
  }

  /**
   * Every point a run logged, metric by metric (sorted by name), at full resolution, read in one transaction: what an
   * export writes. Chunks stay the record of every point; the overview blocks are derived from them.
   */
  async readRunHistory(runId: string): Promise<ChunkRecord[]> {
    const metrics = await this.listMetrics(runId);
    const chunks = this.db.transaction('chunks').objectStore('chunks');
    const steps = new Map<string, Float64Array>();
    return Promise.all(metrics.map((metric) => readWholeSeries(chunks, runId, metric, steps)));
  }

  /** Names of the metrics any of these runs logged, sorted (one read of the series index, whatever the run count). */
  async listMetricsOfRuns(runIds: Iterable<string>): Promise<string[]> {
    const wanted = new Set(runIds);
    const keys = await this.db.getAllKeys('series');
    const metrics = new Set<string>();
    for (const [runId, metric] of keys) if (wanted.has(runId)) metrics.add(metric);
    return [...metrics].sort();
  }

  /**
   * A metric's history reduced to at most `buckets` min/max/last buckets over `xRange` (exact points when few enough),
   * from the coarse level when the buckets are wide enough, otherwise from raw points.
   */
  series(runId: string, metric: string, query: SeriesQuery): Promise<SeriesBuckets> {
    return readSeries(this.db, runId, metric, query);
  }

  /** One metric of many runs of a project, bucketed for one chart, with the time each stage took (see readOverview). */
  async seriesOverview(query: OverviewQuery): Promise<OverviewAnswer> {
    const answer = await readOverview(this.db, query, this.rawReads, this.coarseLayouts.forRead());
    // Runs a closed tab ended before it packed them are packed when a workspace finds them loose.
    this.packer.noteLooseRead(query.project, answer.timings.looseRuns + answer.unpackedShortRuns.length, answer.unpackedShortRuns);
    return answer;
  }

  /** Resolves once the overview blocks of every run this tab saw end are written (for benchmarks and tests). */
  whenOverviewPacked(): Promise<void> {
    return this.packer.whenIdle();
  }

  /** A run that left `running` has its coarse level packed into overview blocks soon. */
  private packWhenEnded(stateBefore: RunRecord['state'], run: RunRecord): void {
    if (stateBefore === 'running' && run.state !== 'running') this.packer.schedule(run.project, [run.id]);
  }

  /**
   * Starts reading what a zoom of a metric of these runs to `xRange` (steps) would read from raw points, so that a
   * seriesOverview of that zoom soon after finds it read. A chart calls it when a drag to zoom starts and grows.
   */
  readZoomAhead(query: { metric: string; runIds: readonly string[]; xRange: [number, number] }): void {
    readRawAhead(this.db, this.rawReads, query);
  }

  /** Stores cells a kernel executed: each execution in its kernel's log, each new source once by hash. */
  appendExecutedCells(log: ExecutedCellsLog): Promise<void> {
    return appendExecutedCells(this.db, log);
  }

  /** The cells of a run's code in the order they ran, with their sources. */
  readRunCode(code: RunCode): Promise<RunCodeCell[]> {
    return readRunCode(this.db, code);
  }

  /** Stores a blob once per distinct content; returns its hash. */
  async putMedia(blob: Blob): Promise<string> {
    const hash = await sha256Hex(await blob.arrayBuffer());
    const record: MediaRecord = { hash, type: blob.type, size: blob.size, blob };
    await this.putOne('media', record);
    this.feed.post({ type: 'media', hash });
    return hash;
  }

  /** Reads a stored blob. */
  async getMedia(hash: string): Promise<Blob | undefined> {
    return (await this.db.get('media', hash))?.blob;
  }

  /** Reads a setting. */
  async getSetting<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('settings', key))?.value as T | undefined;
  }

  /** Writes a setting. */
  async setSetting(key: string, value: unknown): Promise<void> {
    await this.putOne('settings', { key, value });
    this.feed.post({ type: 'settings', key });
  }

  /** Every notebook, most recently edited first. */
  async listNotebooks(): Promise<Notebook[]> {
    return (await this.db.getAll('notebooks')).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** Reads a notebook. */
  getNotebook(id: string): Promise<Notebook | undefined> {
    return this.db.get('notebooks', id);
  }

  /**
   * Saves a notebook (create or replace) and returns it as stored, with its new revision. With `expectRevision`, the
   * save happens only if the stored notebook is still at that revision (or absent when it is undefined): otherwise it
   * throws NotebookChangedError with the stored one, so an edit made in another tab is never overwritten unseen.
   */
  async saveNotebook(notebook: Notebook, options: { expectRevision?: number | undefined } = {}): Promise<Notebook> {
    const saved = await withQuotaCheck(async () => {
      const tx = this.db.transaction('notebooks', 'readwrite');
      const stored = await tx.store.get(notebook.id);
      if ('expectRevision' in options && stored?.revision !== options.expectRevision) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new NotebookChangedError(stored);
      }
      const next = { ...notebook, revision: (stored?.revision ?? 0) + 1 };
      await commitWrites([tx.store.put(next)], tx.done);
      return next;
    });
    this.feed.post({ type: 'notebooks', notebookId: notebook.id });
    return saved;
  }

  /** Deletes a notebook. */
  async deleteNotebook(id: string): Promise<void> {
    const tx = this.db.transaction(['notebooks', 'outputs'], 'readwrite');
    await Promise.all([tx.objectStore('notebooks').delete(id), tx.objectStore('outputs').delete(notebookOutputs(id)), tx.done]);
    this.feed.post({ type: 'notebooks', notebookId: id });
  }

  /** Each cell's outputs of a notebook as its last run left them, by cell id. */
  async cellOutputs(notebookId: string): Promise<Map<string, CellRun>> {
    const records = await this.db.getAll('outputs', notebookOutputs(notebookId));
    return new Map(records.map((record) => [record.cellId, record.run]));
  }

  /** Keeps what a cell showed when its run ended (replacing its previous outputs); null forgets them (cleared). */
  saveCellOutput(notebookId: string, cellId: string, run: CellRun | null): Promise<void> {
    return withQuotaCheck(async () => {
      const tx = this.db.transaction('outputs', 'readwrite');
      const write = run ? tx.store.put({ notebookId, cellId, run, savedAt: Date.now() }) : tx.store.delete([notebookId, cellId]);
      await commitWrites([write], tx.done);
    });
  }

  private putOne<S extends 'media' | 'settings'>(storeName: S, value: LabbookSchema[S]['value']): Promise<void> {
    return withQuotaCheck(async () => {
      const tx = this.db.transaction(storeName, 'readwrite');
      await commitWrites([tx.store.put(value)], tx.done);
    });
  }

  /** Closes the database and the change channel. */
  close(): void {
    this.packer.stop();
    this.db.close();
    this.feed.close();
  }
}

/** The key range of one notebook's cell outputs. */
function notebookOutputs(notebookId: string): IDBKeyRange {
  return IDBKeyRange.bound([notebookId], [notebookId, []]);
}
