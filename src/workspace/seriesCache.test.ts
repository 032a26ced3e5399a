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
