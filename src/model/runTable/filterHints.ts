import { flatConfigOf } from '../runs/configFlatten';
import type { RunRecord } from '../runs/runTypes';
import type { FilterKey, FilterNode } from './runFilterParser';

/** Nested keys named in a hint, at most. */
const SUGGESTIONS = 3;

/**
 * What to tell about the keys a filter compares that no run has: such a clause matches no run (or every run, negated)
 * without an error, and `optimizer = "adam"` where runs have `optimizer.name` looked like a workspace with no runs.
 * Names the nested keys a parent key was probably meant as, or a key that differs only in case.
 */
export function filterKeyHints(runs: readonly RunRecord[], filter: FilterNode): string[] {
  const config = new Set<string>();
  const summary = new Set<string>();
  for (const run of runs) {
    for (const key of Object.keys(flatConfigOf(run))) config.add(key);
    for (const key of Object.keys(run.summary)) summary.add(key);
  }
  const hints = new Map<string, string>();
  for (const key of comparedKeys(filter)) {
    const known = key.kind === 'config' ? [config] : key.kind === 'summary' ? [summary] : [config, summary];
    const name = key.kind === 'config' ? `config.${key.key}` : key.kind === 'summary' ? `summary.${key.key}` : key.key;
    if (known.some((keys) => keys.has(key.key)) || hints.has(name)) continue;
    hints.set(name, hintFor(name, key.key, known));
  }
  return [...hints.values()];
}

function hintFor(name: string, key: string, known: readonly Set<string>[]): string {
  const all = known.flatMap((keys) => [...keys]);
  const nested = all.filter((k) => k.startsWith(`${key}.`));
  if (nested.length > 0) {
    const named = nested.slice(0, SUGGESTIONS).join(', ');
    return `no run has the key ${name}; runs have ${named}${nested.length > SUGGESTIONS ? ', …' : ''}: did you mean ${nested[0]}?`;
  }
  const sameButCase = all.find((k) => k.toLowerCase() === key.toLowerCase());
  return sameButCase ? `no run has the key ${name}: did you mean ${sameButCase}?` : `no run has the key ${name}, so this clause matches no run`;
}

/** The config and summary keys a filter compares (run fields and tags are always there). */
function comparedKeys(filter: FilterNode): (FilterKey & { key: string })[] {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return filter.nodes.flatMap(comparedKeys);
    case 'not':
      return comparedKeys(filter.node);
    case 'compare':
      return filter.key.kind === 'config' || filter.key.kind === 'summary' || filter.key.kind === 'configOrSummary' ? [filter.key] : [];
    default:
      return [];
  }
}
