import { describe, expect, it } from 'vitest';
import { fnv1a64Hex } from './stringHash';

describe('fnv1a64Hex', () => {
  it('fnv1a64Hex matches the FNV-1a 64 reference values', () => {
    expect(fnv1a64Hex('')).toBe('cbf29ce484222325');
    expect(fnv1a64Hex('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64Hex('foobar')).toBe('85944171f73967e8');
  });

  it('fnv1a64Hex tells two versions of a cell apart', () => {
    expect(fnv1a64Hex('const x = 1;')).not.toBe(fnv1a64Hex('const x = 2;'));
  });
});
