import { describe, expect, it } from 'vitest';
import { numericOrder } from './numericOrder';

/** The reference: a comparator sort, stable, NaN last. */
function reference(order: number[], keys: number[], direction: 'asc' | 'desc'): number[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...order].sort((a, b) => {
    const [x, y] = [keys[a]!, keys[b]!];
    if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
    if (Number.isNaN(y)) return -1;
    return x < y ? -sign : x > y ? sign : 0;
  });
}

describe('numericOrder', () => {
  it('sorts negative, positive, zero, infinite and missing keys either way, stable', () => {
    const keys = [3, -1, NaN, 0, -0, Infinity, -Infinity, 3, -1e-300, 1e300, 2.5, NaN, -2.5];
    const order = keys.map((_, i) => i);
    for (const direction of ['asc', 'desc'] as const) {
      expect(Array.from(numericOrder(Uint32Array.from(order), (r) => keys[r]!, direction))).toEqual(reference(order, keys, direction));
    }
  });

  it('agrees with a plain comparator sort on 20,000 random keys with many ties, over a subset of rows', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const keys = Array.from({ length: 30_000 }, () => (random() < 0.05 ? NaN : Math.round((random() - 0.5) * 200) / 8));
    const order = Array.from({ length: 30_000 }, (_, i) => i).filter((i) => i % 3 !== 1);
    for (const direction of ['asc', 'desc'] as const) {
      expect(Array.from(numericOrder(Uint32Array.from(order), (r) => keys[r]!, direction))).toEqual(reference(order, keys, direction));
    }
  });
});

describe('numericOrder on keys equal in all but their last bits', () => {
  it('orders them by their full value, not by position', () => {
    const base = 1.5;
    const keys = [base + 2 * Number.EPSILON, base, base + Number.EPSILON, 1.5, -base - Number.EPSILON, -base];
    const order = keys.map((_, i) => i);
    for (const direction of ['asc', 'desc'] as const) {
      expect(Array.from(numericOrder(Uint32Array.from(order), (r) => keys[r]!, direction))).toEqual(reference(order, keys, direction));
    }
  });
});
