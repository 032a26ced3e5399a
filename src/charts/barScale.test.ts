import { describe, expect, it } from 'vitest';
import { barDomain, barGeometry } from './barScale';

describe('barDomain', () => {
  it('barDomain(positive values) starts at zero', () => expect(barDomain([0.2, 0.9, 0.5])).toEqual([0, 0.9]));
  it('barDomain(negative values) ends at zero', () => expect(barDomain([-3, -1])).toEqual([-3, 0]));
  it('barDomain(mixed) spans both sides and ignores NaN and Infinity', () => expect(barDomain([-1, NaN, 2, Infinity])).toEqual([-1, 2]));
  it('barDomain(nothing drawable) is [0, 1]', () => expect(barDomain([NaN])).toEqual([0, 1]));
});

describe('barGeometry', () => {
  it('barGeometry(positive value) grows right from zero', () => expect(barGeometry(0.45, [0, 0.9])).toEqual({ left: 0, width: 0.5 }));
  it('barGeometry(negative value on a two-sided track) grows left from the zero line', () => {
    expect(barGeometry(-0.5, [-1, 1])).toEqual({ left: 0.25, width: 0.25 });
    expect(barGeometry(1, [-1, 1])).toEqual({ left: 0.5, width: 0.5 });
  });
  it('barGeometry(NaN) draws nothing', () => expect(barGeometry(NaN, [0, 1])).toEqual({ left: 0, width: 0 }));
});
