import { describe, expect, it } from 'vitest';
import { randomRunNameStem, runNameStemBounds, runNameWithOrdinal } from './runNames';

/** A deterministic random source cycling through fixed values. */
function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length]!;
}

describe('run names', () => {
  it('randomRunNameStem() has the form adjective-noun', () => {
    for (let i = 0; i < 200; i++) expect(randomRunNameStem()).toMatch(/^[a-z]+-[a-z]+$/);
  });

  it('randomRunNameStem(random) picks words from the random source', () => {
    expect(randomRunNameStem(sequence(0, 0))).toBe('amber-aardvark');
    expect(randomRunNameStem(sequence(0.999999, 0.999999))).toBe('zesty-wood');
  });

  it('randomRunNameStem(random) with random() = 1 still picks a word', () => {
    expect(randomRunNameStem(() => 1)).toBe('amber-aardvark');
  });

  it('runNameWithOrdinal(stem, N) appends the ordinal like W&B (rosy-sweep-12)', () => {
    expect(runNameWithOrdinal('rosy-sweep', 12)).toBe('rosy-sweep-12');
  });

  it('runNameStemBounds(stem) holds every name made from the stem and none of a stem it merely starts', () => {
    const [from, to] = runNameStemBounds('rosy-sky');
    const within = (name: string) => name >= from && name < to;
    for (const ordinal of [1, 9, 10, 12345]) expect(within(runNameWithOrdinal('rosy-sky', ordinal))).toBe(true);
    for (const other of ['rosy-skyline-1', 'rosy-sk-1', 'rosy-sky', 'rosy-sky.1', 'rosy-skz-1']) expect(within(other)).toBe(false);
  });

  it('randomRunNameStem() varies: 200 stems hold many distinct ones', () => {
    expect(new Set(Array.from({ length: 200 }, () => randomRunNameStem())).size).toBeGreaterThan(150);
  });
});
