const bits = new Float32Array(1);
const word = new Uint32Array(bits.buffer);
/** The smallest positive float32 (a subnormal). */
const TINIEST = 2 ** -149;

/** The float32 next to `f` (itself a float32) towards +∞ (`up`) or −∞, by stepping its bit pattern. */
function nextFloat32(f: number, up: boolean): number {
  if (f === 0) return up ? TINIEST : -TINIEST;
  bits[0] = f;
  // For positive floats a larger bit pattern is a larger value; for negative ones, a smaller one.
  word[0] = word[0]! + (f > 0 === up ? 1 : -1);
  return bits[0];
}

/** The largest float32 ≤ v (NaN stays NaN): a stored minimum never rises above the true one. */
export function float32Below(v: number): number {
  const f = Math.fround(v);
  return f > v ? nextFloat32(f, false) : f;
}

/** The smallest float32 ≥ v (NaN stays NaN): a stored maximum never falls below the true one. */
export function float32Above(v: number): number {
  const f = Math.fround(v);
  return f < v ? nextFloat32(f, true) : f;
}
