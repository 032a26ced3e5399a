import { describe, expect, it } from 'vitest';
import { float32Above, float32Below } from './float32Round';

describe('float32Below / float32Above', () => {
  it('keep values a float32 holds exactly', () => {
    for (const v of [0, -0, 1, -2.5, 0.5, 5, 1e6, Infinity, -Infinity]) {
      expect(float32Below(v)).toBe(Math.fround(v));
      expect(float32Above(v)).toBe(Math.fround(v));
    }
    expect(float32Below(NaN)).toBeNaN();
    expect(float32Above(NaN)).toBeNaN();
  });

  it('bracket any other value by the two float32 neighbours around it', () => {
    for (const v of [0.1, -0.1, 1 / 3, -1 / 3, Math.PI, 1e-40, -1e-40, 1e-300, -1e-300, 123456789.123, -9.87654321e20]) {
      const lo = float32Below(v);
      const hi = float32Above(v);
      expect(lo, `${v}`).toBeLessThan(v);
      expect(hi, `${v}`).toBeGreaterThan(v);
      expect(Math.fround(lo)).toBe(lo);
      expect(Math.fround(hi)).toBe(hi);
      // Neighbours: no float32 fits between them.
      const middle = Math.fround((lo + hi) / 2);
      expect(middle === lo || middle === hi).toBe(true);
    }
  });

  it('map finite values beyond float32 range to the largest float32 or to infinity, outwards', () => {
    const maxFloat32 = Math.fround(3.4028234663852886e38);
    expect(float32Below(1e39)).toBe(maxFloat32);
    expect(float32Above(1e39)).toBe(Infinity);
    expect(float32Above(-1e39)).toBe(-maxFloat32);
    expect(float32Below(-1e39)).toBe(-Infinity);
  });
});
