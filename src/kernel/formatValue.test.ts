import { describe, expect, it } from 'vitest';
import { formatValue } from './formatValue';

describe('formatValue', () => {
  it('formatValue(string) is the string itself at top level and JSON-quoted inside structures', () => {
    expect(formatValue('hello "you"')).toBe('hello "you"');
    expect(formatValue(['a', 'b"c'])).toBe('[ "a", "b\\"c" ]');
    expect(formatValue({ s: 'x' })).toBe('{ s: "x" }');
  });

  it('formatValue(number) keeps the sign of -0', () => {
    expect(formatValue(-0)).toBe('-0');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(1.5)).toBe('1.5');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue([-0])).toBe('[ -0 ]');
  });

  it('formatValue(bigint) has the n suffix', () => {
    expect(formatValue(12n)).toBe('12n');
    expect(formatValue({ big: -3n })).toBe('{ big: -3n }');
  });

  it('formatValue(primitive) prints booleans, null, undefined and symbols like String()', () => {
    expect(formatValue(true)).toBe('true');
    expect(formatValue(null)).toBe('null');
    expect(formatValue(undefined)).toBe('undefined');
    expect(formatValue(Symbol('tag'))).toBe('Symbol(tag)');
  });

  it('formatValue(function) names the function, or says it is anonymous', () => {
    function train() {}
    expect(formatValue(train)).toBe('[Function train]');
    expect(formatValue({ f: train })).toBe('{ f: [Function train] }');
    // An arrow function passed straight into an array gets no inferred name.
    expect(formatValue([() => 1])).toBe('[ [Function (anonymous)] ]');
  });

  it('formatValue(error) is "Name: message", subclasses included', () => {
    expect(formatValue(new TypeError('bad shape'))).toBe('TypeError: bad shape');
    expect(formatValue({ e: new RangeError('r') })).toBe('{ e: RangeError: r }');
  });

  it('formatValue(array) shows the first 100 items and counts the rest', () => {
    const text = formatValue(Array.from({ length: 150 }, (_, i) => i));
    expect(text.startsWith('[ 0, 1, 2, ')).toBe(true);
    expect(text.endsWith(', 98, 99, … 50 more ]')).toBe(true);
    expect(text).not.toContain('100');
    expect(formatValue(Array.from({ length: 100 }, () => 0))).not.toContain('more');
    expect(formatValue([])).toBe('[]');
  });

  it('formatValue(nested) cuts nesting at depth 3', () => {
    expect(formatValue({ a: { b: { c: { d: 1 } } } })).toBe('{ a: { b: { c: [Object] } } }');
    expect(formatValue([[[[1]]]])).toBe('[ [ [ [Array] ] ] ]');
    expect(formatValue({ a: { b: { c: 1 } } })).toBe('{ a: { b: { c: 1 } } }');
  });

  it('formatValue(circular) shows the cycle as [Circular]', () => {
    const o: Record<string, unknown> = { name: 'loop' };
    o.self = o;
    expect(formatValue(o)).toBe('{ name: "loop", self: [Circular] }');
    const a: unknown[] = [1];
    a.push(a);
    expect(formatValue(a)).toBe('[ 1, [Circular] ]');
  });

  it('formatValue(value) prints an object shared by two keys twice, not as [Circular]', () => {
    const shared = { x: 1 };
    expect(formatValue({ a: shared, b: shared })).toBe('{ a: { x: 1 }, b: { x: 1 } }');
  });

  it('formatValue(map) and formatValue(set) show their size and entries', () => {
    expect(formatValue(new Map<unknown, unknown>([['lr', 0.1], [2, [1]]]))).toBe('Map(2) { "lr" => 0.1, 2 => [ 1 ] }');
    expect(formatValue(new Set(['a', 1]))).toBe('Set(2) { "a", 1 }');
    expect(formatValue(new Map())).toBe('Map(0) {}');
  });

  it('formatValue(typed array) shows its type and length', () => {
    expect(formatValue(Float32Array.from([1, 0.5, -2]))).toBe('Float32Array(3) [ 1, 0.5, -2 ]');
    expect(formatValue(new Uint8Array(0))).toBe('Uint8Array(0) []');
    expect(formatValue(BigInt64Array.from([1n]))).toBe('BigInt64Array(1) [ 1n ]');
    expect(formatValue(new Int32Array(101))).toMatch(/^Int32Array\(101\) \[ 0, .*, 0, … 1 more \]$/);
  });

  it('formatValue(date) is its ISO time, and "Invalid Date" for an invalid one instead of throwing', () => {
    expect(formatValue(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('2026-01-02T03:04:05.000Z');
    expect(formatValue(new Date(NaN))).toBe('Invalid Date');
    expect(formatValue({ when: new Date(NaN) })).toBe('{ when: Invalid Date }');
  });

  it('formatValue(instance) prefixes the class name; plain and null-prototype objects get none', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    expect(formatValue(new Point(1, 2))).toBe('Point { x: 1, y: 2 }');
    expect(formatValue({ x: 1 })).toBe('{ x: 1 }');
    const bare = Object.create(null) as Record<string, unknown>;
    bare.k = 1;
    expect(formatValue(bare)).toBe('{ k: 1 }');
  });

  it('formatValue(object) quotes keys that are not identifiers', () => {
    expect(formatValue({ 'learning rate': 1, ok_1: 2 })).toBe('{ "learning rate": 1, ok_1: 2 }');
  });
});
