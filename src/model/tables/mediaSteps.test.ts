import { describe, expect, it } from 'vitest';
import { logAtStep, tableImages, unionSteps } from './mediaSteps';

describe('media steps', () => {
  it('merges the steps of several runs and finds each run’s log at or before a step', () => {
    expect(unionSteps([[0, 5, 10], [5, 7]])).toEqual([0, 5, 7, 10]);
    expect([logAtStep([0, 5, 10], 7), logAtStep([0, 5, 10], 10), logAtStep([5, 7], 0)]).toEqual([1, 2, -1]);
  });

  it('lists a table’s images row by row, up to a limit', () => {
    const image = (hash: string) => ({ hash, width: 1, height: 1, caption: null });
    const table = { rows: 2, columns: [{ name: 'a', type: 'image' as const, values: [image('1'), image('3')] }, { name: 'b', type: 'image' as const, values: [image('2'), null] }] };
    expect(tableImages(table, 5).map((i) => i.hash)).toEqual(['1', '2', '3']);
    expect(tableImages(table, 2)).toHaveLength(2);
  });
});
