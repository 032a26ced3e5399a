import { describe, expect, it } from 'vitest';
import { exactSeries } from '../model/history/buckets';
import { SeriesCache } from './seriesCache';
import type { SeriesReader } from './panels/lineData';

function countingSource() {
  const asked: string[][] = [];
  const read: SeriesReader = async (runIds) => {
    asked.push([...runIds]);
    return new Map(runIds.map((id) => [id, exactSeries(Float64Array.of(0), Float64Array.of(id.length))]));
  };
  return { asked, read };
}

describe('SeriesCache', () => {
  it('asks the source once per run and query, and again only for a run it was told to forget', async () => {
    const { asked, read } = countingSource();
    const cache = new SeriesCache(read);
    await cache.read(['a', 'b'], 'loss', { buckets: 100 });
    await cache.read(['a', 'b', 'c'], 'loss', { buckets: 100 });
    cache.forgetRun('a');
    const answer = await cache.read(['a', 'b', 'c'], 'loss', { buckets: 100 });
    expect(asked).toEqual([['a', 'b'], ['c'], ['a']]);
    expect([...answer.keys()]).toEqual(['a', 'b', 'c']);
  });

  it('reads again when the bucket count or range changes', async () => {
    const { asked, read } = countingSource();
    const cache = new SeriesCache(read);
    await cache.read(['a'], 'loss', { buckets: 100 });
    await cache.read(['a'], 'loss', { buckets: 200 });
    await cache.read(['a'], 'loss', { buckets: 200, xRange: [0, 10] });
    expect(asked).toHaveLength(3);
  });
});

describe('SeriesCache while live runs log', () => {
  /** A source whose reads wait until released, so a test can act in the middle of one. */
  function heldSource() {
    const held: (() => void)[] = [];
    let generation = 0;
    const read: SeriesReader = async (runIds) => {
      const value = generation;
      await new Promise<void>((resolve) => held.push(resolve));
      return new Map(runIds.map((id) => [id, exactSeries(Float64Array.of(0), Float64Array.of(value))]));
    };
    return { read, release: () => held.splice(0).forEach((resolve) => resolve()), log: () => generation++ };
  }

  it('a remembered run forgotten while other runs are read is still in that answer', async () => {
    const source = heldSource();
    const cache = new SeriesCache(source.read);
    const first = cache.read(['a'], 'loss', { buckets: 100 });
    source.release();
    await first;
    const second = cache.read(['a', 'b'], 'loss', { buckets: 100 });
    await Promise.resolve();
    cache.forgetRun('a');
    source.release();
    expect([...(await second).keys()]).toEqual(['a', 'b']);
  });

  it('a run forgotten during its own read is read again next time, not answered from that older read', async () => {
    const source = heldSource();
    const cache = new SeriesCache(source.read);
    const during = cache.read(['a'], 'loss', { buckets: 100 });
    await Promise.resolve();
    source.log();
    cache.forgetRun('a');
    source.release();
    expect((await during).get('a')!.last[0]).toBe(0);
    const next = cache.read(['a'], 'loss', { buckets: 100 });
    await Promise.resolve();
    source.release();
    expect((await next).get('a')!.last[0], 'the points logged during the first read').toBe(1);
  });
});
