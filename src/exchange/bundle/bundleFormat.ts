import type { ProjectRecord } from '../../model/runs/runTypes';
import type { TableLogMode } from '../../model/runs/runTypes';

/**
 * A run bundle (`.labbook.zip`): `manifest.json`, then per run `runs/<id>/run.json` (its record), `history.arrow`
 * (every point, see historyArrow.ts), `tables.json` and `tables/<n>.arrow` (each table log as stored), `code.json`
 * (the cells it ran); `media/<sha256>` (each image once); `projects/<n>.json` (a project's record and saved workspace)
 * and `notebooks/<id>.json`. The manifest lists every other file with its size and SHA-256.
 */
export const BUNDLE_FORMAT = 'labbook-bundle';
export const BUNDLE_VERSION = 1;
export const BUNDLE_EXTENSION = '.labbook.zip';
export const MANIFEST_PATH = 'manifest.json';

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface ManifestRun {
  id: string;
  project: string;
  name: string;
  /** Bytes of the run's files in the bundle (uncompressed). */
  bytes: number;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  app: { name: 'labbook'; version: string };
  /** ISO 8601. */
  created: string;
  runs: ManifestRun[];
  projects: string[];
  notebooks: { id: string; name: string }[];
  media: { hash: string; type: string }[];
  files: ManifestFile[];
}

/** A project as bundled: its record and its saved workspace (null when it has none). */
export interface BundledProject {
  record: ProjectRecord;
  workspace: unknown;
}

/** One table log as listed in `tables.json`; its Arrow bytes are `runs/<id>/tables/<file>.arrow`. */
export interface BundledTableLog {
  key: string;
  seq: number;
  step: number;
  mode: TableLogMode;
  rows: number;
  loggedAt: number;
  file: number;
}

export const runFile = (runId: string, name: string): string => `runs/${runId}/${name}`;
export const tableFile = (runId: string, file: number): string => `runs/${runId}/tables/${file}.arrow`;
export const mediaFile = (hash: string): string => `media/${hash}`;
export const projectFile = (index: number): string => `projects/${index}.json`;
export const notebookFile = (id: string): string => `notebooks/${id}.json`;

/** Media already compressed (images) are stored; everything else is deflated. */
export const STORED_TYPES = /^image\/(png|webp|jpeg|gif)$/;

/** What an import accepts before reading further: a bundle is refused from its directory alone past these. */
export const BUNDLE_LIMITS = {
  maxRuns: 5000,
  maxEntries: 500_000,
  maxEntryBytes: 1024 ** 3,
  maxTotalBytes: 16 * 1024 ** 3,
};
