import type { RunRecord } from './runTypes';

/**
 * 24 categorical colours for run lines, ordered so that any first few are far apart (greedy max-min distance in
 * CIELAB over Tableau, D3, ColorBrewer and Google Charts colours), all saturated, and all dark enough to read on the
 * light page (relative luminance 0.05–0.40).
 */
export const RUN_PALETTE: readonly string[] = [
  '#4e79a7', '#ff7f00', '#109618', '#f032e6', '#dd4477', '#9c6b4e', '#3b3eac', '#22aa99',
  '#aaaa11', '#8b0707', '#ff725c', '#b07aa1', '#6a9f58', '#994499', '#a463f2', '#e41a1c',
  '#a6761d', '#f781bf', '#e6194b', '#b15928', '#990099', '#6f4e7c', '#6633cc', '#66aa00',
];

/** The palette colour at an index, wrapping around. */
export function paletteColor(index: number): string {
  const n = RUN_PALETTE.length;
  return RUN_PALETTE[((Math.floor(index) % n) + n) % n]!;
}

/** What run colours are assigned by: when a run was created, its id breaking ties. */
export type ColoredRun = Pick<RunRecord, 'id' | 'createdAt'>;

/**
 * Each run's colour: the palette in the order the project's runs were created, so no two share one while the palette
 * lasts (a hash of the id gave 16 runs 13 colours), and a reload, or a list sorted or filtered another way, gives
 * each the same. Deleting a run shifts the colours of the runs created after it.
 */
export function runColors(runs: readonly ColoredRun[]): Map<string, string> {
  const ordered = [...runs].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return new Map(ordered.map((run, i) => [run.id, paletteColor(i)]));
}
