/** Typed arrays end to end, in one new array (the only part itself when there is one). */
function concat<T extends Float64Array | Uint8Array>(parts: readonly T[], create: (length: number) => T): T {
  if (parts.length === 1) return parts[0]!;
  const out = create(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export const concatFloat64 = (parts: readonly Float64Array[]): Float64Array => concat(parts, (length) => new Float64Array(length));

export const concatBytes = (parts: readonly Uint8Array[]): Uint8Array => concat(parts, (length) => new Uint8Array(length));
