import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { toValueTree } from './valueTree';

describe('toValueTree', () => {
  it('describes primitives as typed leaves', () => {
    expect(toValueTree(42)).toEqual({ kind: 'leaf', text: '42', type: 'number' });
    expect(toValueTree('hi')).toEqual({ kind: 'leaf', text: '"hi"', type: 'string' });
    expect(toValueTree(null)).toMatchObject({ type: 'nullish' });
    expect(toValueTree(new Error('boom'))).toEqual({ kind: 'leaf', text: 'Error: boom', type: 'error' });
  });

  it('describes objects as branches with a label, a one-line summary and one entry per property', () => {
    const tree = toValueTree({ lr: 0.01, layers: [64, 32] });
    expect(tree).toMatchObject({ kind: 'branch', label: 'Object', summary: '{ lr: 0.01, layers: [ 64, 32 ] }', hidden: 0 });
    if (tree.kind !== 'branch') throw new Error('not a branch');
    expect(tree.entries.map((e) => e.key)).toEqual(['lr', 'layers']);
    expect(tree.entries[1]!.value).toMatchObject({ kind: 'branch', label: 'Array(2)' });
  });

  it('labels maps, sets, typed arrays and class instances as a console does', () => {
    class Point {
      x = 1;
    }
    expect(toValueTree(new Map([['a', 1]]))).toMatchObject({ label: 'Map(1)', entries: [{ key: '"a"', value: { text: '1' } }] });
    expect(toValueTree(new Set([1, 2]))).toMatchObject({ label: 'Set(2)' });
    expect(toValueTree(new Float32Array(3))).toMatchObject({ label: 'Float32Array(3)' });
    expect(toValueTree(new Point())).toMatchObject({ label: 'Point' });
  });

  it('keeps maxEntries entries and counts the rest as hidden', () => {
    const tree = toValueTree(Array.from({ length: 250 }, (_, i) => i), { maxEntries: 100 });
    expect(tree).toMatchObject({ kind: 'branch', hidden: 150 });
    if (tree.kind === 'branch') expect(tree.entries).toHaveLength(100);
  });

  it('cuts cycles and depth without throwing', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a['self'] = a;
    const tree = toValueTree(a);
    if (tree.kind !== 'branch') throw new Error('not a branch');
    expect(tree.entries[1]!.value).toEqual({ kind: 'leaf', text: '[Circular]', type: 'cut' });
    const deep = toValueTree({ a: { b: { c: { d: 1 } } } }, { maxDepth: 2 });
    expect(JSON.stringify(deep)).toContain('"type":"cut"');
  });

  it('a tensor inside a value is one line: dtype and shape, or that it was disposed', () => {
    const weights = tf.ones([2]);
    const gone = tf.zeros([3]);
    gone.dispose();
    const tree = toValueTree({ t: weights, gone });
    expect(tree).toMatchObject({ entries: [{ key: 't', value: { kind: 'tensor', summary: 'Tensor float32 [2]' } }, { key: 'gone', value: { kind: 'tensor', summary: 'Tensor float32 [3] (disposed)' } }] });
    weights.dispose();
  });

  it('a getter that throws shows what it threw, and the rest of the object still shows', () => {
    const value = {
      ok: 1,
      get broken(): number {
        throw new Error('boom');
      },
    };
    const tree = toValueTree(value);
    expect(tree).toMatchObject({ kind: 'branch', summary: '{ ok: 1, broken: [getter threw Error: boom] }' });
    expect(tree).toMatchObject({ entries: [{ key: 'ok' }, { key: 'broken', value: { kind: 'leaf', type: 'error', text: '[getter threw Error: boom]' } }] });
  });

  it('summaries show a tensor by dtype and shape, not its fields, and stop two levels down', () => {
    const weights = tf.zeros([2, 3]);
    const tree = toValueTree({ w: weights, deep: { a: { b: 1 } } });
    expect(tree).toMatchObject({ summary: '{ w: Tensor float32 [2, 3], deep: { a: [Object] } }' });
    weights.dispose();
  });
});
