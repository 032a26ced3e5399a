import { describe, expect, it } from 'vitest';
import { safeFileName } from './safeFileName';

describe('safeFileName', () => {
  it('replaces what file systems refuse, cuts long names, and drops trailing dots and spaces', () => {
    expect(safeFileName('lr=0.1/run:2')).toBe('lr=0.1_run_2');
    expect(safeFileName('tab\there\nnewline')).toBe('tab_here_newline');
    expect(safeFileName('x'.repeat(1000))).toHaveLength(100);
    expect(safeFileName('run. . ')).toBe('run');
    expect(safeFileName('...')).toBe('_');
  });
});
