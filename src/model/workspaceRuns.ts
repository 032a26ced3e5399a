import { runsInsideBrushes } from './brush';
import { parseRunFilter, type FilterError } from './runFilterParser';
import { filterRuns } from './runFilter';
import { groupRuns, type RunGroup } from './runGrouping';
import { sortRunsBy, topRuns } from './runSorting';
import type { RunRecord } from './runTypes';
import type { WorkspaceState } from './workspaceState';

/** The runs a workspace shows, derived from all of a project's runs and the workspace's settings. */
export interface WorkspaceRuns {
  /** What the selector lists: runs passing search, filter, brushes and top N, in the chosen order. */
  listed: RunRecord[];
  /** Listed runs whose eye is open: what every panel draws. */
  visible: RunRecord[];
  /** Visible runs grouped by the groupBy columns; null when not grouping. */
  groups: RunGroup[] | null;
  filterError: FilterError | null;
  searchError: string | null;
}

/** A name search: `/regex/flags`, or plain text matched anywhere in the name, ignoring case. */
export function nameMatcher(search: string): { test: (name: string) => boolean } | { error: string } {
  const text = search.trim();
  if (text === '') return { test: () => true };
  const regex = /^\/(.*)\/([a-z]*)$/.exec(text);
  if (!regex) {
    const needle = text.toLowerCase();
    return { test: (name) => name.toLowerCase().includes(needle) };
  }
  try {
    const pattern = new RegExp(regex[1]!, regex[2]);
    return { test: (name) => pattern.test(name) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Applies a workspace's search, filter, parallel-coordinates brushes, top N, sort, eye toggles and grouping to the
 * project's runs. A search or filter that does not parse filters nothing and reports why, so a half-typed expression
 * never empties the workspace.
 */
export function workspaceRuns(runs: readonly RunRecord[], state: WorkspaceState): WorkspaceRuns {
  let listed: RunRecord[] = [...runs];
  const matcher = nameMatcher(state.search);
  const searchError = 'error' in matcher ? matcher.error : null;
  if (!('error' in matcher)) listed = listed.filter((run) => matcher.test(run.name));
  const parsed = parseRunFilter(state.filter);
  if (parsed.ok) listed = filterRuns(listed, parsed.filter);
  if (state.brushes.length > 0) {
    const inside = runsInsideBrushes(listed, state.brushes);
    listed = listed.filter((run) => inside.has(run.id));
  }
  if (state.topN) {
    const goal = state.topN.goal === 'auto' ? undefined : state.topN.goal;
    listed = topRuns(listed, { metric: state.topN.metric, count: state.topN.n, goal });
  }
  // Newest first unless the user sorts, as W&B lists runs.
  listed = state.sort.length > 0 ? sortRunsBy(listed, state.sort) : state.topN ? listed : listed.sort((a, b) => b.createdAt - a.createdAt);
  const hidden = new Set(state.hiddenRuns);
  const visible = listed.filter((run) => !hidden.has(run.id));
  return {
    listed,
    visible,
    groups: state.groupBy.length > 0 ? groupRuns(visible, state.groupBy) : null,
    filterError: parsed.ok ? null : parsed.error,
    searchError,
  };
}

/** Same runs in the same order (the records themselves may be newer copies). */
export function sameRuns(a: readonly RunRecord[], b: readonly RunRecord[]): boolean {
  return a.length === b.length && a.every((run, i) => run.id === b[i]!.id);
}
