import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { tableFromArrow, tableToArrow } from '../model/tables/tableArrow';
import type { TableLog } from '../model/tables/tableTypes';
import { ChangeFeed } from './changeFeed';
import { openStore, type LabbookStore } from './labbookStore';
import { testRun, uniqueDbName } from './testRuns';

const opened: LabbookStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

const log = (step: number, values: number[], mode: TableLog['mode'] = 'incremental'): TableLog => ({
  key: 'preds',
  step,
  mode,
  rows: values.length,
  arrow: tableToArrow({ rows: values.length, columns: [{ name: 'x', type: 'number', values }] }),
});
const png = (byte: number) => ({ hash: `hash-${byte}`, type: 'image/png', bytes: Uint8Array.of(137, 80, byte) });

describe('appendTable', () => {
  it('keeps each log in order with the run’s table summary, stores each media file once, and goes with its run', async () => {
    const store = await openStore({ name: uniqueDbName('tables'), feed: new ChangeFeed(uniqueDbName('feed')) });
    opened.push(store);
    await store.createRun(testRun({ id: 'r1', project: 'p', state: 'finished' }));
    await store.appendTable('r1', log(0, [1, 2]), [png(1), png(2)]);
    const run = await store.appendTable('r1', log(5, [3]), [png(2)]);
    expect(run.tables).toEqual({ preds: { mode: 'incremental', versions: 2, rows: 3, step: 5 } });
    const logs = await store.readTableLogs('r1', 'preds');
    expect(logs.map((l) => [l.seq, l.step, Array.from(tableFromArrow(l.arrow).columns[0]!.values)])).toEqual([
      [0, 0, [1, 2]],
      [1, 5, [3]],
    ]);
    const blob = await store.getMedia('hash-2');
    expect(Array.from(new Uint8Array(await blob!.arrayBuffer()))).toEqual([137, 80, 2]);

    await store.deleteRuns(['r1']);
    expect(await store.readTableLogs('r1', 'preds')).toEqual([]);
  });
});
