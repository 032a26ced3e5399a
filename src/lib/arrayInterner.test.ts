import { describe, expect, it } from 'vitest';
import { ArrayInterner } from './arrayInterner';

describe('ArrayInterner', () => {
  it('intern(array) returns the first array seen with the same values, and new content as itself', () => {
    const interner = new ArrayInterner();
    const a = Float64Array.from([1, 2, 3]);
    const sameAsA = Float64Array.from([1, 2, 3]);
    const middleDiffers = Float64Array.from([1, 5, 3]);
    expect(interner.intern(a)).toBe(a);
    expect(interner.intern(sameAsA)).toBe(a);
    expect(interner.intern(middleDiffers)).toBe(middleDiffers);
    expect(interner.intern(Float64Array.from([1, 5, 3]))).toBe(middleDiffers);
    const empty = new Float64Array(0);
    expect(interner.intern(empty)).toBe(empty);
    expect(interner.intern(new Float64Array(0))).toBe(empty);
  });
});
