import { seededRandom } from '../../lib/seededRandom';
import { lowerBound, upperBound } from '../history/buckets';

/** A regression problem: feature columns (NaN = missing) and the target, one entry per sample. */
export interface ForestData {
  features: readonly Float64Array[];
  target: Float64Array;
}

/** How the forest is grown; every field has a default that suits a few hundred to a few thousand runs. */
export interface ForestOptions {
  /** Same seed, same data → same importances. */
  seed?: number;
  trees?: number;
  maxDepth?: number;
  /** Fewest bootstrap draws a leaf may hold, so trees stop before fitting single noisy runs. */
  minLeaf?: number;
  /**
   * Features tried per split; by default all of them, as scikit-learn's regressor does: with a third (the classic
   * choice) a noise feature wins every split the informative one is not offered, and takes a share of importance.
   */
  featuresPerSplit?: number;
  /** Value bins per feature; splits fall between bins. */
  bins?: number;
}

/**
 * Mean decrease in impurity of a seeded random forest of regression trees (bootstrap samples, optionally a random
 * subset of features per split), normalised to sum to 1: the random-forest importance W&B's parameter-importance
 * panel shows. Each feature is cut into at most `bins` quantile bins plus one for missing values, so missing values
 * can split off on their own and a split costs O(samples) instead of a sort. All zeros when the target is constant.
 */
export function forestImportance(data: ForestData, options: ForestOptions = {}): Float64Array {
  const { seed = 1, trees = 50, maxDepth = 6, minLeaf = 3 } = options;
  // Bin codes are bytes: 0 for missing, so at most 254 value bins.
  const bins = Math.min(254, Math.max(2, Math.floor(options.bins ?? 32)));
  const n = data.target.length;
  const f = data.features.length;
  const importance = new Float64Array(f);
  if (n < 2 * minLeaf || f === 0) return importance;
  const mtry = Math.min(f, Math.max(1, options.featuresPerSplit ?? f));
  // Centred, so the sums below stay small and a target like 1e6 ± 1 loses no precision.
  const mean = data.target.reduce((a, b) => a + b, 0) / n;
  const y = data.target.map((v) => v - mean);
  const totalSse = y.reduce((a, v) => a + v * v, 0);
  if (!(totalSse > 0)) return importance;
  const grower = new TreeGrower({ y, binned: data.features.map((column) => binFeature(column, bins)), minGain: 1e-12 * totalSse, minLeaf, mtry });
  const random = seededRandom(seed);
  for (let t = 0; t < trees; t++) grower.grow({ random, maxDepth, importance });
  const total = importance.reduce((a, b) => a + b, 0);
  return total > 0 ? importance.map((v) => v / total) : importance;
}

/** Grows trees without keeping them (only their impurity decreases are wanted), in typed arrays allocated once. */
class TreeGrower {
  private readonly y: Float64Array;
  private readonly binned: readonly BinnedFeature[];
  private readonly minGain: number;
  private readonly minLeaf: number;
  private readonly mtry: number;
  /** This tree's bootstrap draw count per sample: duplicates weigh more instead of being scanned again. */
  private readonly weight: Float64Array;
  /** The drawn samples, reordered so each node's samples are one contiguous range. */
  private readonly idx: Int32Array;
  private readonly order: Int32Array;
  private readonly count: Float64Array;
  private readonly sumY: Float64Array;
  /** Pending nodes as (start, end, depth) triples. */
  private readonly stack: Int32Array;
  private bestGain = 0;
  private bestFeature = -1;
  private bestBin = -1;
  /** Σ weight·y and Σ weight of the node being split. */
  private nodeSum = 0;
  private nodeWeight = 0;

  constructor(setup: { y: Float64Array; binned: readonly BinnedFeature[]; minGain: number; minLeaf: number; mtry: number }) {
    this.y = setup.y;
    this.binned = setup.binned;
    this.minGain = setup.minGain;
    this.minLeaf = setup.minLeaf;
    this.mtry = setup.mtry;
    const n = this.y.length;
    const maxBins = Math.max(...this.binned.map((b) => b.bins));
    this.weight = new Float64Array(n);
    this.idx = new Int32Array(n);
    this.order = Int32Array.from({ length: this.binned.length }, (_, i) => i);
    this.count = new Float64Array(maxBins);
    this.sumY = new Float64Array(maxBins);
    // Depth-first, a node's pending siblings number at most one per level; n bounds the levels.
    this.stack = new Int32Array(3 * (n + 2));
  }

  /** Grows one tree on a bootstrap sample, adding each split's decrease in squared error to its feature. */
  grow(run: { random: () => number; maxDepth: number; importance: Float64Array }): void {
    const { random, maxDepth, importance } = run;
    const n = this.y.length;
    this.weight.fill(0);
    for (let k = 0; k < n; k++) this.weight[Math.floor(random() * n)]!++;
    let drawn = 0;
    for (let i = 0; i < n; i++) if (this.weight[i]! > 0) this.idx[drawn++] = i;
    let top = 0;
    const push = (start: number, end: number, depth: number) => {
      this.stack[top++] = start;
      this.stack[top++] = end;
      this.stack[top++] = depth;
    };
    push(0, drawn, 0);
    while (top > 0) {
      const depth = this.stack[--top]!;
      const end = this.stack[--top]!;
      const start = this.stack[--top]!;
      if (depth >= maxDepth || end - start < 2) continue;
      this.findSplit(start, end, random);
      if (this.bestFeature < 0) continue;
      importance[this.bestFeature]! += this.bestGain;
      const mid = this.partition(start, end);
      push(start, mid, depth + 1);
      push(mid, end, depth + 1);
    }
  }

  /** The best split of idx[start, end) over mtry random features, into bestFeature/bestBin/bestGain. */
  private findSplit(start: number, end: number, random: () => number): void {
    this.bestGain = this.minGain;
    this.bestFeature = -1;
    let sum = 0;
    let total = 0;
    for (let k = start; k < end; k++) {
      const i = this.idx[k]!;
      sum += this.weight[i]! * this.y[i]!;
      total += this.weight[i]!;
    }
    if (total < 2 * this.minLeaf) return;
    this.nodeSum = sum;
    this.nodeWeight = total;
    const f = this.order.length;
    for (let j = 0; j < this.mtry; j++) {
      // A partial Fisher–Yates shuffle picks mtry distinct features.
      const pick = j + Math.floor(random() * (f - j));
      const feature = this.order[pick]!;
      this.order[pick] = this.order[j]!;
      this.order[j] = feature;
      this.scanFeature(feature, start, end);
    }
  }

  /** Tries every cut between bins of one feature: the decrease in squared error is SL²/nL + SR²/nR − S²/n. */
  private scanFeature(feature: number, start: number, end: number): void {
    const { nodeSum: sum, nodeWeight: total } = this;
    const { codes } = this.binned[feature]!;
    const { count, sumY, y, weight, idx, minLeaf } = this;
    // Only the bins this node's samples fall in are filled, scanned and cleared: deep nodes hold few samples.
    let low = 255;
    let high = 0;
    for (let k = start; k < end; k++) {
      const i = idx[k]!;
      const c = codes[i]!;
      count[c]! += weight[i]!;
      sumY[c]! += weight[i]! * y[i]!;
      if (c < low) low = c;
      if (c > high) high = c;
    }
    const parentScore = (sum * sum) / total;
    let nLeft = 0;
    let sumLeft = 0;
    for (let b = low; b < high; b++) {
      nLeft += count[b]!;
      sumLeft += sumY[b]!;
      const nRight = total - nLeft;
      if (nRight < minLeaf) break;
      if (nLeft < minLeaf) continue;
      const sumRight = sum - sumLeft;
      const gain = (sumLeft * sumLeft) / nLeft + (sumRight * sumRight) / nRight - parentScore;
      if (gain > this.bestGain) {
        this.bestGain = gain;
        this.bestFeature = feature;
        this.bestBin = b;
      }
    }
    count.fill(0, low, high + 1);
    sumY.fill(0, low, high + 1);
  }

  /** Reorders idx[start, end) so samples at or below the best bin come first; returns where the rest begin. */
  private partition(start: number, end: number): number {
    const codes = this.binned[this.bestFeature]!.codes;
    const { idx, bestBin } = this;
    let lo = start;
    let hi = end - 1;
    while (lo <= hi) {
      if (codes[idx[lo]!]! <= bestBin) lo++;
      else {
        const swap = idx[lo]!;
        idx[lo] = idx[hi]!;
        idx[hi--] = swap;
      }
    }
    return lo;
  }
}

/** A feature as bin codes: 0 for missing, then 1.. in value order. */
interface BinnedFeature {
  codes: Uint8Array;
  bins: number;
}

function binFeature(values: Float64Array, maxBins: number): BinnedFeature {
  const sorted = values.filter(Number.isFinite).sort();
  const unique = sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
  const codes = new Uint8Array(values.length);
  if (unique.length <= maxBins) {
    values.forEach((v, i) => (codes[i] = Number.isFinite(v) ? 1 + lowerBound(unique, v) : 0));
    return { codes, bins: unique.length + 1 };
  }
  // Quantile edges: each bin holds about the same number of samples; a value equal to an edge goes above it.
  const edges = [...new Set(Array.from({ length: maxBins - 1 }, (_, k) => sorted[Math.floor(((k + 1) * sorted.length) / maxBins)]!))];
  values.forEach((v, i) => (codes[i] = Number.isFinite(v) ? 1 + upperBound(edges, v) : 0));
  return { codes, bins: edges.length + 2 };
}
