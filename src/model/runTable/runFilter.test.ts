import { describe, expect, it } from 'vitest';
import { filterKeyHints } from './filterHints';
import { filterRuns } from './runFilter';
import { parseRunFilter } from './runFilterParser';
import { runIds, testRun } from '../runs/testRuns';

const runs = [
  testRun('a', { name: 'brave-owl-1', state: 'finished', tags: ['baseline'], group: 'sweep-1', createdAt: Date.UTC(2024, 0, 5), config: { lr: 0.001, optimizer: 'adam', model: { depth: 4 }, amsgrad: true }, summary: { 'val/loss': 0.3, acc: 0.9 } }),
  testRun('b', { name: 'Brave-fox-2', state: 'crashed', tags: ['baseline', 'gpu'], group: 'sweep-1', createdAt: Date.UTC(2023, 11, 31), config: { lr: 0.1, optimizer: 'sgd', model: { depth: 8 } }, summary: { 'val/loss': 0.9, acc: 0.5 } }),
  testRun('c', { name: 'calm-eel-3', state: 'finished', tags: [], group: null, createdAt: Date.UTC(2024, 1, 1), config: { lr: 'auto', optimizer: 'adam w' }, summary: { 'val/loss': NaN, lr: 0.05 } }),
  testRun('d', { name: 'quiet-yak-4', state: 'running', tags: ['gpu'], config: { lr: 1e-3, optimizer: 'adam', amsgrad: false }, summary: {} }),
];

function matching(text: string): string[] {
  const parsed = parseRunFilter(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
  return runIds(filterRuns(runs, parsed.filter));
}

describe('filterRuns with comparisons', () => {
  it('filterRuns("lr < 0.01") compares numbers and skips runs whose value is not a number', () => {
    expect(matching('lr < 0.01')).toEqual(['a', 'd']);
    expect(matching('lr >= 0.001')).toEqual(['a', 'b', 'd']);
    expect(matching('lr > 0.001')).toEqual(['b']);
  });

  it('filterRuns("config.lr <= 1e-3") reads only the config; ("summary.lr") only the summary', () => {
    expect(matching('config.lr <= 1e-3')).toEqual(['a', 'd']);
    expect(matching('summary.lr > 0')).toEqual(['c']);
  });

  it('filterRuns(unprefixed key) falls back to the summary when the config lacks the key', () => {
    expect(matching('acc > 0.6')).toEqual(['a']);
    expect(matching('val/loss > 0.5')).toEqual(['b']);
  });

  it('filterRuns("summary.val/loss > 0.5") compares a metric whose name has a slash; NaN never orders', () => {
    expect(matching('summary.val/loss > 0.5')).toEqual(['b']);
    expect(matching('summary.val/loss < 100')).toEqual(['a', 'b']);
  });

  it('filterRuns("lr < abc") and ("optimizer > 1") match nothing rather than throwing', () => {
    expect(matching('lr < abc')).toEqual([]);
    expect(matching('optimizer > 1')).toEqual([]);
    expect(matching('lr < "0.5"')).toEqual([]);
  });

  it('filterRuns("state = finished") and ("state != crashed") compare run fields', () => {
    expect(matching('state = finished')).toEqual(['a', 'c']);
    expect(matching('state != crashed')).toEqual(['a', 'c', 'd']);
  });

  it('filterRuns("optimizer = adam") compares text exactly; quotes allow spaces', () => {
    expect(matching('optimizer = adam')).toEqual(['a', 'd']);
    expect(matching('optimizer = "adam w"')).toEqual(['c']);
    expect(matching('optimizer = Adam')).toEqual([]);
  });

  it('filterRuns("x = 1e-3") compares numbers by value, and booleans by their word', () => {
    expect(matching('lr = 1e-3')).toEqual(['a', 'd']);
    expect(matching('lr = 0.0010')).toEqual(['a', 'd']);
    expect(matching('amsgrad = true')).toEqual(['a']);
    expect(matching('amsgrad = false')).toEqual(['d']);
    expect(matching('summary.val/loss = NaN')).toEqual(['c']);
  });

  it('filterRuns("key != v") includes runs without the key; ("key = v") never does', () => {
    expect(matching('model.depth != 4')).toEqual(['b', 'c', 'd']);
    expect(matching('model.depth = 4')).toEqual(['a']);
    expect(matching('missing.key = 4')).toEqual([]);
  });

  it('filterRuns("group = sweep-1") and ("createdAt >= 2024-01-01") read the group and created time', () => {
    expect(matching('group = sweep-1')).toEqual(['a', 'b']);
    expect(matching('createdAt >= 2024-01-01')).toEqual(['a', 'c']);
    expect(matching(`createdAt < ${Date.UTC(2024, 0, 1)}`)).toEqual(['b', 'd']);
  });
});

describe('filterRuns with tags, patterns and searches', () => {
  it('filterRuns("tags has baseline") tests membership; != and = as well', () => {
    expect(matching('tags has baseline')).toEqual(['a', 'b']);
    expect(matching('tags = gpu')).toEqual(['b', 'd']);
    expect(matching('tags != gpu')).toEqual(['a', 'c']);
    expect(matching('tags has base')).toEqual([]);
    expect(matching('tags ~ base')).toEqual(['a', 'b']);
    expect(matching('tags < 3')).toEqual([]);
  });

  it('filterRuns("name ~ /^brave/i") tests a regex; ("name ~ owl") a case-insensitive substring', () => {
    expect(matching('name ~ /^brave/i')).toEqual(['a', 'b']);
    expect(matching('name ~ /^brave/')).toEqual(['a']);
    expect(matching('name ~ OWL')).toEqual(['a']);
    expect(matching('name !~ /^brave/i')).toEqual(['c', 'd']);
    expect(matching('optimizer ~ adam')).toEqual(['a', 'c', 'd']);
  });

  it('filterRuns("brave") and ("/-\\d$/") search run names', () => {
    expect(matching('brave')).toEqual(['a', 'b']);
    expect(matching('brave owl')).toEqual(['a']);
    expect(matching('/eel-\\d$/')).toEqual(['c']);
  });

  it('filterRuns combines with or, not and parentheses', () => {
    expect(matching('state = crashed or state = running')).toEqual(['b', 'd']);
    expect(matching('not tags has gpu')).toEqual(['a', 'c']);
    expect(matching('(brave or calm) and state = finished')).toEqual(['a', 'c']);
    expect(matching('brave or calm and state = finished')).toEqual(['a', 'b', 'c']);
  });

  it('filterRuns("") keeps every run, in order, as a new array', () => {
    const parsed = parseRunFilter('');
    if (!parsed.ok) throw new Error('empty filter must parse');
    const out = filterRuns(runs, parsed.filter);
    expect(runIds(out)).toEqual(['a', 'b', 'c', 'd']);
    expect(out).not.toBe(runs);
  });

  it('filterRuns(runs, filter) does not find inherited object keys such as constructor', () => {
    for (const text of ['constructor ~ function', 'summary.constructor ~ function', 'config.toString ~ function', 'hasOwnProperty != 1']) {
      const parsed = parseRunFilter(text);
      if (!parsed.ok) throw new Error('must parse');
      expect(runIds(filterRuns(runs.slice(0, 1), parsed.filter)), text).toEqual(text.includes('!=') ? ['a'] : []);
    }
  });

  it('filterRuns(runs, regex filter) gives the same answer on every run and call (no lastIndex state)', () => {
    const parsed = parseRunFilter('name ~ /brave/g');
    if (!parsed.ok) throw new Error('must parse');
    const braves = [runs[0]!, runs[0]!, runs[0]!];
    expect([1, 2].map(() => filterRuns(braves, parsed.filter).length)).toEqual([3, 3]);
  });
});

describe('filterRuns with in lists', () => {
  it('filterRuns("lr in [0.001, 0.1]") keeps the runs whose lr is one of them', () => {
    expect(matching('lr in [0.001, 0.1]')).toEqual(['a', 'b', 'd']);
    expect(matching('optimizer in ["adam w", sgd] and state != running')).toEqual(['b', 'c']);
    expect(matching('not (lr in [0.001])')).toEqual(['b', 'c']);
  });

  it('parseRunFilter says what is wrong with a list', () => {
    expect(parseRunFilter('lr in 0.1')).toMatchObject({ ok: false, error: { message: "expected a list after 'in', such as [0.001, 0.03]" } });
    expect(parseRunFilter('lr in [0.1, 0.2')).toMatchObject({ ok: false, error: { message: "missing ']' to close the list" } });
    expect(parseRunFilter('lr in [0.1 0.2]')).toMatchObject({ ok: false, error: { message: "expected ',' or ']' in the list" } });
  });
});

describe('filterKeyHints', () => {
  const hints = (text: string) => {
    const parsed = parseRunFilter(text);
    if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
    return filterKeyHints(runs, parsed.filter);
  };

  it('says nothing of keys some run has', () => {
    expect(hints('lr < 0.01 and summary.acc > 0.5 and config.model.depth = 4 and state = finished')).toEqual([]);
  });

  it('names a key no run has, and a parent key\'s nested keys or a key that differs in case', () => {
    expect(hints('foo = 1')).toEqual(['no run has the key foo, so this clause matches no run']);
    expect(hints('model = 4')).toEqual(['no run has the key model; runs have model.depth: did you mean model.depth?']);
    expect(hints('config.Optimizer = adam or summary.ACC > 1')).toEqual(['no run has the key config.Optimizer: did you mean optimizer?', 'no run has the key summary.ACC: did you mean acc?']);
    expect(hints('foo = 1 or foo = 2'), 'once per key').toHaveLength(1);
  });
});
