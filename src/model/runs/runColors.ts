import { fnv1a64Hex } from '../../lib/stringHash';

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

/** A run's colour from a hash of its id: the same on every reload and whatever order the runs come in. */
export function runColor(runId: string): string {
  // The low 32 bits of FNV-1a: well mixed even for ids that differ in one character.
  return paletteColor(parseInt(fnv1a64Hex(runId).slice(8), 16) % RUN_PALETTE.length);
}
