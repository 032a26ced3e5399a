import { describe, expect, it } from 'vitest';
import { SCALE_STEPS, viridis } from './colorScale';

describe('viridis', () => {
  it('viridis(0) is viridis dark purple and viridis(1) its yellow-green at 0.9 of the map', () => {
    expect(viridis(0)).toBe('#440154');
    expect(viridis(1)).toBe('#aadc32');
  });

  it('viridis(t) clamps t outside 0..1 and takes NaN as 0', () => {
    expect(viridis(-3)).toBe(viridis(0));
    expect(viridis(7)).toBe(viridis(1));
    expect(viridis(NaN)).toBe(viridis(0));
  });

  it('viridis(t) gives SCALE_STEPS distinct colours, so lines share strokes by colour', () => {
    const colours = new Set(Array.from({ length: 1000 }, (_, i) => viridis(i / 999)));
    expect(colours.size).toBe(SCALE_STEPS);
    for (const c of colours) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });
});
