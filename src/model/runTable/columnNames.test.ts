import { describe, expect, it } from 'vitest';
import { columnFromKey, columnKey, columnLabel } from './columnNames';
import type { RunColumn } from './runColumns';

describe('columnNames', () => {
  it('columnKey and columnFromKey round-trip, keys containing colons included', () => {
    const columns: RunColumn[] = [{ kind: 'config', key: 'optimizer.lr' }, { kind: 'summary', key: 'val:loss' }, { kind: 'field', key: 'createdAt' }];
    expect(columns.map((c) => columnFromKey(columnKey(c)))).toEqual(columns);
  });

  it('labels fields by name and config/summary columns by their key', () => {
    expect(columnLabel({ kind: 'field', key: 'runtime' })).toBe('Runtime');
    expect(columnLabel({ kind: 'summary', key: 'val/loss' })).toBe('val/loss');
  });
});
