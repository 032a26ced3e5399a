import type { DBSchema } from 'idb';
import type { StoredChunk, SeriesIndex } from '../model/history/historyChunks';
import type { StoredCoarseChunk } from '../model/history/coarseLevel';
import type { OverviewBlockLayout } from '../model/history/overviewBlock';
import type { PointsBlockLayout } from '../model/history/pointsBlock';
import type { CellSource, ExecutionRecord, ProjectRecord, RunRecord, RunState, TableLogMode } from '../model/runs/runTypes';
import type { Notebook } from '../model/notebook/notebook';
import type { CellRun } from '../model/notebook/cellRun';

/** A media blob, stored once per distinct content. */
export interface MediaRecord {
  hash: string;
  type: string;
  size: number;
  blob: Blob;
}

/**
 * One logged version (or, for an incremental table, one increment) of a run's table key: its rows as an Arrow IPC
 * stream (model/tables/tableArrow), images as media hashes.
 */
export interface TableRecord {
  runId: string;
  key: string;
  /** 0 for the key's first log, then 1, 2, …: the order of its versions. */
  seq: number;
  step: number;
  mode: TableLogMode;
  rows: number;
  /**
   * The Arrow bytes as a Blob: Chromium 156 reads a 25 MB Blob value and its bytes in ~120 ms, the same bytes as a
   * Uint8Array value in ~350 ms. Records written before that are Uint8Arrays; readTableLogs reads both.
   */
  arrow: Blob | Uint8Array;
  loggedAt: number;
}

/** A table log as read back: its Arrow bytes in memory. */
export type TableLogRecord = Omit<TableRecord, 'arrow'> & { arrow: Uint8Array };

/** A user or app setting. */
export interface SettingRecord {
  key: string;
  value: unknown;
}

/** What every overview block record holds besides its layout. */
interface BlockRecordBase {
  project: string;
  metric: string;
  /** A random id: never reused, so a merge can tell its inputs are still the blocks it read. */
  block: string;
  /** Size of the data, for choosing which blocks to merge. */
  bytes: number;
  data: Blob;
}

/**
 * A coarse overview block as stored: one metric of many finished runs of a project, their coarse levels in one buffer
 * (see packOverviewBlock), kept as a Blob so that listing blocks does not read their data. A copy of the runs' coarse
 * chunks, which stay the source of truth: a block is never changed, only replaced or deleted (store/overviewBlocks.ts).
 * Blocks of v6 have no `kind`.
 */
export interface CoarseBlockRecord extends BlockRecordBase, OverviewBlockLayout {
  kind?: 'coarse';
}

/**
 * A points block (v7): every point of one metric of finished runs too short for a coarse level (see packPointsBlock),
 * a copy of their raw chunks, kept and replaced as coarse blocks are.
 */
export interface PointsBlockRecord extends BlockRecordBase, PointsBlockLayout {
  kind: 'points';
  /**
   * The coarse level of all its runs (see coarseOfPoints), which a panel over a coarse enough axis reads instead of
   * `data`; absent where it would not be much smaller, and in blocks packed before it was added.
   */
  coarse?: PointsCoarsePart;
}

/** A points block's coarse level: an overview block's layout and data, kept and replaced with the block. */
export interface PointsCoarsePart extends OverviewBlockLayout {
  data: Blob;
}

/** What a notebook cell showed when its last run ended (v8), kept so that a reloaded notebook shows it again. */
export interface CellOutputRecord {
  notebookId: string;
  cellId: string;
  /** The run as it ended: status `done` or `error`, its execution count, outputs, result and error. */
  run: CellRun;
  savedAt: number;
}

/** A record of the `overview` store. */
export type OverviewBlockRecord = CoarseBlockRecord | PointsBlockRecord;

/** The IndexedDB layout, for idb's typed API. */
export interface LabbookSchema extends DBSchema {
  projects: { key: string; value: ProjectRecord };
  runs: { key: string; value: RunRecord; indexes: { by_project: string; by_state: RunState; by_project_name: [string, string] } };
  series: { key: [string, string]; value: SeriesIndex; indexes: { by_run: string } };
  /**
   * Raw points, keyed [runId, metric, chunk] so one key range reads a series. by_metric_chunk (v4) orders them by chunk
   * number and then run, so one key range of it reads a chunk of a metric of many runs (see readOverview's zoom).
   */
  chunks: { key: [string, string, number]; value: StoredChunk; indexes: { by_metric_chunk: [string, number, string] } };
  /**
   * The coarse level of each series (v3), keyed [project, metric, runId, chunk] so one key range reads a metric of a
   * project's runs. The project is part of the key: moving a run to another project must rewrite its coarse chunks.
   */
  coarse: { key: [string, string, string, number]; value: StoredCoarseChunk };
  /**
   * Overview blocks (v6), keyed [project, metric, block] so that one key range lists a metric's blocks of a project;
   * by_run (multi-entry over runIds) finds the blocks holding a run, to drop them when it is written to or deleted.
   */
  overview: { key: [string, string, string]; value: OverviewBlockRecord; indexes: { by_run: string } };
  media: { key: string; value: MediaRecord };
  /** Tables (v9), keyed [runId, key, seq] so one key range reads a key's versions in order, and one a run's tables. */
  tables: { key: [string, string, number]; value: TableRecord };
  settings: { key: string; value: SettingRecord };
  notebooks: { key: string; value: Notebook };
  /** Each notebook cell's last outputs (v8), keyed [notebookId, cellId] so one key range reads a notebook's. */
  outputs: { key: [string, string]; value: CellOutputRecord };
  /** Cell sources by SHA-256 (v5): each stored once, however many executions and runs refer to it. */
  cells: { key: string; value: CellSource };
  /** Each kernel's log of executed cells (v5), keyed [kernelId, index]; a run's code is a prefix of one such log. */
  executions: { key: [string, number]; value: ExecutionRecord };
}

/** Name of the database in the browser's IndexedDB. */
export const DEFAULT_DB_NAME = 'labbook';
