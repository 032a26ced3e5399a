import { describe, expect, it } from 'vitest';
import { randomId } from '../../lib/ids';
import { seededRandom } from '../../lib/seededRandom';
import { paletteColor, runColor, RUN_PALETTE } from './runColors';

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

describe('runColor', () => {
  it('runColor(id) is a palette colour and the same on every call (a reload recomputes the same)', () => {
    expect(RUN_PALETTE).toContain(runColor('3k9x2mfa'));
    expect(runColor('3k9x2mfa')).toBe(runColor('3k9x2mfa'));
    // Pinned, so a change of hash or palette that would recolour everyone's saved runs shows up here.
    expect(runColor('3k9x2mfa')).toBe('#a463f2');
  });

  it('runColor(id) does not depend on which other runs exist or their order', () => {
    const ids = ['a1', 'b2', 'c3', 'd4'];
    const forward = ids.map(runColor);
    const backward = [...ids].reverse().map(runColor).reverse();
    expect(backward).toEqual(forward);
  });

  it('runColor(ids) spreads 2,400 random ids over every colour, none with more than twice its share', () => {
    const random = seededRandom(42);
    const counts = new Map<string, number>();
    for (let i = 0; i < 2400; i++) {
      const c = runColor(randomId(8, random));
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.size).toBe(RUN_PALETTE.length);
    for (const n of counts.values()) expect(n).toBeLessThan((2 * 2400) / RUN_PALETTE.length);
  });

  it('runColor(ids differing in one character) usually differ', () => {
    const colors = new Set(['run0', 'run1', 'run2', 'run3', 'run4', 'run5'].map(runColor));
    expect(colors.size).toBeGreaterThanOrEqual(4);
  });
});
