import { describe, expect, it } from 'vitest';
import { generateRunName } from './runNames';

/** A deterministic random source cycling through fixed values. */
function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length]!;
}

describe('generateRunName', () => {
  it('generateRunName(taken) has the form adjective-noun-N', () => {
    for (let i = 0; i < 200; i++) expect(generateRunName(new Set())).toMatch(/^[a-z]+-[a-z]+-1$/);
  });

  it('generateRunName(taken, random) picks words from the random source', () => {
    expect(generateRunName(new Set(), sequence(0, 0))).toBe('amber-aardvark-1');
    expect(generateRunName(new Set(), sequence(0.999999, 0.999999))).toBe('zesty-wood-1');
  });

  it('generateRunName(taken) uses taken.size + 1 as N', () => {
    const taken = new Set(['a-b-1', 'c-d-2', 'e-f-3']);
    expect(generateRunName(taken, sequence(0))).toBe('amber-aardvark-4');
  });

  it('generateRunName(taken) moves N up until the name is free on a clash', () => {
    const taken = new Set(['amber-aardvark-3', 'amber-aardvark-4', 'x-y-1']);
    expect(generateRunName(taken, sequence(0))).toBe('amber-aardvark-5');
  });

  it('generateRunName(taken) never returns a taken name', () => {
    const taken = new Set<string>();
    const random = sequence(0, 0, 0.5, 0.5, 0, 0);
    for (let i = 0; i < 300; i++) {
      const name = generateRunName(taken, random);
      expect(taken.has(name)).toBe(false);
      taken.add(name);
    }
    expect(taken.size).toBe(300);
  });

  it('generateRunName(taken, random) with random() = 1 still picks a word', () => {
    expect(generateRunName(new Set(), () => 1)).toBe('amber-aardvark-1');
  });
});
