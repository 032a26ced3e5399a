import { BundleError } from './bundleError';

/**
 * Field checks for JSON from a stranger's bundle: each names the file and field that is wrong, and what it holds, so
 * a refusal says exactly where to look.
 */
export type JsonObject = Record<string, unknown>;

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value.slice(0, 60)}${value.length > 60 ? '…' : ''}"`;
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function fail(where: string, key: string, wanted: string, value: unknown): never {
  throw new BundleError(`${where}: "${key}" must be ${wanted}; it is ${describe(value)}`);
}

export function asObject(value: unknown, where: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new BundleError(`${where} must be a JSON object; it is ${describe(value)}`);
  return value as JsonObject;
}

export function objectField(o: JsonObject, key: string, where: string): JsonObject {
  const value = o[key];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(where, key, 'an object', value);
  return value as JsonObject;
}

export function stringField(o: JsonObject, key: string, where: string, maxLength = 10_000_000, pattern?: RegExp): string {
  const value = o[key];
  if (typeof value !== 'string' || value.length > maxLength || (pattern && !pattern.test(value))) fail(where, key, pattern ? `a string matching ${pattern.source}` : `a string of at most ${maxLength} characters`, value);
  return value;
}

export function nullableString(o: JsonObject, key: string, where: string, maxLength = 10_000_000): string | null {
  return o[key] === null ? null : stringField(o, key, where, maxLength);
}

/** A number; finite unless `nonFinite` (a summary of a diverged loss is NaN). */
export function numberField(o: JsonObject, key: string, where: string, options: { integer?: boolean; min?: number; nonFinite?: boolean } = {}): number {
  const value = o[key];
  const ok = typeof value === 'number' && (options.nonFinite || Number.isFinite(value)) && (!options.integer || Number.isSafeInteger(value)) && (options.min === undefined || value >= options.min);
  if (!ok) fail(where, key, `${options.integer ? 'a whole number' : 'a finite number'}${options.min === undefined ? '' : ` ≥ ${options.min}`}`, value);
  return value as number;
}

export function nullableNumber(o: JsonObject, key: string, where: string): number | null {
  return o[key] === null ? null : numberField(o, key, where);
}

export function oneOf<T extends string>(o: JsonObject, key: string, where: string, values: readonly T[]): T {
  const value = o[key];
  if (!values.includes(value as T)) fail(where, key, `one of ${values.join(', ')}`, value);
  return value as T;
}

export function stringList(o: JsonObject, key: string, where: string, maxLength = 10_000_000): string[] {
  const value = o[key];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.length <= maxLength)) fail(where, key, 'a list of strings', value);
  return value as string[];
}

export function listField(o: JsonObject, key: string, where: string, maxItems: number): unknown[] {
  const value = o[key];
  if (!Array.isArray(value)) fail(where, key, 'a list', value);
  if (value.length > maxItems) throw new BundleError(`${where}: "${key}" lists ${value.length} items; at most ${maxItems} are accepted`);
  return value;
}
