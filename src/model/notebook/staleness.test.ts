import { describe, expect, it } from 'vitest';
import { staleCells, type CellAnalysis } from './staleness';

const cell = (cellId: string, count: number, declared: string[], reads: string[]): CellAnalysis => ({ cellId, count, declared, reads });

describe('staleCells', () => {
  it('staleCells marks a cell that read a name re-defined by a cell run after it', () => {
    const cells = [cell('a', 3, ['x'], []), cell('b', 2, ['y'], ['x']), cell('c', 4, [], ['y'])];
    expect([...staleCells(cells)]).toEqual(['b']);
  });

  it('staleCells leaves cells fresh when their inputs ran before them', () => {
    expect(staleCells([cell('a', 1, ['x'], []), cell('b', 2, [], ['x'])]).size).toBe(0);
  });

  it('staleCells ignores names the reader does not read, and a cell re-defining its own input', () => {
    expect(staleCells([cell('a', 5, ['z'], []), cell('b', 2, [], ['x']), cell('c', 6, ['w'], ['w'])]).size).toBe(0);
  });
});
