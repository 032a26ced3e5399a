/**
 * Viridis (matplotlib's perceptually uniform map) from dark purple to yellow-green. It stops at 0.9 of the full map:
 * the last tenth is a pale yellow that vanishes on the light page.
 */
const VIRIDIS_STOPS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
];

/** Colours per scale: more steps than an eye tells apart, and few enough that lines of one colour share one stroke. */
export const SCALE_STEPS = 64;

const TABLE: readonly string[] = Array.from({ length: SCALE_STEPS }, (_, i) => interpolate(i / (SCALE_STEPS - 1)));

/** The colour at t (0..1, clamped) on the viridis scale, from a table of SCALE_STEPS colours. */
export function viridis(t: number): string {
  const clamped = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  return TABLE[Math.round(clamped * (SCALE_STEPS - 1))]!;
}

function interpolate(t: number): string {
  const at = t * (VIRIDIS_STOPS.length - 1);
  const i = Math.min(VIRIDIS_STOPS.length - 2, Math.floor(at));
  const f = at - i;
  const [a, b] = [VIRIDIS_STOPS[i]!, VIRIDIS_STOPS[i + 1]!];
  return `#${a.map((c, k) => Math.round(c + f * (b[k]! - c)).toString(16).padStart(2, '0')).join('')}`;
}
