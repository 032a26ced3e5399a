import { allRows } from './allRows';

/** Positions fit in the low bits of a packed key when a table has at most 2^20 (1,048,576) rows. */
const INDEX_BITS = 20;
const INDEX_MASK = (1 << INDEX_BITS) - 1;
/** Packed keys are read as 32-bit words: which word of a 64-bit integer is its high one. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * `order` sorted by a number per row, stable (equal keys keep their order), NaN last either way.
 *
 * Each key becomes a 64-bit integer that sorts as the number does, with its low 20 bits replaced by its position, and
 * the integers are sorted natively (BigUint64Array.prototype.sort, no comparator): a million rows in ~130 ms where a
 * comparator sort took ~230 ms. Keys that differ only in those 20 bits (a relative difference under 2^-32) come out
 * in position order, so each run of such keys is then sorted by its full keys.
 */
export function numericOrder(order: Uint32Array, key: (row: number) => number, direction: 'asc' | 'desc'): Uint32Array {
  const n = order.length;
  const keys = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const v = key(order[p]!);
    keys[p] = v === 0 ? 0 : v;
  }
  const compare = fullCompare(keys, direction);
  const positions = n <= 1 << INDEX_BITS && LITTLE_ENDIAN ? packedSort(keys, direction, compare) : allRows(n).sort(compare);
  const sorted = new Uint32Array(n);
  for (let i = 0; i < n; i++) sorted[i] = order[positions[i]!]!;
  return sorted;
}

function packedSort(keys: Float64Array, direction: 'asc' | 'desc', compare: (a: number, b: number) => number): Uint32Array {
  const n = keys.length;
  const words = new Uint32Array(keys.buffer);
  const packed = new BigUint64Array(n);
  const halves = new Uint32Array(packed.buffer);
  const flip = direction === 'desc' ? 0xffffffff : 0;
  for (let p = 0; p < n; p++) {
    let hi = 0xffffffff;
    let lo = 0xffffffff;
    // Negative numbers with every bit flipped, others with the sign bit set: unsigned order is then numeric order.
    if (keys[p] === keys[p]) {
      const h = words[2 * p + 1]!;
      const l = words[2 * p]!;
      const negative = (h & 0x80000000) !== 0;
      hi = (negative ? ~h : h | 0x80000000) ^ flip;
      lo = (negative ? ~l : l) ^ flip;
    }
    halves[2 * p + 1] = hi >>> 0;
    halves[2 * p] = ((lo & ~INDEX_MASK) | p) >>> 0;
  }
  packed.sort();
  const positions = new Uint32Array(n);
  for (let i = 0; i < n; i++) positions[i] = halves[2 * i]! & INDEX_MASK;
  const sameTruncated = (i: number) => halves[2 * i + 1] === halves[2 * i - 1] && (halves[2 * i]! & ~INDEX_MASK) === (halves[2 * i - 2]! & ~INDEX_MASK);
  for (let start = 0, i = 1; i <= n; i++) {
    if (i < n && sameTruncated(i)) continue;
    if (i - start > 1) positions.subarray(start, i).sort(compare);
    start = i;
  }
  return positions;
}

/** Positions by their keys: numerically, NaN last, equal keys by position. */
function fullCompare(keys: Float64Array, direction: 'asc' | 'desc'): (a: number, b: number) => number {
  const sign = direction === 'asc' ? 1 : -1;
  return (a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    if (x !== x) return y !== y ? a - b : 1;
    if (y !== y) return -1;
    return x < y ? -sign : x > y ? sign : a - b;
  };
}
