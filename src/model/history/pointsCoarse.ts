import { appendToCoarse } from './coarseLevel';
import { overviewRunBytes, packOverviewBlock, type OverviewRun, type PackedOverviewBlock } from './overviewBlock';
import { pointsRunBytes, type PointsRun } from './pointsBlock';

/**
 * A points block's runs get a coarse level beside their points when it takes at most this share of the points' bytes.
 * Logged every step, it takes 12 bytes for 16 points of 8 (9 %); an eval metric every 100 steps has a bucket per point,
 * which would be as large as the points and save no read.
 */
const COARSE_SHARE_MAX = 1 / 4;

/**
 * The coarse level of every run of a points block, as an overview block, or null when it would not be much smaller than
 * their points (see COARSE_SHARE_MAX). All runs or none: a panel reads it instead of the points only when it holds
 * every run it asks. A workspace's axis over long runs is coarser than 16 steps a pixel anyway, so short runs drawn on
 * it need no more than their coarse level: for 400 runs of 500–4,000 steps that is 0.7 MB to read, not 7.
 */
export function coarseOfPoints(runs: readonly PointsRun[]): PackedOverviewBlock | null {
  const levels: OverviewRun[] = runs.map(({ runId, steps, values }) => ({ runId, chunks: appendToCoarse(null, { runId, metric: '' }, steps, values) }));
  const coarseBytes = levels.reduce((sum, level) => sum + overviewRunBytes(level), 0);
  const pointsBytes = runs.reduce((sum, run) => sum + pointsRunBytes(run), 0);
  return levels.length > 0 && coarseBytes <= pointsBytes * COARSE_SHARE_MAX ? packOverviewBlock(levels) : null;
}
