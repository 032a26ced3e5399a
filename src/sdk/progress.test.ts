import { describe, expect, it } from 'vitest';
import type { DisplayOutput, ProgressOutput } from '../model/notebook/displayOutput';
import { countTo, trackProgress } from './progress';
import { clearInterrupt, Interrupted, requestInterrupt } from './interrupt';

function recorder() {
  const shown: { output: ProgressOutput; id: string }[] = [];
  const show = (output: DisplayOutput, id: string) => shown.push({ output: output as ProgressOutput, id });
  return { shown, show };
}

describe('trackProgress', () => {
  it('yields every item and ends with a finished bar at the full count, all under one display id', () => {
    const { shown, show } = recorder();
    expect([...trackProgress(['a', 'b', 'c'], { label: 'letters' }, show)]).toEqual(['a', 'b', 'c']);
    const last = shown[shown.length - 1]!;
    expect(last.output).toMatchObject({ kind: 'progress', label: 'letters', done: 3, total: 3, finished: true });
    expect(new Set(shown.map((s) => s.id)).size).toBe(1);
  });

  it('throttles redraws: a million items post a handful of updates, not a million', () => {
    const { shown, show } = recorder();
    let n = 0;
    for (const _ of trackProgress(countTo(1_000_000), { total: 1_000_000 }, show)) n++;
    expect(n).toBe(1_000_000);
    expect(shown.length).toBeLessThan(1000);
  });

  it('leaving the loop early finishes the bar where it stopped', () => {
    const { shown, show } = recorder();
    for (const i of trackProgress([1, 2, 3, 4], {}, show)) if (i === 2) break;
    expect(shown[shown.length - 1]!.output).toMatchObject({ done: 1, total: 4, finished: true });
  });

  it('has no total for a generator unless told one', () => {
    const { shown, show } = recorder();
    [...trackProgress(countTo(3), {}, show)];
    expect(shown[0]!.output.total).toBeNull();
  });

  it('Stop ends the loop at its next item with Interrupted, and the bar stays where it was', () => {
    const { shown, show } = recorder();
    const seen: number[] = [];
    try {
      expect(() => {
        for (const i of trackProgress(countTo(10), { total: 10 }, show)) {
          seen.push(i);
          if (i === 2) requestInterrupt();
        }
      }).toThrow(Interrupted);
    } finally {
      clearInterrupt();
    }
    expect(seen).toEqual([0, 1, 2]);
    expect(shown[shown.length - 1]!.output).toMatchObject({ done: 3, finished: true });
  });
});
