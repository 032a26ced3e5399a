const MAX_ITEMS = 100;
const MAX_DEPTH = 3;

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
    return name + list(Object.entries(value), ([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inner(v)}`, '{', '}');
  } finally {
    seen.delete(value);
  }
}

function list<T>(items: readonly T[], render: (item: T) => string, open: string, close: string): string {
  if (items.length === 0) return `${open}${close}`;
  const shown = items.slice(0, MAX_ITEMS).map(render);
  if (items.length > MAX_ITEMS) shown.push(`… ${items.length - MAX_ITEMS} more`);
  return `${open} ${shown.join(', ')} ${close}`;
}
