import { describe, expect, it } from 'vitest';
import type { StoredChunk } from '../model/historyChunks';
import { RawChunkReads } from './rawChunkReads';

const chunk = (runId: string): StoredChunk => ({ runId, metric: 'loss', chunk: 0, firstStep: 0, steps: null, values: Float64Array.of(1) });

describe('RawChunkReads', () => {
  it('answers a later ask for the same or fewer runs from the read already started', async () => {
    const reads = new RawChunkReads();
    let calls = 0;
    const read = async () => {
      calls++;
      return [chunk('a'), chunk('b')];
    };
    const first = reads.get('loss', 0, ['a', 'b'], read, 0);
    expect(await reads.get('loss', 0, ['a'], read, 10)).toBe(await first);
    expect(calls).toBe(1);
  });

  it('reads again for more runs, another chunk or metric, after new points, and once the read is old', async () => {
    const reads = new RawChunkReads();
    let calls = 0;
    const read = async () => {
      calls++;
      return [chunk('a')];
    };
    await reads.get('loss', 0, ['a'], read, 0);
    await reads.get('loss', 0, ['a', 'b'], read, 0);
    await reads.get('loss', 1, ['a'], read, 0);
    await reads.get('acc', 0, ['a'], read, 0);
    expect(calls).toBe(4);
    reads.forget(['loss']);
    await reads.get('loss', 0, ['a'], read, 0);
    expect(calls).toBe(5);
    await reads.get('loss', 0, ['a'], read, 60_000);
    expect(calls).toBe(6);
  });

  it('does not keep a failed read', async () => {
    const reads = new RawChunkReads();
    await expect(reads.get('loss', 0, ['a'], () => Promise.reject(new Error('disk')), 0)).rejects.toThrow('disk');
    expect(await reads.get('loss', 0, ['a'], async () => [chunk('a')], 0)).toHaveLength(1);
  });
});
