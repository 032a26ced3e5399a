import { describe, expect, it } from 'vitest';
import { flattenLogDict, LogValueError, MAX_METRIC_KEY_LENGTH, type RichLogValue } from './logValues';

function flatten(dict: unknown): Record<string, number> {
  const keys: string[] = [];
  const values: number[] = [];
  flattenLogDict(dict, keys, values);
  expect(keys.length).toBe(values.length);
  return Object.fromEntries(keys.map((k, i) => [k, values[i]!]));
}

function thrown(dict: unknown): LogValueError {
  try {
    flattenLogDict(dict, [], []);
  } catch (error) {
    expect(error).toBeInstanceOf(LogValueError);
    return error as LogValueError;
  }
  throw new Error('expected flattenLogDict to throw');
}

describe('flattenLogDict', () => {
  it('flattenLogDict({numbers}) keeps numbers as they are, NaN and ±Infinity included', () => {
    const out = flatten({ a: 1.5, b: -0, c: NaN, d: Infinity, e: -Infinity, f: Number.MAX_VALUE });
    expect(out).toEqual({ a: 1.5, b: -0, c: NaN, d: Infinity, e: -Infinity, f: Number.MAX_VALUE });
    expect(out.c).toBeNaN();
  });

  it('flattenLogDict({booleans}) stores true as 1 and false as 0', () => {
    expect(flatten({ ok: true, bad: false })).toEqual({ ok: 1, bad: 0 });
  });

  it('flattenLogDict({bigint}) stores a number', () => {
    expect(flatten({ n: 12n })).toEqual({ n: 12 });
  });

  it('flattenLogDict({nested}) joins nested keys with /', () => {
    expect(flatten({ train: { loss: 0.5, acc: 0.9 }, val: { deep: { x: 1 } }, lr: 0.1 })).toEqual({
      'train/loss': 0.5,
      'train/acc': 0.9,
      'val/deep/x': 1,
      lr: 0.1,
    });
  });

  it('flattenLogDict(dict) keeps insertion order of keys', () => {
    const keys: string[] = [];
    flattenLogDict({ z: 1, a: { y: 2, b: 3 }, c: 4 }, keys, []);
    expect(keys).toEqual(['z', 'a/y', 'a/b', 'c']);
  });

  it('flattenLogDict(dict) skips null and undefined', () => {
    expect(flatten({ a: null, b: undefined, c: 1, d: { e: null } })).toEqual({ c: 1 });
  });

  it('flattenLogDict(dict) accepts objects with a null prototype', () => {
    const dict = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(flatten(dict)).toEqual({ a: 1 });
  });

  it('flattenLogDict(dict, keys, values) clears the reused arrays first', () => {
    const keys = ['old'];
    const values = [99];
    flattenLogDict({ a: 1 }, keys, values);
    expect(keys).toEqual(['a']);
    expect(values).toEqual([1]);
  });

  it.each([
    ['a string', { label: 'cat' }, 'label', 'a string ("cat")'],
    ['an array', { xs: [1, 2] }, 'xs', 'an array'],
    ['a Date', { when: new Date(0) }, 'when', 'a Date'],
    ['a function', { fn: () => 1 }, 'fn', 'a function'],
    ['a symbol', { s: Symbol('s') }, 's', 'a symbol'],
    ['a Map', { m: new Map() }, 'm', 'a Map'],
    ['a typed array', { t: new Float32Array(2) }, 't', 'a Float32Array'],
    ['a nested string', { train: { phase: 'warmup' } }, 'train/phase', 'a string'],
  ])('flattenLogDict({key: %s}) throws LogValueError naming the key', (_label, dict, key, description) => {
    const error = thrown(dict);
    expect(error.name).toBe('LogValueError');
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain(`"${key}"`);
    expect(error.message).toContain(description);
  });

  it('flattenLogDict({key: tensor-like}) throws naming the key and says how to log a tensor', () => {
    class FakeTensor {
      shape = [1];
      dataSync(): Float32Array {
        return new Float32Array([1]);
      }
    }
    const error = thrown({ loss: new FakeTensor() });
    expect(error.message).toContain('"loss"');
    expect(error.message).toContain('a FakeTensor');
    expect(error.message).toContain('tensor.dataSync()');
  });

  it('flattenLogDict(dict) rejects the whole dict even when the bad value comes after good ones', () => {
    const keys: string[] = [];
    const values: number[] = [];
    expect(() => flattenLogDict({ a: 1, b: 'x' }, keys, values)).toThrow(LogValueError);
  });

  it(`flattenLogDict(dict) accepts a key of ${MAX_METRIC_KEY_LENGTH} characters and rejects a longer one`, () => {
    expect(MAX_METRIC_KEY_LENGTH).toBe(256);
    expect(flatten({ ['k'.repeat(256)]: 1 })).toEqual({ ['k'.repeat(256)]: 1 });
    const error = thrown({ ['k'.repeat(257)]: 1 });
    expect(error.message).toContain('257 characters');
    expect(error.message).toContain('256');
  });

  it('flattenLogDict(dict) counts the joined nested key against the length limit', () => {
    const error = thrown({ ['a'.repeat(200)]: { ['b'.repeat(60)]: 1 } });
    expect(error.message).toContain('261 characters');
  });

  it.each(['_step', '_timestamp', '_runtime'])('flattenLogDict({%s}) is rejected as a reserved key', (key) => {
    const error = thrown({ [key]: 1 });
    expect(error.message).toContain(`"${key}"`);
    expect(error.message).toContain('reserved');
  });

  it('flattenLogDict(dict) allows reserved names as nested parts of a key', () => {
    expect(flatten({ train: { _step: 1 } })).toEqual({ 'train/_step': 1 });
  });

  it('flattenLogDict(dict) rejects an empty key', () => {
    expect(thrown({ '': 1 }).message).toContain('empty metric key');
    expect(thrown({ a: { '': 1 } }).message).toContain('empty metric key');
  });

  it.each([
    ['null', null, 'got null'],
    ['a number', 3, 'got a number'],
    ['a string', 'loss', 'got a string'],
    ['an array', [1, 2], 'got an array'],
    ['a Map', new Map([['a', 1]]), 'got a Map'],
    ['undefined', undefined, 'got undefined'],
  ])('flattenLogDict(%s) is rejected: run.log expects an object', (_label, dict, description) => {
    const error = thrown(dict);
    expect(error.message).toContain('run.log expects an object of metrics');
    expect(error.message).toContain(description);
  });
});

describe('flattenLogDict and values logged whole', () => {
  it('hands tables, images and arrays of images to the caller by key, and still refuses other arrays', () => {
    const keys: string[] = [];
    const values: number[] = [];
    const rich: RichLogValue[] = [];
    const table = { labbookKind: 'table' };
    const image = { labbookKind: 'image' };
    flattenLogDict({ loss: 1, preds: table, media: { sample: image, grid: [image, image] } }, keys, values, rich);
    expect(keys).toEqual(['loss']);
    expect(rich.map((r) => [r.path, r.kind])).toEqual([
      ['preds', 'table'],
      ['media/sample', 'image'],
      ['media/grid', 'images'],
    ]);
    expect(() => flattenLogDict({ mixed: [image, 1] }, keys, values, rich)).toThrow(LogValueError);
  });
});
