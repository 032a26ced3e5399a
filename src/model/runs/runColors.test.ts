import { describe, expect, it } from 'vitest';
import { randomId } from '../../lib/ids';
import { seededRandom } from '../../lib/seededRandom';
import { paletteColor, runColors, RUN_PALETTE } from './runColors';

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
/** WCAG relative luminance. */
const luminance = (hex: string) => {
  const [r, g, b] = channels(hex).map(linear) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
/** CIELAB (D65) for perceptual distances. */
const lab = (hex: string) => {
  const [r, g, b] = channels(hex).map(linear) as [number, number, number];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)] as const;
};
const distance = (a: string, b: string) => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]!));

describe('RUN_PALETTE', () => {
  it('RUN_PALETTE has at least 20 distinct #rrggbb colours', () => {
    expect(RUN_PALETTE.length).toBeGreaterThanOrEqual(20);
    expect(new Set(RUN_PALETTE).size).toBe(RUN_PALETTE.length);
    for (const c of RUN_PALETTE) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('RUN_PALETTE colours contrast at least 2.2:1 with the page background and are not near-black', () => {
    const page = luminance('#f7f8fa');
    for (const c of RUN_PALETTE) {
      expect((page + 0.05) / (luminance(c) + 0.05), c).toBeGreaterThanOrEqual(2.2);
      expect(luminance(c), c).toBeGreaterThanOrEqual(0.05);
    }
  });

  it('RUN_PALETTE colours are perceptually apart: every pair ≥ 15 ΔE, the first ten ≥ 30 ΔE', () => {
    const minDistance = (colors: readonly string[]) => Math.min(...colors.flatMap((a, i) => colors.slice(i + 1).map((b) => distance(a, b))));
    expect(minDistance(RUN_PALETTE)).toBeGreaterThanOrEqual(15);
    expect(minDistance(RUN_PALETTE.slice(0, 10))).toBeGreaterThanOrEqual(30);
  });
});

describe('paletteColor', () => {
  it('paletteColor(i) wraps around the palette, also for negative indices', () => {
    expect(paletteColor(0)).toBe(RUN_PALETTE[0]);
    expect(paletteColor(RUN_PALETTE.length + 1)).toBe(RUN_PALETTE[1]);
    expect(paletteColor(-1)).toBe(RUN_PALETTE[RUN_PALETTE.length - 1]);
  });
});

describe('runColors', () => {
  const run = (id: string, createdAt: number) => ({ id, createdAt });

  it('gives 16 runs 16 different colours, the palette in the order they were created', () => {
    const runs = Array.from({ length: 16 }, (_, i) => run(randomId(8, seededRandom(i)), 1_000 + i));
    const colors = runColors(runs);
    expect(new Set(colors.values()).size).toBe(16);
    runs.forEach((r, i) => expect(colors.get(r.id)).toBe(RUN_PALETTE[i]));
  });

  it('gives each run the same colour whatever order the runs are listed in (a reload, a sort, a filter of the list)', () => {
    const runs = [run('b', 2), run('a', 2), run('c', 1), run('d', 3)];
    const forward = runColors(runs);
    const backward = runColors([...runs].reverse());
    expect([...backward].sort()).toEqual([...forward].sort());
    expect(forward.get('c'), 'created first').toBe(RUN_PALETTE[0]);
    expect(forward.get('a'), 'created with b, its id first').toBe(RUN_PALETTE[1]);
  });

  it('wraps around once the palette is used up', () => {
    const colors = runColors(Array.from({ length: RUN_PALETTE.length + 1 }, (_, i) => run(`r${i}`, i)));
    expect(colors.get(`r${RUN_PALETTE.length}`)).toBe(RUN_PALETTE[0]);
  });
});
