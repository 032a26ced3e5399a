import type { Panel } from '../../model/workspace/workspaceState';
import type { PanelKind, PanelRegistry } from '../panelRegistry';
import { barPanelKind } from './barPanel';
import { comparerPanelKind } from './comparerPanel';
import { importancePanelKind } from './importancePanel';
import { linePanelKind } from './linePanel';
import { parallelPanelKind } from './parallelPanel';
import { scatterPanelKind } from './scatterPanel';
import { tablePanelKind } from './tablePanel';
import { mediaPanelKind } from './mediaPanel';

/** Every kind of workspace panel, by type: the one place a new panel kind is registered. */
export const PANEL_KINDS: PanelRegistry = {
  line: linePanelKind,
  bar: barPanelKind,
  scatter: scatterPanelKind,
  comparer: comparerPanelKind,
  importance: importancePanelKind,
  parallel: parallelPanelKind,
  table: tablePanelKind,
  media: mediaPanelKind,
};

/** The kind of a panel spec (its view, editor and title); undefined for a type this version does not know (a newer save). */
export function panelKind<P extends Panel>(panel: P): PanelKind<P> | undefined {
  return (PANEL_KINDS as Partial<Record<string, PanelKind>>)[panel.type] as PanelKind<P> | undefined;
}
