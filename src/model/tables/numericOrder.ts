/**
 * `order` sorted by a number per row, stable (equal keys keep their order), NaN last either way. The keys are read
 * once into a Float64Array and compared there. (An LSD radix sort was tried: faster once warm, but a table sorts once
 * per click, and cold it took 100 ms on 100,000 rows to this sort's 26 ms.)
 */
export function numericOrder(order: Uint32Array, key: (row: number) => number, direction: 'asc' | 'desc'): Uint32Array {
  const n = order.length;
  const keys = new Float64Array(n);
  for (let p = 0; p < n; p++) keys[p] = key(order[p]!);
  const positions = new Uint32Array(n);
  for (let p = 0; p < n; p++) positions[p] = p;
  const sign = direction === 'asc' ? 1 : -1;
  positions.sort((a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    if (x !== x) return y !== y ? a - b : 1;
    if (y !== y) return -1;
    return x < y ? -sign : x > y ? sign : a - b;
  });
  const sorted = new Uint32Array(n);
  for (let i = 0; i < n; i++) sorted[i] = order[positions[i]!]!;
  return sorted;
}
