import { describe, expect, it } from 'vitest';
import { appendToCoarse, type CoarseChunk } from './coarseLevel';
import { bucketCoarse } from './coarseQuery';
import { OVERVIEW_BUCKET_BYTES, overviewRunBytes, packOverviewBlock, splitIntoBlocks, unpackOverviewBlock, type OverviewRun } from './overviewBlock';
import { randomPoints, seededRandom } from './testSeries';

/** A run's coarse chunks from its points. */
function coarseOf(runId: string, steps: ArrayLike<number>, values: ArrayLike<number>): CoarseChunk[] {
  return appendToCoarse(null, { runId, metric: 'm' }, Float64Array.from(steps), Float64Array.from(values));
}

const consecutive = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** Runs of every shape a block must hold: lengths, gaps, a late start, two coarse chunks, NaN and ±Infinity. */
function mixedRuns(): { runId: string; chunks: CoarseChunk[] }[] {
  const random = seededRandom(7);
  const spiky = consecutive(0, 10_000).map((s) => (s === 4321 ? 1e6 : s === 77 ? NaN : s === 5000 ? Infinity : s === 6001 ? -Infinity : Math.cos(s / 300)));
  const gappy = randomPoints(random, 6000, { maxGap: 4, nanRate: 0.05 });
  const everyTen = consecutive(0, 5000).map((i) => i * 10);
  const allNaN = consecutive(0, 4096).map(() => NaN);
  return [
    { runId: 'spiky', chunks: coarseOf('spiky', consecutive(0, 10_000), spiky) },
    { runId: 'gappy', chunks: coarseOf('gappy', gappy.steps, gappy.values) },
    { runId: 'every-ten', chunks: coarseOf('every-ten', everyTen, everyTen.map((s) => s / 7)) },
    { runId: 'late', chunks: coarseOf('late', consecutive(3, 5003), consecutive(3, 5003).map((s) => -s)) },
    { runId: 'long', chunks: coarseOf('long', consecutive(0, 70_000), consecutive(0, 70_000).map((s) => Math.sin(s))) },
    { runId: 'all-nan', chunks: coarseOf('all-nan', consecutive(0, 4096), allNaN) },
  ];
}

describe('packOverviewBlock / unpackOverviewBlock', () => {
  it('each run of a block answers bucketCoarse exactly as its own chunks do (gaps, late start, two chunks, NaN, ±Infinity, spikes)', () => {
    const runs = mixedRuns();
    expect(runs.find((r) => r.runId === 'long')!.chunks, 'the long run spans two coarse chunks').toHaveLength(2);
    const { layout, data } = packOverviewBlock(runs);
    const unpacked = unpackOverviewBlock(layout, data);
    expect(layout.runIds).toEqual(runs.map((r) => r.runId));
    runs.forEach(({ runId, chunks }, i) => {
      const last = chunks.at(-1)!;
      const whole: [number, number] = [0, last.x[last.x.length - 1]!];
      for (const [range, buckets] of [[whole, 1000], [whole, 7], [[2000, 4500], 300]] as const) {
        expect(bucketCoarse([unpacked[i]!], range, buckets), `${runId} ${range.join('–')} at ${buckets}`).toEqual(bucketCoarse(chunks, range, buckets));
      }
    });
    const spiky = bucketCoarse([unpacked[0]!], [0, 9999], 1000);
    expect(Math.max(...spiky.max)).toBe(Infinity);
    expect(Math.min(...spiky.min)).toBe(-Infinity);
    expect(bucketCoarse([unpacked[0]!], [4000, 4999], 50).max).toContain(1e6);
  });

  it('stores x and counts only for runs whose steps have gaps; the others take them from their first and last step', () => {
    const runs = mixedRuns();
    const { layout, data } = packOverviewBlock(runs);
    expect(Array.from(layout.layoutStart, (at) => at >= 0)).toEqual([false, true, true, false, false, false]);
    const buckets = layout.bucketStart[runs.length]!;
    const stored = runs[1]!.chunks[0]!.x.length + runs[2]!.chunks[0]!.x.length;
    expect(data.byteLength).toBe(Math.ceil((OVERVIEW_BUCKET_BYTES * buckets) / 8) * 8 + 9 * stored);
  });

  it('unpackOverviewBlock hands runs over the same steps one x array, through a shared map also across blocks', () => {
    const a = coarseOf('a', consecutive(0, 5000), consecutive(0, 5000));
    const b = coarseOf('b', consecutive(0, 5000), consecutive(0, 5000).map((s) => -s));
    const shared = new Map();
    const first = packOverviewBlock([{ runId: 'a', chunks: a }]);
    const second = packOverviewBlock([{ runId: 'b', chunks: b }]);
    const [ua] = unpackOverviewBlock(first.layout, first.data, shared);
    const [ub] = unpackOverviewBlock(second.layout, second.data, shared);
    expect(ua!.x).toBe(ub!.x);
    expect(ub!.min).toEqual(b[0]!.min);
  });

  it('unpackOverviewBlock refuses data of the wrong size rather than reading other runs\' values', () => {
    const { layout, data } = packOverviewBlock(mixedRuns().slice(0, 2));
    expect(() => unpackOverviewBlock(layout, data.slice(0, data.byteLength - 8))).toThrow(/holds .* bytes where its layout needs/);
  });

  it('packOverviewBlock refuses a run without buckets', () => {
    expect(() => packOverviewBlock([{ runId: 'empty', chunks: [] }])).toThrow(/without coarse buckets/);
  });
});

describe('splitIntoBlocks', () => {
  const run = (runId: string, buckets: number): OverviewRun => ({ runId, chunks: coarseOf(runId, consecutive(0, buckets * 16), consecutive(0, buckets * 16)) });

  it('keeps runs in order in as few blocks as the cap allows, evenly filled', () => {
    const runs = Array.from({ length: 10 }, (_, i) => run(`r${i}`, 100));
    const size = overviewRunBytes(runs[0]!);
    expect(size).toBe(100 * OVERVIEW_BUCKET_BYTES);
    expect(splitIntoBlocks(runs, 100 * size, overviewRunBytes)).toEqual([runs]);
    const three = splitIntoBlocks(runs, 4 * size, overviewRunBytes);
    expect(three.flat()).toEqual(runs);
    expect(three.map((block) => block.length)).toEqual([3, 4, 3]);
  });

  it('gives a run larger than the cap a block of its own, and never lets a block pass the cap by adding a run', () => {
    const ids = (blocks: OverviewRun[][]) => blocks.map((block) => block.map((r) => r.runId));
    expect(ids(splitIntoBlocks([run('small', 10), run('huge', 1000), run('small2', 10)], 100 * OVERVIEW_BUCKET_BYTES, overviewRunBytes))).toEqual([['small'], ['huge'], ['small2']]);
    expect(ids(splitIntoBlocks([run('a', 60), run('b', 60), run('c', 60)], 100 * OVERVIEW_BUCKET_BYTES, overviewRunBytes))).toEqual([['a'], ['b'], ['c']]);
  });
});
