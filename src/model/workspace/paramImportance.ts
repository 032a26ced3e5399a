import { MISSING_TEXT } from '../runTable/cellText';
import { flatConfigOf } from '../runs/configFlatten';
import { forestImportance, type ForestOptions } from './randomForest';
import type { ConfigScalar, RunRecord } from '../runs/runTypes';

/** What to explain and how. */
export interface ParamImportanceOptions {
  /** The summary metric to explain. */
  metric: string;
  /** Flattened config keys to consider; by default every key the runs with the metric have. */
  keys?: readonly string[];
  /** Text keys with more distinct values than this are skipped rather than one-hot encoded (default 20). */
  maxCategories?: number;
  forest?: ForestOptions;
}

/** One row of the parameter-importance panel: a numeric config key, or one category of a text key. */
export interface ParamImportanceRow {
  key: string;
  /** The category this one-hot row stands for (— for runs without the key); null for a numeric key. */
  category: string | null;
  /** `lr`, or `optimizer = adam` for a category. */
  label: string;
  /** Pearson correlation with the metric over the runs that have a value; NaN when either side is constant. */
  correlation: number;
  /** Share of the random forest's impurity decrease (rows sum to 1, or all 0 when the metric is constant). */
  importance: number;
}

/** A config key left out, with the reason to show. */
export interface SkippedParam {
  key: string;
  reason: string;
}

/** The panel's content for one metric. */
export interface ParamImportance {
  metric: string;
  /** Runs with a finite value of the metric: the ones everything here is computed over. */
  runCount: number;
  /** Most important first. */
  rows: ParamImportanceRow[];
  skipped: SkippedParam[];
}

/** Fewest runs a correlation or a tree means anything for. */
const MIN_RUNS = 3;

/**
 * How much each config key matters for a metric, as W&B's parameter-importance panel shows it: correlation, and
 * importance from a seeded random forest over all keys at once (so it catches effects that are not linear or only
 * appear with another key). Numbers and booleans are one feature each (missing values split off on their own); text
 * keys are one-hot encoded, one row per value.
 */
export function paramImportance(runs: readonly RunRecord[], options: ParamImportanceOptions): ParamImportance {
  const { metric, maxCategories = 20 } = options;
  const scored = runs.filter((run) => Object.hasOwn(run.summary, metric) && Number.isFinite(run.summary[metric]));
  const flats = scored.map(flatConfigOf);
  const keys = options.keys ?? [...new Set(flats.flatMap(Object.keys))].sort();
  const result: ParamImportance = { metric, runCount: scored.length, rows: [], skipped: [] };
  if (scored.length < MIN_RUNS) {
    result.skipped = keys.map((key) => ({ key, reason: `needs at least ${MIN_RUNS} runs with a value of ${metric}; ${scored.length} have one` }));
    return result;
  }
  const target = Float64Array.from(scored, (run) => run.summary[metric]!);
  const features: { key: string; category: string | null; values: Float64Array }[] = [];
  for (const key of keys) {
    const values = flats.map((flat) => (Object.hasOwn(flat, key) ? flat[key]! : null));
    const encoded = encode(values, maxCategories);
    if ('reason' in encoded) result.skipped.push({ key, reason: encoded.reason });
    else for (const feature of encoded.features) features.push({ key, ...feature });
  }
  const importance = forestImportance({ features: features.map((f) => f.values), target }, options.forest);
  result.rows = features
    .map((f, i) => ({
      key: f.key,
      category: f.category,
      label: f.category === null ? f.key : `${f.key} = ${f.category}`,
      correlation: pearson(f.values, target),
      importance: importance[i]!,
    }))
    .sort((a, b) => b.importance - a.importance || (Math.abs(b.correlation) || 0) - (Math.abs(a.correlation) || 0) || a.label.localeCompare(b.label));
  return result;
}

type Encoded = { features: { category: string | null; values: Float64Array }[] } | { reason: string };

/** Numbers (or booleans as 0/1) stay one numeric feature with NaN for missing; anything else is one-hot encoded. */
function encode(values: readonly ConfigScalar[], maxCategories: number): Encoded {
  const present = values.filter((v) => v !== null);
  if (present.length === 0) return { reason: 'not set in any run with the metric' };
  const allNumbers = present.every((v) => typeof v === 'number');
  if (allNumbers || present.every((v) => typeof v === 'boolean')) {
    const numeric = Float64Array.from(values, (v) => (v === null ? NaN : Number(v)));
    const distinct = new Set(numeric.filter(Number.isFinite)).size + (numeric.some((v) => !Number.isFinite(v)) ? 1 : 0);
    return distinct < 2 ? { reason: 'the same value in every run' } : { features: [{ category: null, values: numeric }] };
  }
  const texts = values.map((v) => (v === null ? MISSING_TEXT : String(v)));
  const categories = [...new Set(texts)].sort();
  if (categories.length < 2) return { reason: 'the same value in every run' };
  if (categories.length > maxCategories) return { reason: `${categories.length} distinct values: too many to compare one by one` };
  return { features: categories.map((category) => ({ category, values: Float64Array.from(texts, (t) => (t === category ? 1 : 0)) })) };
}

/** Pearson's r over the samples where x is finite; NaN when fewer than two or either side is constant. */
export function pearson(x: Float64Array, y: Float64Array): number {
  let n = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) continue;
    n++;
    mx += x[i]!;
    my += y[i]!;
  }
  if (n < 2) return NaN;
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) continue;
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}
