import type { ConfigScalar, ConfigTree, ConfigValue } from './runTypes';

/**
 * Flattens a nested config into dotted keys (`optimizer.lr`), the form tables, filters and diffs compare.
 * Arrays are kept whole as JSON text because their elements rarely mean anything as separate columns.
 */
export function flattenConfig(config: ConfigTree, prefix = ''): Record<string, ConfigScalar> {
  const out: Record<string, ConfigScalar> = {};
  for (const [key, value] of Object.entries(config)) {
    const path = prefix ? `${prefix}.${key}` : key;
    // An empty object still names a setting the user made, so it stays visible as `{}` instead of vanishing.
    if (isTree(value) && Object.keys(value).length > 0) Object.assign(out, flattenConfig(value, path));
    else if (isTree(value)) out[path] = '{}';
    else out[path] = Array.isArray(value) ? JSON.stringify(value) : value;
  }
  return out;
}

/** Flattened configs by config object; a run whose config changes gets a new record and a new config, never an edited one. */
const flatConfigs = new WeakMap<ConfigTree, Readonly<Record<string, ConfigScalar>>>();

/**
 * A run's config flattened once per config object: sorting, filtering, brushing and grouping 1,000 runs each read
 * every run's config, and flattening it anew each time was most of a workspace recompute. Read-only, as it is shared.
 */
export function flatConfigOf(run: { readonly config: ConfigTree }): Readonly<Record<string, ConfigScalar>> {
  let flat = flatConfigs.get(run.config);
  if (!flat) {
    flat = flattenConfig(run.config);
    flatConfigs.set(run.config, flat);
  }
  return flat;
}

function isTree(value: ConfigValue): value is ConfigTree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns what a user passed as config into JSON-compatible data, so it can be stored and posted between threads.
 * Functions, symbols and undefined are dropped (as JSON.stringify does); Dates become ISO strings; typed arrays become arrays.
 */
export function toConfigTree(input: unknown): ConfigTree {
  if (input === undefined || input === null) return {};
  const notObject = new TypeError('config must be an object of key/value pairs');
  if (typeof input !== 'object' || Array.isArray(input)) throw notObject;
  const tree = JSON.parse(JSON.stringify(input, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value))) as ConfigValue;
  // Checked after conversion: a Date or typed array is an object too, but turns into a string or an array.
  if (!isTree(tree)) throw notObject;
  return tree;
}
