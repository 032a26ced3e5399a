import type { RunColumn } from './runColumns';

/** A comparison operator of a filter clause. */
export type FilterOp = '<' | '<=' | '>' | '>=' | '=' | '!=' | '~' | '!~' | 'has';

/** What a filter key names: a run field, a config key, a summary metric, the tags, or config-else-summary. */
export type FilterKey = RunColumn | { kind: 'tags' } | { kind: 'configOrSummary'; key: string };

/** The right-hand side of a clause. */
export interface FilterValue {
  /** The value as typed, without quotes. */
  text: string;
  /** Its number when it was typed as one (unquoted `1e-3`, `-2`, `NaN`, `inf`), else null. */
  number: number | null;
  /** What `~` tests: the regex typed as `/…/flags`, else the text as a case-insensitive substring. */
  pattern: RegExp;
}

/** A parsed workspace filter. */
export type FilterNode =
  | { kind: 'all' }
  | { kind: 'and'; nodes: FilterNode[] }
  | { kind: 'or'; nodes: FilterNode[] }
  | { kind: 'not'; node: FilterNode }
  /** A bare word, quoted text or regex: searches run names. */
  | { kind: 'search'; pattern: RegExp }
  | { kind: 'compare'; key: FilterKey; op: FilterOp; value: FilterValue };

/** Why a filter did not parse, and where (0-based offsets into the text, `end` exclusive), for the UI to underline. */
export interface FilterError {
  message: string;
  position: number;
  end: number;
}

/** The outcome of parsing: a filter, or an error to show instead of throwing. */
export type FilterParse = { ok: true; filter: FilterNode } | { ok: false; error: FilterError };

type Token =
  | { kind: 'word' | 'string'; text: string; start: number; end: number }
  | { kind: 'regex'; pattern: RegExp; start: number; end: number }
  | { kind: 'op'; op: FilterOp; start: number; end: number }
  | { kind: '(' | ')' | '[' | ']' | ',' | '&&' | '||' | '!'; start: number; end: number };

class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
    readonly end: number,
  ) {
    super(message);
  }
}

const SYMBOL_OPS: [string, FilterOp][] = [['<=', '<='], ['>=', '>='], ['!=', '!='], ['!~', '!~'], ['==', '='], ['≤', '<='], ['≥', '>='], ['≠', '!='], ['<', '<'], ['>', '>'], ['=', '='], ['~', '~']];
const WORD_END = /[\s()[\],<>=!~"'&|≤≥≠]/;
const NUMBER = /^[+-]?((\d+\.?\d*|\.\d+)(e[+-]?\d+)?|inf(inity)?|nan)$/i;
const FIELDS: Record<string, RunColumn> = {
  name: { kind: 'field', key: 'name' },
  state: { kind: 'field', key: 'state' },
  group: { kind: 'field', key: 'group' },
  createdat: { kind: 'field', key: 'createdAt' },
  runtime: { kind: 'field', key: 'runtime' },
};

/**
 * Parses a workspace filter: clauses `key op value` (`lr < 0.01`, `config.lr <= 1e-3`, `summary.val/loss > 0.5`,
 * `state != crashed`, `tags has baseline`, `name ~ /^brave/i`, `optimizer = "adam"`, `lr in [0.001, 0.03]`, which is
 * `lr = 0.001 or lr = 0.03`) and name searches (a bare word,
 * quoted text or `/regex/`), joined by `and`/`&&` (or just a space), `or`/`||`, `not`/`!` and parentheses.
 * A key is a run field (name, state, group, createdAt, runtime, tags), `config.<key>`, `summary.<metric>`, or a
 * flattened config key falling back to a summary metric. Empty text matches every run.
 */
export function parseRunFilter(text: string): FilterParse {
  try {
    const parser = new Parser(tokenize(text), text.length);
    if (parser.done()) return { ok: true, filter: { kind: 'all' } };
    const filter = parser.or();
    const extra = parser.peek();
    if (extra) throw new FilterSyntaxError(extra.kind === ')' ? `unexpected ')': there is no '(' before it` : 'unexpected text: join clauses with and / or', extra.start, extra.end);
    return { ok: true, filter };
  } catch (error) {
    if (!(error instanceof FilterSyntaxError)) throw error;
    return { ok: false, error: { message: error.message, position: error.position, end: error.end } };
  }
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  done(): boolean {
    return this.i >= this.tokens.length;
  }

  peek(): Token | undefined {
    return this.tokens[this.i];
  }

  or(): FilterNode {
    const nodes = [this.and()];
    while (this.isKeyword('or', '||')) {
      this.i++;
      nodes.push(this.and());
    }
    return nodes.length === 1 ? nodes[0]! : { kind: 'or', nodes };
  }

  private and(): FilterNode {
    const nodes = [this.unary()];
    for (;;) {
      if (this.isKeyword('and', '&&')) this.i++;
      else if (!this.startsClause()) break;
      nodes.push(this.unary());
    }
    return nodes.length === 1 ? nodes[0]! : { kind: 'and', nodes };
  }

  private unary(): FilterNode {
    if (this.isKeyword('not', '!')) {
      this.i++;
      return { kind: 'not', node: this.unary() };
    }
    return this.primary();
  }

  private primary(): FilterNode {
    const token = this.next('expected a filter: a name to search for, or key op value');
    if (token.kind === '(') {
      const inner = this.or();
      if (this.peek()?.kind !== ')') throw new FilterSyntaxError(`missing ')' to close the '(' at ${token.start + 1}`, this.peek()?.start ?? this.length, this.peek()?.end ?? this.length);
      this.i++;
      return inner;
    }
    if (token.kind === 'op') throw new FilterSyntaxError(`expected a key before '${token.op}'`, token.start, token.end);
    if (token.kind !== 'word' && token.kind !== 'string' && token.kind !== 'regex') throw new FilterSyntaxError(`expected a filter before '${tokenText(token)}'`, token.start, token.end);
    if (token.kind === 'word' && /^(and|or)$/i.test(token.text)) throw new FilterSyntaxError(`expected a filter before '${token.text}'`, token.start, token.end);
    const after = this.peek();
    const isIn = after?.kind === 'word' && after.text.toLowerCase() === 'in';
    const op = isIn ? null : this.operator();
    if (!op && !isIn) return { kind: 'search', pattern: token.kind === 'regex' ? token.pattern : substring(token.text) };
    if (token.kind === 'regex') throw new FilterSyntaxError('a regular expression cannot be a key: put a key such as name before the operator', token.start, token.end);
    const key = token.kind === 'string' ? configOrSummary(token.text) : filterKey(token.text);
    if (op) return { kind: 'compare', key, op: op.op, value: this.value(op) };
    const values = this.list();
    return values.length === 1 ? { kind: 'compare', key, op: '=', value: values[0]! } : { kind: 'or', nodes: values.map((value) => ({ kind: 'compare', key, op: '=', value })) };
  }

  /** `in [a, b, …]` after a key: the values it may equal. */
  private list(): FilterValue[] {
    const inWord = this.next('expected in');
    const open = this.peek();
    if (open?.kind !== '[') throw new FilterSyntaxError("expected a list after 'in', such as [0.001, 0.03]", open?.start ?? inWord.end, open?.end ?? inWord.end);
    this.i++;
    const values: FilterValue[] = [];
    for (;;) {
      values.push(this.value({ op: '=', end: this.peek()?.start ?? this.length }));
      const token = this.next("missing ']' to close the list");
      if (token.kind === ']') return values;
      if (token.kind !== ',') throw new FilterSyntaxError("expected ',' or ']' in the list", token.start, token.end);
    }
  }

  private operator(): { op: FilterOp; end: number } | null {
    const token = this.peek();
    const op = token?.kind === 'op' ? token.op : token?.kind === 'word' && token.text.toLowerCase() === 'has' ? 'has' : null;
    if (!token || !op) return null;
    this.i++;
    return { op, end: token.end };
  }

  private value(op: { op: FilterOp; end: number }): FilterValue {
    const token = this.peek();
    // `and`/`or` here are far likelier a forgotten value than a value; quoting them makes them values.
    const isValue = token && (token.kind === 'string' || token.kind === 'regex' || (token.kind === 'word' && !/^(and|or)$/i.test(token.text)));
    if (!token || !isValue) {
      throw new FilterSyntaxError(`expected a value after '${op.op}'`, token?.start ?? op.end, token?.end ?? op.end);
    }
    this.i++;
    if (token.kind === 'regex') {
      if (op.op !== '~' && op.op !== '!~') throw new FilterSyntaxError(`a regular expression works only with ~ or !~, not '${op.op}'`, token.start, token.end);
      return { text: token.pattern.source, number: null, pattern: token.pattern };
    }
    const number = token.kind === 'word' && NUMBER.test(token.text) ? parseNumber(token.text) : null;
    return { text: token.text, number, pattern: substring(token.text) };
  }

  private next(message: string): Token {
    const token = this.tokens[this.i++];
    if (!token) throw new FilterSyntaxError(message, this.length, this.length);
    return token;
  }

  private isKeyword(word: string, symbol: Token['kind']): boolean {
    const token = this.peek();
    return token?.kind === symbol || (token?.kind === 'word' && token.text.toLowerCase() === word);
  }

  private startsClause(): boolean {
    const token = this.peek();
    if (!token) return false;
    if (token.kind === 'word') return !/^(or|has)$/i.test(token.text);
    return token.kind === 'string' || token.kind === 'regex' || token.kind === '(' || token.kind === '!';
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    const symbol = SYMBOL_OPS.find(([s]) => text.startsWith(s, i));
    if (c === '(' || c === ')' || c === '[' || c === ']' || c === ',') tokens.push({ kind: c, start, end: ++i });
    else if (text.startsWith('&&', i) || text.startsWith('||', i)) tokens.push({ kind: text.startsWith('&&', i) ? '&&' : '||', start, end: (i += 2) });
    else if (c === '&' || c === '|') throw new FilterSyntaxError(`'${c}' alone means nothing here: use ${c === '&' ? "'and' or '&&'" : "'or' or '||'"}`, start, start + 1);
    else if (symbol) tokens.push({ kind: 'op', op: symbol[1], start, end: (i += symbol[0].length) });
    else if (c === '!') tokens.push({ kind: '!', start, end: ++i });
    else if (c === '"' || c === "'") {
      const [value, end] = readQuoted(text, i);
      tokens.push({ kind: 'string', text: value, start, end });
      i = end;
    } else if (c === '/') {
      const [pattern, end] = readRegex(text, i);
      tokens.push({ kind: 'regex', pattern, start, end });
      i = end;
    } else {
      while (i < text.length && !WORD_END.test(text[i]!)) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), start, end: i });
    }
  }
  return tokens;
}

function readQuoted(text: string, start: number): [string, number] {
  const quote = text[start];
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === quote) return [value, i + 1];
    if (c === '\\' && i + 1 < text.length) value += text[++i];
    else value += c;
  }
  throw new FilterSyntaxError(`unclosed quote: add a closing ${quote}`, start, text.length);
}

function readRegex(text: string, start: number): [RegExp, number] {
  let i = start + 1;
  let inClass = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) break;
  }
  if (i >= text.length) throw new FilterSyntaxError('unclosed regular expression: add a closing /', start, text.length);
  let end = i + 1;
  while (end < text.length && /[a-z]/i.test(text[end]!)) end++;
  // g and y make test() remember lastIndex between runs, so the same run could match once and fail the next time.
  const flags = text.slice(i + 1, end).replace(/[gy]/g, '');
  try {
    return [new RegExp(text.slice(start + 1, i), flags), end];
  } catch (error) {
    throw new FilterSyntaxError(`invalid regular expression: ${(error as Error).message}`, start, end);
  }
}

function filterKey(word: string): FilterKey {
  const lower = word.toLowerCase();
  if (lower === 'tags' || lower === 'tag') return { kind: 'tags' };
  if (lower.startsWith('config.') && word.length > 7) return { kind: 'config', key: word.slice(7) };
  if (lower.startsWith('summary.') && word.length > 8) return { kind: 'summary', key: word.slice(8) };
  return Object.hasOwn(FIELDS, lower) ? FIELDS[lower]! : configOrSummary(word);
}

function configOrSummary(key: string): FilterKey {
  return { kind: 'configOrSummary', key };
}

function parseNumber(text: string): number {
  const lower = text.toLowerCase().replace(/^\+/, '');
  if (lower === 'nan') return NaN;
  if (/^-?inf(inity)?$/.test(lower)) return lower.startsWith('-') ? -Infinity : Infinity;
  return Number(text);
}

function substring(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'i');
}

function tokenText(token: Token): string {
  return token.kind === 'word' || token.kind === 'string' ? token.text : token.kind === 'regex' ? String(token.pattern) : token.kind === 'op' ? token.op : token.kind;
}
