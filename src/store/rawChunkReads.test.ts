import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoredChunk } from '../model/history/historyChunks';
import { RawChunkReads } from './rawChunkReads';

const chunk = (runId: string): StoredChunk => ({ runId, metric: 'loss', chunk: 0, firstStep: 0, steps: null, values: Float64Array.of(1) });

describe('RawChunkReads', () => {
  afterEach(() => vi.useRealTimers());

  it('answers a later ask for the same or fewer runs from the read already started', async () => {
    const reads = new RawChunkReads();
    let calls = 0;
    const read = async () => {
      calls++;
      return [chunk('a'), chunk('b')];
    };
    const first = reads.get('loss', 0, ['a', 'b'], read);
    expect(await reads.get('loss', 0, ['a'], read)).toBe(await first);
    expect(calls).toBe(1);
  });

  it('reads again for more runs, another chunk or metric, after new points, and once the read is 10 s old', async () => {
    vi.useFakeTimers();
    const reads = new RawChunkReads();
    let calls = 0;
    const read = async () => {
      calls++;
      return [chunk('a')];
    };
    await reads.get('loss', 0, ['a'], read);
    await reads.get('loss', 0, ['a', 'b'], read);
    await reads.get('loss', 1, ['a'], read);
    await reads.get('acc', 0, ['a'], read);
    expect(calls).toBe(4);
    reads.forget(['loss']);
    await reads.get('loss', 0, ['a'], read);
    expect(calls).toBe(5);
    vi.advanceTimersByTime(9_999);
    await reads.get('loss', 0, ['a'], read);
    expect(calls).toBe(5);
    vi.advanceTimersByTime(1);
    await reads.get('loss', 0, ['a'], read);
    expect(calls).toBe(6);
  });

  it('does not keep a failed read', async () => {
    const reads = new RawChunkReads();
    await expect(reads.get('loss', 0, ['a'], () => Promise.reject(new Error('disk')))).rejects.toThrow('disk');
    expect(await reads.get('loss', 0, ['a'], async () => [chunk('a')])).toHaveLength(1);
  });
});
