import { describeValue } from './describeValue';

/** Longest metric key accepted by run.log, after nested keys are joined with `/`. */
export const MAX_METRIC_KEY_LENGTH = 256;

/** Keys the history itself writes on every step; users may not log them. */
export const RESERVED_METRIC_KEYS: ReadonlySet<string> = new Set(['_step', '_runtime', '_timestamp']);

/** Thrown by run.log for a value it cannot store; names the offending key. Nothing from that call is kept. */
export class LogValueError extends TypeError {
  override name = 'LogValueError';
}

/**
 * Validates a run.log dict and flattens it into parallel key/value arrays (cleared first, reused by the caller
 * so a hot loop does not allocate).
 *
 * Behaviour, documented in README:
 * - numbers are stored as they are, NaN and ±Infinity included; booleans become 1/0; bigints become numbers;
 * - nested plain objects flatten to `parent/child` keys (W&B's section convention);
 * - undefined and null are skipped, like a metric not logged at this step;
 * - anything else (strings, arrays, tensors, Dates, functions) throws LogValueError naming the key, and so do empty,
 *   reserved or over-long keys. The whole call is rejected, so a bad value never half-logs a step.
 */
export function flattenLogDict(dict: unknown, keys: string[], values: number[], rich: RichLogValue[] = []): void {
  keys.length = 0;
  values.length = 0;
  rich.length = 0;
  if (!isPlainObject(dict)) throw new LogValueError(`run.log expects an object of metrics, e.g. run.log({ loss: 0.1 }); got ${describeValue(dict)}`);
  collect(dict, '', keys, values, rich);
}

/** A value logged as a whole rather than as a number (a Table), found by its `labbookKind`. */
export interface RichLogValue {
  path: string;
  kind: string;
  value: object;
}

function collect(dict: Record<string, unknown>, prefix: string, keys: string[], values: number[], rich: RichLogValue[]): void {
  for (const key in dict) {
    const value = dict[key];
    const path = prefix === '' ? key : `${prefix}/${key}`;
    if (typeof value === 'number') push(path, value, keys, values);
    else if (isRich(value)) {
      checkKey(path);
      rich.push({ path, kind: value.labbookKind, value });
    } else if (Array.isArray(value) && value.length > 0 && value.every((v) => isRich(v) && v.labbookKind === 'image')) {
      checkKey(path);
      rich.push({ path, kind: 'images', value });
    }
    else if (typeof value === 'boolean') push(path, value ? 1 : 0, keys, values);
    else if (typeof value === 'bigint') push(path, Number(value), keys, values);
    else if (value === undefined || value === null) continue;
    else if (isPlainObject(value)) collect(value, path, keys, values, rich);
    else {
      throw new LogValueError(
        `run.log: "${path}" is ${describeValue(value)}; only numbers, booleans and nested objects of them can be logged` +
          (isTensorLike(value) ? ' (for a tensor, log tensor.dataSync()[0] or await tensor.data())' : ''),
      );
    }
  }
}

function push(path: string, value: number, keys: string[], values: number[]): void {
  checkKey(path);
  keys.push(path);
  values.push(value);
}

/** The kinds of value run.log stores whole: the SDK's Table, and Images (one, or an array of them). */
const RICH_KINDS: ReadonlySet<string> = new Set(['table', 'image']);

function isRich(value: unknown): value is { labbookKind: string } {
  return typeof value === 'object' && value !== null && RICH_KINDS.has((value as { labbookKind?: unknown }).labbookKind as string);
}

function checkKey(path: string): void {
  if (path === '' || path.endsWith('/')) throw new LogValueError(`run.log: empty metric key in "${path}"`);
  if (path.length > MAX_METRIC_KEY_LENGTH) {
    throw new LogValueError(`run.log: metric key "${path.slice(0, 40)}…" is ${path.length} characters; the limit is ${MAX_METRIC_KEY_LENGTH}`);
  }
  if (RESERVED_METRIC_KEYS.has(path)) throw new LogValueError(`run.log: "${path}" is reserved for the history itself; pick another name`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function isTensorLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'dataSync' in value && 'shape' in value;
}
