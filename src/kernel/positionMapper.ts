import type { DecodedSourceMap } from 'magic-string';

/** Maps a 1-based line and column of generated code to the source it came from (null when unmapped). */
export type PositionMapper = (line: number, column: number) => { line: number; column: number } | null;

/**
 * A mapper over a decoded source map (as magic-string produces): takes the last segment at or before the column on
 * that line, and shifts by the distance from it, which is exact inside unedited text.
 */
export function sourcePositionMapper(map: Pick<DecodedSourceMap, 'mappings'>): PositionMapper {
  return (line, column) => {
    const segments = map.mappings[line - 1];
    if (!segments || segments.length === 0) return null;
    let best: (typeof segments)[number] | undefined;
    for (const segment of segments) {
      if (segment[0] <= column - 1) best = segment;
      else break;
    }
    best ??= segments[0]!;
    if (best.length < 4) return null;
    const sourceLine = best[2]!;
    const sourceColumn = best[3]! + Math.max(0, column - 1 - best[0]);
    return { line: sourceLine + 1, column: sourceColumn + 1 };
  };
}
