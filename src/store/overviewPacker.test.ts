import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOOSE_RUNS_WORTH_PACKING, OverviewPacker } from './overviewPacker';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A packer whose packing is recorded (and takes `packMs` of fake time). */
function recordingPacker(packMs = 0) {
  const packed: string[] = [];
  const shortRuns: [string, string[]][] = [];
  const packer = new OverviewPacker(async (project, shortRunIds) => {
    packed.push(project);
    shortRuns.push([project, shortRunIds.sort()]);
    if (packMs > 0) await new Promise((resolve) => setTimeout(resolve, packMs));
  });
  return { packer, packed, shortRuns };
}

describe('OverviewPacker', () => {
  it('schedule() during a burst of run ends packs once, 2 s after the last of them', async () => {
    vi.useFakeTimers();
    const { packer, packed } = recordingPacker();
    for (let i = 0; i < 10; i++) {
      packer.schedule('p', [], Date.now());
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(packed).toEqual([]);
    await vi.advanceTimersByTimeAsync(1600);
    expect(packed).toEqual(['p']);
  });

  it('schedule() in a burst that never stops still packs 2 minutes after the first request', async () => {
    vi.useFakeTimers();
    const { packer, packed } = recordingPacker();
    const start = Date.now();
    for (let t = 0; t < 130_000 && packed.length === 0; t += 500) {
      packer.schedule('p', [], Date.now());
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(packed).toEqual(['p']);
    expect(Date.now() - start).toBe(120_000);
  });

  it('a request made while packing is served by another round after its own quiet moment', async () => {
    vi.useFakeTimers();
    const { packer, packed } = recordingPacker(1000);
    packer.schedule('p', [], Date.now());
    await vi.advanceTimersByTimeAsync(2100);
    expect(packed).toEqual(['p']);
    packer.schedule('q', [], Date.now());
    await vi.advanceTimersByTimeAsync(900);
    expect(packed).toEqual(['p']);
    await vi.advanceTimersByTimeAsync(2200);
    expect(packed).toEqual(['p', 'q']);
  });

  it('whenIdle() starts what is scheduled at once and resolves when it is packed', async () => {
    const { packer, packed } = recordingPacker();
    packer.schedule('p');
    packer.schedule('q');
    await packer.whenIdle();
    expect(packed.sort()).toEqual(['p', 'q']);
  });

  it('hands each project the runs whose short series to pack, gathered over the requests of one round', async () => {
    vi.useFakeTimers();
    const { packer, shortRuns } = recordingPacker();
    packer.schedule('p', ['a']);
    packer.schedule('q');
    packer.schedule('p', ['b', 'a']);
    packer.noteLooseRead('q', LOOSE_RUNS_WORTH_PACKING, ['c']);
    await vi.advanceTimersByTimeAsync(3000);
    expect(shortRuns).toEqual([['p', ['a', 'b']], ['q', ['c']]]);
    packer.schedule('p');
    await vi.advanceTimersByTimeAsync(3000);
    expect(shortRuns.at(-1), 'a later round starts empty').toEqual(['p', []]);
  });

  it('noteLooseRead() asks for packing only for enough loose runs, and at most once a minute per project', async () => {
    vi.useFakeTimers();
    const { packer, packed } = recordingPacker();
    packer.noteLooseRead('p', LOOSE_RUNS_WORTH_PACKING - 1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(packed).toEqual([]);
    packer.noteLooseRead('p', LOOSE_RUNS_WORTH_PACKING);
    await vi.advanceTimersByTimeAsync(3000);
    packer.noteLooseRead('p', 500);
    await vi.advanceTimersByTimeAsync(3000);
    expect(packed).toEqual(['p']);
    await vi.advanceTimersByTimeAsync(60_000);
    packer.noteLooseRead('p', 500);
    await vi.advanceTimersByTimeAsync(3000);
    expect(packed).toEqual(['p', 'p']);
  });

  it('a failed pack is a warning, and the next request packs again; after stop() nothing starts', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let fail = true;
    const packed: string[] = [];
    const packer = new OverviewPacker(async (project) => {
      if (fail) throw new Error('disk full');
      packed.push(project);
    });
    packer.schedule('p');
    await packer.whenIdle();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not pack the overview of project p'), expect.any(Error));
    fail = false;
    packer.schedule('p');
    await packer.whenIdle();
    expect(packed).toEqual(['p']);
    packer.stop();
    packer.schedule('q');
    await packer.whenIdle();
    expect(packed).toEqual(['p']);
  });
});
