import { errorMessage } from '../../lib/errorMessage';
import { runsInsideBrushes, type Brush } from './brush';
import { parseRunFilter, type FilterError } from '../runTable/runFilterParser';
import { filterRuns } from '../runTable/runFilter';
import { filterKeyHints } from '../runTable/filterHints';
import { groupRuns, type RunGroup } from '../runTable/runGrouping';
import { sortRunsBy, topRuns } from '../runTable/runSorting';
import type { RunRecord } from '../runs/runTypes';
import type { WorkspaceState } from './workspaceState';

/** The workspace settings that decide which runs are listed, shown and grouped: all that workspaceRuns reads. */
export const RUN_SETTINGS = ['search', 'filter', 'brushes', 'topN', 'sort', 'hiddenRuns', 'groupBy'] as const satisfies readonly (keyof WorkspaceState)[];

/** What workspaceRuns derives the runs from. */
export type RunSettings = Pick<WorkspaceState, (typeof RUN_SETTINGS)[number]>;

/**
 * Whether two workspaces have the same run settings. Compared by identity: the workspace reducer keeps every setting
 * an edit does not touch, so a panel resize or a new panel keeps them all.
 */
export function sameRunSettings(a: RunSettings, b: RunSettings): boolean {
  return RUN_SETTINGS.every((key) => a[key] === b[key]);
}

/** The runs a workspace shows, derived from all of a project's runs and the workspace's settings. */
export interface WorkspaceRuns {
  /** What the selector lists: runs passing search, filter, brushes and top N, in the chosen order. */
  listed: RunRecord[];
  /** What `listed` would be without brushes (the same array when there are none). */
  unbrushed: RunRecord[];
  /** Listed runs whose eye is open: what every panel draws. */
  visible: RunRecord[];
  /** The ids of the runs whose eye is closed. */
  hidden: ReadonlySet<string>;
  /** Visible runs grouped by the groupBy columns; null when not grouping. */
  groups: RunGroup[] | null;
  /** What would be listed under other brushes than the workspace's (none: `unbrushed`), search, filter, top N and sort kept. */
  listedUnder: (brushes: readonly Brush[]) => RunRecord[];
  filterError: FilterError | null;
  /** Keys the filter compares that no run of the project has, each with what was probably meant (see filterKeyHints). */
  filterHints: string[];
  searchError: string | null;
}

/** A name search: `/regex/flags`, or plain text matched anywhere in the name, ignoring case. */
function nameMatcher(search: string): { test: (name: string) => boolean } | { error: string } {
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
    return { error: errorMessage(error) };
  }
}

/**
 * Applies a workspace's search, filter, parallel-coordinates brushes, top N, sort, eye toggles and grouping to the
 * project's runs. A search or filter that does not parse filters nothing and reports why, so a half-typed expression
 * never empties the workspace.
 */
export function workspaceRuns(runs: readonly RunRecord[], settings: RunSettings): WorkspaceRuns {
  const matcher = nameMatcher(settings.search);
  const searchError = 'error' in matcher ? matcher.error : null;
  const named = 'error' in matcher ? runs : runs.filter((run) => matcher.test(run.name));
  const parsed = parseRunFilter(settings.filter);
  const matched = parsed.ok ? filterRuns(named, parsed.filter) : named;
  const unbrushed = ranked(matched, settings);
  const listedUnder = (brushes: readonly Brush[]) => {
    if (brushes.length === 0) return unbrushed;
    const inside = runsInsideBrushes(matched, brushes);
    return ranked(matched.filter((run) => inside.has(run.id)), settings);
  };
  const listed = listedUnder(settings.brushes);
  const hidden = new Set(settings.hiddenRuns);
  const visible = listed.filter((run) => !hidden.has(run.id));
  return {
    listed,
    unbrushed,
    visible,
    hidden,
    groups: settings.groupBy.length > 0 ? groupRuns(visible, settings.groupBy) : null,
    listedUnder,
    filterError: parsed.ok ? null : parsed.error,
    filterHints: parsed.ok ? filterKeyHints(runs, parsed.filter) : [],
    searchError,
  };
}

/** Runs after top N, in the chosen order: newest first unless the user sorts, as W&B lists runs (a new array). */
function ranked(runs: readonly RunRecord[], settings: Pick<RunSettings, 'topN' | 'sort'>): RunRecord[] {
  const { topN, sort } = settings;
  if (topN) {
    const top = topRuns(runs, { metric: topN.metric, count: topN.n, goal: topN.goal === 'auto' ? undefined : topN.goal });
    return sort.length > 0 ? sortRunsBy(top, sort) : top;
  }
  return sort.length > 0 ? sortRunsBy(runs, sort) : [...runs].sort((a, b) => b.createdAt - a.createdAt);
}

/** The same run records (not copies) in the same order. */
export function sameRecords(a: readonly RunRecord[], b: readonly RunRecord[]): boolean {
  return a.length === b.length && a.every((run, i) => run === b[i]);
}

/** Same runs in the same order (the records themselves may be newer copies). */
export function sameRuns(a: readonly RunRecord[], b: readonly RunRecord[]): boolean {
  return a.length === b.length && a.every((run, i) => run.id === b[i]!.id);
}
