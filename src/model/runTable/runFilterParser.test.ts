import { describe, expect, it } from 'vitest';
import { parseRunFilter, type FilterNode } from './runFilterParser';

function parsed(text: string): FilterNode {
  const result = parseRunFilter(text);
  if (!result.ok) throw new Error(`did not parse: ${result.error.message} at ${result.error.position}`);
  return result.filter;
}

function error(text: string) {
  const result = parseRunFilter(text);
  if (result.ok) throw new Error(`parsed but should not: ${text}`);
  return result.error;
}

describe('parseRunFilter: clauses', () => {
  it('parseRunFilter("") and whitespace match everything', () => {
    expect(parsed('')).toEqual({ kind: 'all' });
    expect(parsed('   ')).toEqual({ kind: 'all' });
  });

  it('parseRunFilter("lr < 0.01") is a comparison on config-else-summary with a numeric value', () => {
    const node = parsed('lr < 0.01');
    expect(node).toMatchObject({ kind: 'compare', key: { kind: 'configOrSummary', key: 'lr' }, op: '<', value: { text: '0.01', number: 0.01 } });
  });

  it('parseRunFilter reads config. and summary. prefixes, run fields and tags as keys', () => {
    expect(parsed('config.opt.lr <= 1e-3')).toMatchObject({ key: { kind: 'config', key: 'opt.lr' }, op: '<=', value: { number: 0.001 } });
    expect(parsed('summary.val/loss > 0.5')).toMatchObject({ key: { kind: 'summary', key: 'val/loss' }, op: '>', value: { number: 0.5 } });
    expect(parsed('state != crashed')).toMatchObject({ key: { kind: 'field', key: 'state' }, op: '!=', value: { text: 'crashed', number: null } });
    expect(parsed('createdAt >= 2024-01-01')).toMatchObject({ key: { kind: 'field', key: 'createdAt' }, value: { text: '2024-01-01', number: null } });
    expect(parsed('Group = g1')).toMatchObject({ key: { kind: 'field', key: 'group' } });
    expect(parsed('tags has baseline')).toMatchObject({ key: { kind: 'tags' }, op: 'has', value: { text: 'baseline' } });
  });

  it('parseRunFilter reads operators without spaces and their unicode and == spellings', () => {
    expect(parsed('lr<=0.1')).toMatchObject({ op: '<=', value: { number: 0.1 } });
    expect(parsed('lr≤0.1')).toMatchObject({ op: '<=' });
    expect(parsed('lr ≥ 0.1')).toMatchObject({ op: '>=' });
    expect(parsed('lr ≠ 0.1')).toMatchObject({ op: '!=' });
    expect(parsed('lr == 0.1')).toMatchObject({ op: '=' });
    expect(parsed('x>-2')).toMatchObject({ op: '>', value: { number: -2 } });
  });

  it('parseRunFilter keeps a quoted value as text, even one that looks like a number', () => {
    expect(parsed('optimizer = "adam w"')).toMatchObject({ value: { text: 'adam w', number: null } });
    expect(parsed("batch = '32'")).toMatchObject({ value: { text: '32', number: null } });
    expect(parsed('note = "say \\"hi\\""')).toMatchObject({ value: { text: 'say "hi"' } });
  });

  it('parseRunFilter reads NaN and infinities as numbers', () => {
    expect((parsed('x = NaN') as { value: { number: number } }).value.number).toBeNaN();
    expect(parsed('x < inf')).toMatchObject({ value: { number: Infinity } });
    expect(parsed('x > -Infinity')).toMatchObject({ value: { number: -Infinity } });
  });

  it('parseRunFilter reads /regex/flags for ~ and drops the stateful g and y flags', () => {
    const node = parsed('name ~ /^brave/gi') as { value: { pattern: RegExp } };
    expect(node.value.pattern.source).toBe('^brave');
    expect(node.value.pattern.flags).toBe('i');
  });

  it('parseRunFilter(word) and ("text") and (/re/) are name searches; a plain word searches case-insensitively', () => {
    const word = parsed('Brave') as { kind: 'search'; pattern: RegExp };
    expect(word.kind).toBe('search');
    expect(word.pattern.test('very-brave-owl')).toBe(true);
    expect((parsed('"a.b"') as { pattern: RegExp }).pattern.test('axb')).toBe(false);
    expect(parsed('/owl$/')).toMatchObject({ kind: 'search' });
  });
});

describe('parseRunFilter: combining clauses', () => {
  it('parseRunFilter joins with and, &&, or a plain space; or and || bind looser than and', () => {
    expect(parsed('a = 1 and b = 2')).toMatchObject({ kind: 'and', nodes: [{ key: { key: 'a' } }, { key: { key: 'b' } }] });
    expect(parsed('a = 1 && b = 2')).toMatchObject({ kind: 'and' });
    expect(parsed('brave owl')).toMatchObject({ kind: 'and', nodes: [{ kind: 'search' }, { kind: 'search' }] });
    expect(parsed('a = 1 or b = 2 and c = 3')).toMatchObject({ kind: 'or', nodes: [{ kind: 'compare' }, { kind: 'and' }] });
    expect(parsed('a = 1 || b = 2')).toMatchObject({ kind: 'or' });
  });

  it('parseRunFilter reads not, ! and parentheses', () => {
    expect(parsed('not state = crashed')).toMatchObject({ kind: 'not', node: { kind: 'compare' } });
    expect(parsed('!brave')).toMatchObject({ kind: 'not', node: { kind: 'search' } });
    expect(parsed('(a = 1 or b = 2) and c = 3')).toMatchObject({ kind: 'and', nodes: [{ kind: 'or' }, { kind: 'compare' }] });
  });
});

describe('parseRunFilter: errors say what to do and where', () => {
  it.each([
    ['lr <', 'expected a value after \'<\'', 4, 4],
    ['lr < and x = 1', 'expected a value after \'<\'', 5, 8],
    ['< 3', 'expected a key before \'<\'', 0, 1],
    ['optimizer = "adam', 'unclosed quote: add a closing "', 12, 17],
    ['name ~ /^brave', 'unclosed regular expression: add a closing /', 7, 14],
    ['name ~ /(/', 'invalid regular expression', 7, 10],
    ['lr < /x/', 'a regular expression works only with ~ or !~', 5, 8],
    ['/x/ = 1', 'a regular expression cannot be a key', 0, 3],
    ['(a = 1', "missing ')' to close the '(' at 1", 6, 6],
    ['a = 1)', "unexpected ')'", 5, 6],
    ['a = 1 and', 'expected a filter', 9, 9],
    ['and a = 1', "expected a filter before 'and'", 0, 3],
    ['a = 1 & b = 2', "use 'and' or '&&'", 6, 7],
  ])('parseRunFilter(%j) fails with %j at %i–%i', (text, message, position, end) => {
    const e = error(text);
    expect(e.message).toContain(message);
    expect([e.position, e.end]).toEqual([position, end]);
  });
});
