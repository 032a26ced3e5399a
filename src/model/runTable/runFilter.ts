import { assertNever } from '../../lib/assertNever';
import { isMissing } from './cellText';
import { flatConfigOf } from '../runs/configFlatten';
import { cellValue, type CellValue } from './runColumns';
import type { FilterKey, FilterNode, FilterOp, FilterValue } from './runFilterParser';
import type { RunRecord } from '../runs/runTypes';

/** Whether a run passes a parsed filter. */
function runMatchesFilter(run: RunRecord, filter: FilterNode): boolean {
  switch (filter.kind) {
    case 'all':
      return true;
    case 'and':
      return filter.nodes.every((node) => runMatchesFilter(run, node));
    case 'or':
      return filter.nodes.some((node) => runMatchesFilter(run, node));
    case 'not':
      return !runMatchesFilter(run, filter.node);
    case 'search':
      return filter.pattern.test(run.name);
    case 'compare':
      return compare(resolve(run, filter.key), filter);
    default:
      return assertNever(filter);
  }
}

/** The runs that pass a filter, in their order. */
export function filterRuns(runs: readonly RunRecord[], filter: FilterNode): RunRecord[] {
  return filter.kind === 'all' ? [...runs] : runs.filter((run) => runMatchesFilter(run, filter));
}

function resolve(run: RunRecord, key: FilterKey): CellValue | string[] {
  const flat = flatConfigOf(run);
  // Own keys only: a typed key such as `constructor` must not find what every object inherits.
  const own = <T,>(record: Record<string, T>, k: string) => (Object.hasOwn(record, k) ? record[k] : undefined);
  switch (key.kind) {
    case 'tags':
      return run.tags;
    case 'field':
      return cellValue(run, key);
    case 'config':
      return own(flat, key.key);
    case 'summary':
      return own(run.summary, key.key);
    case 'configOrSummary':
      return Object.hasOwn(flat, key.key) ? flat[key.key] : own(run.summary, key.key);
    default:
      return assertNever(key);
  }
}

/**
 * One clause against one value. Ordering needs a number on both sides (a created date may be typed as a date);
 * anything else, such as `lr < abc` or a text config value, does not match rather than throw. `!=` and `!~` are the
 * exact negations of `=` and `~`, so a run without the key passes them.
 */
function compare(actual: CellValue | string[], clause: { key: FilterKey; op: FilterOp; value: FilterValue }): boolean {
  const { op, value } = clause;
  if (Array.isArray(actual)) return compareList(actual, op, value);
  switch (op) {
    case '<':
    case '<=':
    case '>':
    case '>=':
      return orders(actual, op, numberOf(value, clause.key));
    case '=':
      return equals(actual, value);
    case '!=':
      return !equals(actual, value);
    case '~':
    case 'has':
      return !isMissing(actual) && value.pattern.test(String(actual));
    case '!~':
      return isMissing(actual) || !value.pattern.test(String(actual));
    default:
      return assertNever(op);
  }
}

/** Tags: `=` and `has` test membership; `~` whether any tag matches. */
function compareList(tags: readonly string[], op: FilterOp, value: FilterValue): boolean {
  if (op === '=' || op === 'has') return tags.includes(value.text);
  if (op === '!=') return !tags.includes(value.text);
  if (op === '~') return tags.some((tag) => value.pattern.test(tag));
  if (op === '!~') return !tags.some((tag) => value.pattern.test(tag));
  return false;
}

function orders(actual: CellValue, op: '<' | '<=' | '>' | '>=', bound: number): boolean {
  if (typeof actual !== 'number') return false;
  if (op === '<') return actual < bound;
  if (op === '<=') return actual <= bound;
  if (op === '>') return actual > bound;
  return actual >= bound;
}

function numberOf(value: FilterValue, key: FilterKey): number {
  if (value.number !== null) return value.number;
  return key.kind === 'field' && key.key === 'createdAt' ? Date.parse(value.text) : NaN;
}

/** Numbers by value (NaN equals NaN, `1e-3` equals 0.001), booleans by their word, text exactly. */
function equals(actual: CellValue, value: FilterValue): boolean {
  if (typeof actual === 'number') return value.number !== null && (actual === value.number || (Number.isNaN(actual) && Number.isNaN(value.number)));
  if (typeof actual === 'boolean') return value.text.toLowerCase() === String(actual);
  return typeof actual === 'string' && actual === value.text;
}
