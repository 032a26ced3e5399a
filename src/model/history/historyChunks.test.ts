import { describe, expect, it } from 'vitest';
import { appendToSeries, CHUNK_POINTS, emptySeriesIndex, packChunk, summarizeChunk, unpackChunk, type ChunkRecord } from './historyChunks';
import { MemorySeries, randomPoints, seededRandom } from './testSeries';

const range = (from: number, to: number) => Float64Array.from({ length: to - from }, (_, i) => from + i);

describe('summarizeChunk', () => {
  it('summarizeChunk(steps, values) records first/last step, extremes, last value and count', () => {
    expect(summarizeChunk(Float64Array.of(3, 5, 9), Float64Array.of(2, -1, 0.5))).toEqual({ firstStep: 3, lastStep: 9, min: -1, max: 2, last: 0.5, count: 3 });
  });

  it('summarizeChunk ignores NaN in min and max but keeps a NaN last value', () => {
    const s = summarizeChunk(Float64Array.of(0, 1, 2, 3), Float64Array.of(NaN, 4, 1, NaN));
    expect(s.min).toBe(1);
    expect(s.max).toBe(4);
    expect(s.last).toBeNaN();
  });

  it('summarizeChunk of only NaN has NaN extremes', () => {
    const s = summarizeChunk(Float64Array.of(0, 1), Float64Array.of(NaN, NaN));
    expect(s.min).toBeNaN();
    expect(s.max).toBeNaN();
  });

  it('summarizeChunk keeps ±Infinity as extremes', () => {
    const s = summarizeChunk(Float64Array.of(0, 1, 2), Float64Array.of(1, Infinity, -Infinity));
    expect(s.min).toBe(-Infinity);
    expect(s.max).toBe(Infinity);
  });
});

describe('appendToSeries', () => {
  it('appendToSeries(empty index, null, points) writes one chunk for fewer than CHUNK_POINTS points', () => {
    const { index, writes } = appendToSeries(emptySeriesIndex('r', 'loss'), null, range(0, 10), range(100, 110));
    expect(index).toEqual({ runId: 'r', metric: 'loss', count: 10, chunks: [{ firstStep: 0, lastStep: 9, min: 100, max: 109, last: 109, count: 10 }] });
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ runId: 'r', metric: 'loss', chunk: 0 });
    expect(Array.from(writes[0]!.steps)).toEqual(Array.from(range(0, 10)));
  });

  it('appendToSeries cuts a long batch into CHUNK_POINTS chunks', () => {
    const n = CHUNK_POINTS * 2 + 452;
    const { index, writes } = appendToSeries(emptySeriesIndex('r', 'm'), null, range(0, n), range(0, n));
    const C = CHUNK_POINTS;
    expect(writes.map((w) => [w.chunk, w.steps.length])).toEqual([
      [0, C],
      [1, C],
      [2, 452],
    ]);
    expect(index.count).toBe(n);
    expect(index.chunks.map((c) => [c.firstStep, c.lastStep, c.count])).toEqual([
      [0, C - 1, C],
      [C, 2 * C - 1, C],
      [2 * C, 2 * C + 451, 452],
    ]);
  });

  it('appendToSeries(index, tail, points) rewrites the partial tail chunk with the new points, then starts new chunks', () => {
    const C = CHUNK_POINTS;
    const first = appendToSeries(emptySeriesIndex('r', 'm'), null, range(0, C - 24), range(0, C - 24));
    const tail = first.writes[0]!;
    const { index, writes } = appendToSeries(first.index, tail, range(C - 24, C + 76), range(C - 24, C + 76));
    expect(writes.map((w) => [w.chunk, w.steps.length])).toEqual([
      [0, C],
      [1, 76],
    ]);
    expect(Array.from(writes[0]!.steps)).toEqual(Array.from(range(0, C)));
    expect(Array.from(writes[1]!.values)).toEqual(Array.from(range(C, C + 76)));
    expect(index.count).toBe(C + 76);
    expect(index.chunks[0]).toEqual({ firstStep: 0, lastStep: C - 1, min: 0, max: C - 1, last: C - 1, count: C });
    expect(index.chunks[1]).toEqual({ firstStep: C, lastStep: C + 75, min: C, max: C + 75, last: C + 75, count: 76 });
    // The stored tail is not modified in place: a failed write must leave the cached copy intact.
    expect(tail.steps.length).toBe(C - 24);
  });

  it('appendToSeries leaves the given index unchanged', () => {
    const first = appendToSeries(emptySeriesIndex('r', 'm'), null, range(0, 10), range(0, 10));
    const before = structuredClone(first.index);
    appendToSeries(first.index, first.writes[0]!, range(10, 20), range(10, 20));
    expect(first.index).toEqual(before);
  });

  it('appendToSeries after a full last chunk starts a new chunk without a tail', () => {
    const first = appendToSeries(emptySeriesIndex('r', 'm'), null, range(0, CHUNK_POINTS), range(0, CHUNK_POINTS));
    const { index, writes } = appendToSeries(first.index, null, range(CHUNK_POINTS, CHUNK_POINTS + 5), range(0, 5));
    expect(writes.map((w) => w.chunk)).toEqual([1]);
    expect(index.chunks).toHaveLength(2);
  });

  it('appendToSeries filling the tail exactly writes only the tail chunk', () => {
    const C = CHUNK_POINTS;
    const first = appendToSeries(emptySeriesIndex('r', 'm'), null, range(0, C - 24), range(0, C - 24));
    const { index, writes } = appendToSeries(first.index, first.writes[0]!, range(C - 24, C), range(C - 24, C));
    expect(writes.map((w) => [w.chunk, w.steps.length])).toEqual([[0, C]]);
    expect(index.chunks).toHaveLength(1);
  });

  it('appendToSeries throws when the partial tail is missing or does not match the index', () => {
    const first = appendToSeries(emptySeriesIndex('r', 'loss'), null, range(0, 10), range(0, 10));
    expect(() => appendToSeries(first.index, null, range(10, 11), range(0, 1))).toThrow('history of loss: stored tail chunk does not match its index');
    const wrongTail: ChunkRecord = { ...first.writes[0]!, steps: range(0, 9), values: range(0, 9) };
    expect(() => appendToSeries(first.index, wrongTail, range(10, 11), range(0, 1))).toThrow('does not match its index');
  });

  it('appendToSeries over many random batches stores every point once, in order, in full chunks but the last', () => {
    for (const seed of [1, 2, 3]) {
      const random = seededRandom(seed);
      const series = new MemorySeries();
      const allSteps: number[] = [];
      const allValues: number[] = [];
      let next = 0;
      for (let b = 0; b < 40; b++) {
        const size = 1 + Math.floor(random() * (b % 5 === 0 ? 3000 : 300));
        const { steps, values } = randomPoints(random, size, { start: next });
        next = steps[steps.length - 1]! + 1;
        series.append(steps, values);
        allSteps.push(...steps);
        allValues.push(...values);
      }
      const { index } = series;
      expect(index.count).toBe(allSteps.length);
      expect(index.chunks).toHaveLength(Math.ceil(allSteps.length / CHUNK_POINTS));
      const stored = [...series.chunks.keys()].sort((a, b) => a - b);
      expect(stored).toEqual(index.chunks.map((_, i) => i));
      const steps: number[] = [];
      const values: number[] = [];
      for (const c of stored) {
        const record = series.chunks.get(c)!;
        if (c < stored.length - 1) expect(record.steps.length).toBe(CHUNK_POINTS);
        expect(index.chunks[c]).toEqual(summarizeChunk(record.steps, record.values));
        steps.push(...record.steps);
        values.push(...record.values);
      }
      expect(steps).toEqual(allSteps);
      expect(values).toEqual(allValues);
    }
  });
});

describe('packChunk / unpackChunk', () => {
  const chunk = (steps: number[]): ChunkRecord => ({ runId: 'r', metric: 'm', chunk: 0, steps: Float64Array.from(steps), values: Float64Array.from(steps, (s) => s * 2) });

  it('packChunk drops the steps of a chunk whose steps are consecutive, and unpackChunk restores them', () => {
    const packed = packChunk(chunk([5, 6, 7, 8]));
    expect(packed.steps).toBeNull();
    expect(packed.firstStep).toBe(5);
    const restored = unpackChunk(packed);
    expect(Array.from(restored.steps)).toEqual([5, 6, 7, 8]);
    expect(Array.from(restored.values)).toEqual([10, 12, 14, 16]);
  });

  it('packChunk keeps the steps of a chunk with gaps', () => {
    const packed = packChunk(chunk([0, 2, 3, 10]));
    expect(Array.from(packed.steps!)).toEqual([0, 2, 3, 10]);
    expect(Array.from(unpackChunk(packed).steps)).toEqual([0, 2, 3, 10]);
  });
});
