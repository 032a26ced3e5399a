import type { Accessor, Component } from 'solid-js';
import type { RunColumn } from '../model/runTable/runColumns';
import type { RunRecord } from '../model/runs/runTypes';
import type { WorkspaceRuns } from '../model/workspace/workspaceRuns';
import type { Panel, PanelType, WorkspaceEdit, WorkspaceState } from '../model/workspace/workspaceState';
import type { LabbookStore } from '../store/labbookStore';

/** What every panel can read and do: the project's runs as the workspace filters them, and the workspace itself. */
export interface PanelContext {
  store: LabbookStore;
  project: string;
  /** All runs of the project, unfiltered. */
  allRuns: Accessor<readonly RunRecord[]>;
  /** Listed, visible and grouped runs after search, filter, brushes, top N and eye toggles. */
  runs: Accessor<WorkspaceRuns>;
  /**
   * The runs listed before brushes apply (the same object while only brushes or eyes change): a panel that draws these
   * and hides the rest follows a brush by hiding lines instead of reading and rebuilding.
   */
  unbrushedRuns: Accessor<readonly RunRecord[]>;
  /** Config and summary columns present in the project's runs. */
  columns: Accessor<readonly RunColumn[]>;
  /** Metrics logged by any run of the project. */
  metrics: Accessor<readonly string[]>;
  state: Accessor<WorkspaceState>;
  dispatch: (edit: WorkspaceEdit) => void;
  /** A run's colour in every panel (its group's colour when grouping). */
  colorOf: (run: RunRecord) => string;
  /** Opens a run's page. */
  openRun: (run: RunRecord) => void;
}

/** One kind of panel: its name, its default spec, how it is drawn and how it is configured. */
export interface PanelKind<P extends Panel = Panel> {
  type: P['type'];
  /** Shown in the Add panel dialog. */
  label: string;
  description: string;
  /** A new panel of this kind with sensible defaults for the project (e.g. the first metric). */
  create: (id: string, ctx: PanelContext) => P;
  /** The panel's heading. */
  title: (panel: P) => string;
  View: Component<{ panel: P; ctx: PanelContext }>;
  /** The panel's settings, edited in place; every change goes through `onChange` with a whole new spec. */
  Editor: Component<{ panel: P; ctx: PanelContext; onChange: (panel: P) => void }>;
}

/** The registry's shape: one kind per panel type. */
export type PanelRegistry = { [T in PanelType]: PanelKind<Extract<Panel, { type: T }>> };
