import { describe, expect, it } from 'vitest';
import { cellText, isMissing, MISSING_TEXT } from './cellText';

describe('cellText', () => {
  it('cellText(undefined | null) is the missing mark', () => {
    expect(cellText(undefined)).toBe(MISSING_TEXT);
    expect(cellText(null)).toBe(MISSING_TEXT);
    expect(isMissing(null)).toBe(true);
    expect(isMissing(0)).toBe(false);
    expect(isMissing('')).toBe(false);
  });

  it('cellText(value) prints numbers, booleans and text as JavaScript does', () => {
    expect([0.001, 1e-7, NaN, true, 'adam', ''].map(cellText)).toEqual(['0.001', '1e-7', 'NaN', 'true', 'adam', '']);
  });
});
