/**
 * Rich cell outputs. Values cannot cross from the kernel worker to the page, so the kernel describes them in these
 * plain, structured-cloneable shapes and the notebook renders them.
 */

/** A value as an expandable tree, cut in depth and breadth by the kernel. */
export type ValueNode =
  | { kind: 'leaf'; text: string; type: LeafType }
  | { kind: 'branch'; label: string; summary: string; entries: ValueEntry[]; hidden: number }
  | { kind: 'tensor'; summary: string };

/** What a leaf value is, for colouring it as a console would. */
export type LeafType = 'string' | 'number' | 'boolean' | 'nullish' | 'bigint' | 'symbol' | 'function' | 'date' | 'error' | 'cut';

/** One property, element or map entry of a branch. */
export interface ValueEntry {
  key: string;
  value: ValueNode;
}

/** Summary statistics of a numeric tensor. */
export interface TensorStats {
  min: number;
  max: number;
  mean: number;
}

/** A display that is a progress bar, updated in place while it advances. */
export interface ProgressOutput {
  kind: 'progress';
  label: string;
  done: number;
  /** Null when the length of what is iterated is not known. */
  total: number | null;
  elapsedMs: number;
  finished: boolean;
  /** Extra text after the figures, e.g. the last loss. */
  detail: string;
  /** What is counted, for the rate: `it/s`, `batch/s`. */
  unit: string;
}

/** Everything a cell can show besides printed text. */
export type DisplayOutput =
  | { kind: 'value'; value: ValueNode }
  | { kind: 'tensor'; shape: number[]; dtype: string; size: number; preview: string; stats: TensorStats | null }
  | { kind: 'image'; png: Uint8Array; width: number; height: number; caption: string | null }
  | ProgressOutput
  | { kind: 'run'; runId: string; name: string; project: string };

/** Items per second and the time left, from a progress output; null where it cannot be known yet. */
export function progressRate(output: ProgressOutput): { perSecond: number | null; etaMs: number | null } {
  const perSecond = output.elapsedMs > 0 && output.done > 0 ? (output.done * 1000) / output.elapsedMs : null;
  const etaMs = perSecond !== null && output.total !== null && !output.finished ? ((output.total - output.done) / perSecond) * 1000 : null;
  return { perSecond, etaMs };
}
