import * as tf from '@tensorflow/tfjs';
import type { LeafType, ValueEntry, ValueNode } from '../model/notebook/displayOutput';
import { formatSummary, formatValue, ownEntries, ThrownByGetter } from './formatValue';
import { describeTensor } from './tensorPreview';

/** Options of toValueTree. */
export interface ValueTreeOptions {
  /** Levels below the top that are described (deeper values become a one-line summary). */
  maxDepth?: number;
  /** Entries kept per object or collection; the rest are counted in `hidden`. */
  maxEntries?: number;
}

const DEFAULT_DEPTH = 4;
const DEFAULT_ENTRIES = 100;

/** Describes any value as an expandable tree, as a browser console shows objects; cycles become a `[Circular]` leaf. */
export function toValueTree(value: unknown, options: ValueTreeOptions = {}): ValueNode {
  const maxDepth = options.maxDepth ?? DEFAULT_DEPTH;
  const maxEntries = options.maxEntries ?? DEFAULT_ENTRIES;
  const seen = new Set<object>();
  const visit = (v: unknown, depth: number): ValueNode => {
    const leaf = leafOf(v);
    if (leaf) return leaf;
    const object = v as object;
    // A tensor inside a value is one line (dtype, shape), not tfjs's bookkeeping fields.
    if (object instanceof tf.Tensor) return { kind: 'tensor', summary: describeTensor(object) };
    if (seen.has(object)) return { kind: 'leaf', text: '[Circular]', type: 'cut' };
    const summary = formatSummary(object);
    if (depth >= maxDepth) return { kind: 'leaf', text: summary, type: 'cut' };
    seen.add(object);
    try {
      const all = entriesOf(object);
      const entries: ValueEntry[] = all.slice(0, maxEntries).map(([key, item]) => ({ key, value: visit(item, depth + 1) }));
      return { kind: 'branch', label: labelOf(object), summary, entries, hidden: Math.max(0, all.length - maxEntries) };
    } finally {
      seen.delete(object);
    }
  };
  return visit(value, 0);
}

function leafOf(value: unknown): ValueNode | null {
  const leaf = (type: LeafType): ValueNode => ({ kind: 'leaf', text: formatValue(value, 1), type });
  switch (typeof value) {
    case 'string':
      return leaf('string');
    case 'number':
      return leaf('number');
    case 'boolean':
      return leaf('boolean');
    case 'bigint':
      return leaf('bigint');
    case 'symbol':
      return leaf('symbol');
    case 'undefined':
      return leaf('nullish');
    case 'function':
      return leaf('function');
    default:
      if (value === null) return leaf('nullish');
      if (value instanceof Date) return leaf('date');
      if (value instanceof Error || value instanceof ThrownByGetter) return leaf('error');
      return null;
  }
}

/** The children a console would list: elements, map entries, set members or own enumerable properties. */
function entriesOf(object: object): [string, unknown][] {
  if (Array.isArray(object)) return object.map((item, i) => [String(i), item]);
  if (ArrayBuffer.isView(object) && !(object instanceof DataView)) return Array.from(object as unknown as ArrayLike<number>, (item, i) => [String(i), item]);
  if (object instanceof Map) return [...object].map(([key, item]) => [formatValue(key, 1), item]);
  if (object instanceof Set) return [...object].map((item, i) => [String(i), item]);
  return ownEntries(object);
}

/** The heading of an expandable value: `Array(3)`, `Map(2)`, `Float32Array(10)`, a class name or `Object`. */
function labelOf(object: object): string {
  if (Array.isArray(object)) return `Array(${object.length})`;
  if (object instanceof Map || object instanceof Set) return `${object.constructor.name}(${object.size})`;
  if (ArrayBuffer.isView(object) && !(object instanceof DataView)) return `${object.constructor.name}(${(object as unknown as ArrayLike<number>).length})`;
  return object.constructor && object.constructor !== Object ? object.constructor.name : 'Object';
}
