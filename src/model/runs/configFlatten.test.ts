import { describe, expect, it } from 'vitest';
import { flatConfigOf, flattenConfig, toConfigTree } from './configFlatten';

describe('flattenConfig', () => {
  it('flattenConfig(tree) keeps top-level scalars as they are', () => {
    expect(flattenConfig({ lr: 0.01, name: 'adam', amsgrad: false, seed: null })).toEqual({ lr: 0.01, name: 'adam', amsgrad: false, seed: null });
  });

  it('flattenConfig(tree) joins nested keys with dots', () => {
    expect(flattenConfig({ optimizer: { name: 'adam', params: { lr: 0.01, beta: { one: 0.9 } } }, epochs: 3 })).toEqual({
      'optimizer.name': 'adam',
      'optimizer.params.lr': 0.01,
      'optimizer.params.beta.one': 0.9,
      epochs: 3,
    });
  });

  it('flattenConfig(tree) keeps arrays whole as JSON text', () => {
    expect(flattenConfig({ layers: [64, 32], model: { kernels: [[3, 3], 'same'] } })).toEqual({
      layers: '[64,32]',
      'model.kernels': '[[3,3],"same"]',
    });
  });

  it('flattenConfig(tree) keeps arrays of objects as JSON text rather than flattening them', () => {
    expect(flattenConfig({ stages: [{ lr: 1 }, { lr: 2 }] })).toEqual({ stages: '[{"lr":1},{"lr":2}]' });
  });

  it('flattenConfig(tree, prefix) prefixes every key', () => {
    expect(flattenConfig({ a: 1, b: { c: 2 } }, 'cfg')).toEqual({ 'cfg.a': 1, 'cfg.b.c': 2 });
  });

  it('flattenConfig({}) is empty', () => {
    expect(flattenConfig({})).toEqual({});
  });
});

describe('flatConfigOf', () => {
  it('flatConfigOf(run) flattens a config once and gives the same object back while the config is the same', () => {
    const config = { optimizer: { lr: 0.01 } };
    const first = flatConfigOf({ config });
    expect(first).toEqual({ 'optimizer.lr': 0.01 });
    expect(flatConfigOf({ config })).toBe(first);
  });

  it('flatConfigOf(run) of a replaced config flattens the new one', () => {
    const run = { config: { lr: 0.1 } };
    expect(flatConfigOf(run)).toEqual({ lr: 0.1 });
    expect(flatConfigOf({ ...run, config: { lr: 0.2 } })).toEqual({ lr: 0.2 });
  });
});

describe('toConfigTree', () => {
  it('toConfigTree(undefined | null) is an empty config', () => {
    expect(toConfigTree(undefined)).toEqual({});
    expect(toConfigTree(null)).toEqual({});
  });

  it('toConfigTree(object) returns an equal copy, not the same object', () => {
    const input = { lr: 0.1, opt: { name: 'sgd', momentum: 0.9 }, layers: [1, 2] };
    const tree = toConfigTree(input);
    expect(tree).toEqual(input);
    expect(tree).not.toBe(input);
    expect(tree.opt).not.toBe(input.opt);
  });

  it('toConfigTree(object) turns typed arrays into plain arrays', () => {
    const tree = toConfigTree({ weights: new Float32Array([0.5, 1.5]), ids: new Int32Array([1, 2, 3]), nested: { u8: new Uint8Array([255]) } });
    expect(tree).toEqual({ weights: [0.5, 1.5], ids: [1, 2, 3], nested: { u8: [255] } });
    expect(Array.isArray(tree.weights)).toBe(true);
  });

  it('toConfigTree(object) turns Dates into ISO strings', () => {
    const tree = toConfigTree({ started: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) });
    expect(tree).toEqual({ started: '2024-01-02T03:04:05.000Z' });
  });

  it('toConfigTree(object) drops undefined, functions and symbols', () => {
    const tree = toConfigTree({ a: 1, b: undefined, c: () => 1, d: Symbol('x'), e: { f: undefined, g: 2 } });
    expect(tree).toEqual({ a: 1, e: { g: 2 } });
    expect(Object.keys(tree)).toEqual(['a', 'e']);
  });

  it.each([
    ['a number', 3],
    ['a string', 'lr=0.1'],
    ['a boolean', true],
    ['an array', [1, 2]],
    ['a typed array', new Float32Array([1])],
    ['a Date', new Date(0)],
  ])('toConfigTree(%s) is rejected with a TypeError', (_label, input) => {
    expect(() => toConfigTree(input)).toThrow(TypeError);
    expect(() => toConfigTree(input)).toThrow('config must be an object');
  });
});

describe('flattenConfig with empty objects', () => {
  it('flattenConfig({ a: {} }) keeps the key as "{}" rather than dropping it', () => {
    expect(flattenConfig({ a: {}, b: { c: {} } })).toEqual({ a: '{}', 'b.c': '{}' });
  });
});
