import * as tf from '@tensorflow/tfjs';
import { describeTensor } from './tensorPreview';

const MAX_ITEMS = 100;
const MAX_DEPTH = 3;

/** What an own property whose getter threw shows instead of its value. */
export class ThrownByGetter {
  constructor(readonly error: unknown) {}

  toString(): string {
    return `[getter threw ${this.error instanceof Error ? `${this.error.name}: ${this.error.message}` : String(this.error)}]`;
  }
}

/**
 * An object's own enumerable properties, as Object.entries gives them, except that a getter that throws gives a
 * ThrownByGetter instead of throwing: showing a value must not fail the cell that computed it.
 */
export function ownEntries(object: object): [string, unknown][] {
  return Object.keys(object).map((key) => {
    try {
      return [key, (object as Record<string, unknown>)[key]];
    } catch (error) {
      return [key, new ThrownByGetter(error)];
    }
  });
}

/**
 * A readable one-line rendering of any value for cell output, like a console would print it: strings quoted inside
 * structures, long collections cut at MAX_ITEMS, nesting cut at MAX_DEPTH, cycles shown as [Circular].
 */
export function formatValue(value: unknown, depth = 0, seen: Set<object> = new Set()): string {
  if (typeof value === 'string') return depth === 0 ? value : JSON.stringify(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  if (typeof value === 'function') return `[Function ${value.name || '(anonymous)'}]`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value instanceof ThrownByGetter) return value.toString();
  // A tensor's fields are tfjs's bookkeeping (dataId, kept, …), not what a person wants to read.
  if (value instanceof tf.Tensor) return describeTensor(value);
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
  seen.add(value);
  try {
    const inner = (v: unknown) => formatValue(v, depth + 1, seen);
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const items = Array.from(value as unknown as ArrayLike<number>);
      return `${value.constructor.name}(${items.length}) ${list(items, inner, '[', ']')}`;
    }
    if (Array.isArray(value)) return list(value, inner, '[', ']');
    if (value instanceof Map) return `Map(${value.size}) ${list([...value], ([k, v]) => `${inner(k)} => ${inner(v)}`, '{', '}')}`;
    if (value instanceof Set) return `Set(${value.size}) ${list([...value], inner, '{', '}')}`;
    // toISOString throws RangeError on an invalid Date, which would turn a cell's result into a failure.
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    const name = value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : '';
    return name + list(ownEntries(value), ([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inner(v)}`, '{', '}');
  } finally {
    seen.delete(value);
  }
}

/**
 * A two-level summary of a collapsed value (`{ lr: 0.01, layers: [ 64, 32 ], model: { opt: [Object] } }`), as a
 * console shows an object before it is expanded: rendering every branch of a big nested value to MAX_DEPTH would
 * re-walk it at every level.
 */
export function formatSummary(value: unknown): string {
  return formatValue(value, MAX_DEPTH - 2);
}

function list<T>(items: readonly T[], render: (item: T) => string, open: string, close: string): string {
  if (items.length === 0) return `${open}${close}`;
  const shown = items.slice(0, MAX_ITEMS).map(render);
  if (items.length > MAX_ITEMS) shown.push(`… ${items.length - MAX_ITEMS} more`);
  return `${open} ${shown.join(', ')} ${close}`;
}
