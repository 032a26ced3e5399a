/** A bar's place across its track, as shares of the track's width. */
export interface BarGeometry {
  left: number;
  width: number;
}

/**
 * The range a set of bars is drawn over: the values' range stretched to include zero, so every bar starts at zero and
 * its length is honest ([0, max] for positive values, [min, 0] for negative, both sides for mixed). Non-finite values
 * are ignored; no finite value gives [0, 1].
 */
export function barDomain(values: Iterable<number>): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return lo === hi ? [0, 1] : [lo, hi];
}

/** A bar from zero to `value` on a track spanning `domain`; a non-finite value gets no bar. */
export function barGeometry(value: number, domain: readonly [number, number]): BarGeometry {
  const [lo, hi] = domain;
  if (!Number.isFinite(value) || hi <= lo) return { left: 0, width: 0 };
  const at = (v: number) => (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo);
  const zero = at(0);
  const end = at(value);
  return { left: Math.min(zero, end), width: Math.abs(end - zero) };
}
