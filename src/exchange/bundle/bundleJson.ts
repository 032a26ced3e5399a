/**
 * JSON that keeps NaN and ±Infinity (a summary of a diverged loss is NaN): they are written as `{"$number": "NaN"}`,
 * which no Labbook value looks like, and read back as numbers. Everything else is plain JSON.
 */
const NON_FINITE_KEY = '$number';

export function encodeBundleJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { [NON_FINITE_KEY]: String(v) } : v)));
}

/** Parses bundle JSON; throws SyntaxError for text that is not JSON. */
export function decodeBundleJson(bytes: Uint8Array): unknown {
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes), (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const text = (v as Record<string, unknown>)[NON_FINITE_KEY];
      if (keys.length === 1 && (text === 'NaN' || text === 'Infinity' || text === '-Infinity')) return Number(text);
    }
    return v;
  });
}
