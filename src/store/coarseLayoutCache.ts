import type { SharedCoarseLayouts } from '../model/history/coarseLevel';

/** Layouts kept; a workspace of 1,000 runs of different lengths has about a thousand (~4 MB). */
const MAX_LAYOUTS = 2048;

/**
 * The implied x and counts arrays of coarse levels (see impliedCoarseLayout), kept across a store's overview reads: a
 * workspace's panels read the same runs' metrics, logged over the same steps, and runs of a thousand lengths each
 * built their own per panel, ~20 MB of new arrays for five (read-only, so shared). Dropped whole when full.
 */
export class CoarseLayoutCache {
  private layouts: SharedCoarseLayouts = new Map();

  /** The layouts to share in the next read. */
  forRead(): SharedCoarseLayouts {
    if (this.layouts.size > MAX_LAYOUTS) this.layouts = new Map();
    return this.layouts;
  }
}
