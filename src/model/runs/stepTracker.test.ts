import { describe, expect, it } from 'vitest';
import { StepTracker, type PendingSlot } from './stepTracker';

interface Committed {
  step: number;
  values: Record<string, number>;
}

interface NamedSlot extends PendingSlot {
  name: string;
}

type Tracker = StepTracker<NamedSlot> & { slots: Map<string, NamedSlot> };

/** A tracker whose commits are copied into an array (the sink's array is reused, so it must be copied). */
function tracked(): { tracker: Tracker; commits: Committed[] } {
  const commits: Committed[] = [];
  const tracker = new StepTracker<NamedSlot>((step, slots) =>
    commits.push({ step, values: Object.fromEntries(slots.map((slot) => [slot.name, slot.pendingValue])) }),
  ) as Tracker;
  tracker.slots = new Map();
  return { tracker, commits };
}

/** Logs a dict through the tracker, one slot per metric name as run.log keeps them. */
function log(tracker: Tracker, dict: Record<string, number>, options?: { step?: number; commit?: boolean }): string | null {
  const slots = Object.keys(dict).map((name) => {
    let slot = tracker.slots.get(name);
    if (!slot) tracker.slots.set(name, (slot = { name, pendingStep: -1, pendingValue: NaN }));
    return slot;
  });
  return tracker.log(slots, Object.values(dict), options);
}

describe('StepTracker', () => {
  it('starts at step 0', () => {
    const { tracker, commits } = tracked();
    expect(tracker.step).toBe(0);
    expect(commits).toEqual([]);
  });

  it('log(dict) commits the current step and moves to the next', () => {
    const { tracker, commits } = tracked();
    log(tracker, { loss: 1 });
    log(tracker, { loss: 0.5 });
    log(tracker, { loss: 0.25, acc: 0.9 });
    expect(commits).toEqual([
      { step: 0, values: { loss: 1 } },
      { step: 1, values: { loss: 0.5 } },
      { step: 2, values: { loss: 0.25, acc: 0.9 } },
    ]);
    expect(tracker.step).toBe(3);
  });

  it('log(dict, {commit:false}) merges into the same step until a plain log commits it', () => {
    const { tracker, commits } = tracked();
    log(tracker, { a: 1 }, { commit: false });
    log(tracker, { b: 2 }, { commit: false });
    expect(commits).toEqual([]);
    expect(tracker.step).toBe(0);
    log(tracker, { c: 3 });
    expect(commits).toEqual([{ step: 0, values: { a: 1, b: 2, c: 3 } }]);
    expect(tracker.step).toBe(1);
  });

  it('log(dict, {commit:false}) lets a later value of the same key win', () => {
    const { tracker, commits } = tracked();
    log(tracker, { a: 1 }, { commit: false });
    log(tracker, { a: 2 });
    expect(commits).toEqual([{ step: 0, values: { a: 2 } }]);
  });

  it('log(dict, {commit:true}) commits what was merged with commit:false', () => {
    const { tracker, commits } = tracked();
    log(tracker, { a: 1 }, { commit: false });
    log(tracker, { b: 2 }, { commit: true });
    expect(commits).toEqual([{ step: 0, values: { a: 1, b: 2 } }]);
    expect(tracker.step).toBe(1);
  });

  it('log(dict, {step}) with a step above the current one commits what is pending and moves to it', () => {
    const { tracker, commits } = tracked();
    log(tracker, { a: 1 }, { commit: false });
    log(tracker, { b: 2 }, { step: 10 });
    expect(commits).toEqual([{ step: 0, values: { a: 1 } }]);
    expect(tracker.step).toBe(10);
  });

  it('log(dict, {step}) with a step above the current one and nothing pending commits nothing', () => {
    const { tracker, commits } = tracked();
    log(tracker, { a: 1 }, { step: 5 });
    expect(commits).toEqual([]);
    expect(tracker.step).toBe(5);
  });

  it('log(dict, {step}) does not commit until a different step arrives', () => {
    const { tracker, commits } = tracked();
    log(tracker, { a: 1 }, { step: 3 });
    log(tracker, { b: 2 }, { step: 3 });
    expect(commits).toEqual([]);
    log(tracker, { a: 5 }, { step: 4 });
    expect(commits).toEqual([{ step: 3, values: { a: 1, b: 2 } }]);
    expect(tracker.step).toBe(4);
  });

  it('log(dict, {step}) equal to the current step merges into it', () => {
    const { tracker, commits } = tracked();
    log(tracker, { a: 1 });
    expect(tracker.step).toBe(1);
    log(tracker, { b: 2 }, { step: 1 });
    log(tracker, { c: 3 }, { step: 1, commit: true });
    expect(commits).toEqual([
      { step: 0, values: { a: 1 } },
      { step: 1, values: { b: 2, c: 3 } },
    ]);
    expect(tracker.step).toBe(2);
  });

  it('log(dict, {step, commit:true}) commits at that step and moves past it', () => {
    const { tracker, commits } = tracked();
    log(tracker, { a: 1 }, { step: 7, commit: true });
    expect(commits).toEqual([{ step: 7, values: { a: 1 } }]);
    expect(tracker.step).toBe(8);
    log(tracker, { a: 2 });
    expect(commits[1]).toEqual({ step: 8, values: { a: 2 } });
  });

  it('log(dict) after an explicit step merges into that step and commits it', () => {
    const { tracker, commits } = tracked();
    log(tracker, { a: 1 }, { step: 4 });
    log(tracker, { b: 2 });
    expect(commits).toEqual([{ step: 4, values: { a: 1, b: 2 } }]);
    expect(tracker.step).toBe(5);
  });

  it('log(dict, {step}) below the current step returns a warning and neither commits nor keeps the values', () => {
    const { tracker, commits } = tracked();
    log(tracker, { a: 1 }, { step: 5, commit: true });
    log(tracker, { a: 2 }, { commit: false });
    const warning = log(tracker, { a: 99, z: 1 }, { step: 2 });
    expect(warning).toContain('step 2 is lower than the current step 6');
    expect(tracker.step).toBe(6);
    expect(commits).toEqual([{ step: 5, values: { a: 1 } }]);
    // The pending step is untouched by the refused values.
    tracker.flush();
    expect(commits[1]).toEqual({ step: 6, values: { a: 2 } });
  });

  it('log(dict, {step}) below the current step with commit:true still does not commit', () => {
    const { tracker, commits } = tracked();
    log(tracker, { a: 1 }, { step: 3 });
    expect(log(tracker, { a: 2 }, { step: 1, commit: true })).not.toBeNull();
    expect(commits).toEqual([]);
    expect(tracker.step).toBe(3);
  });

  it('log returns null when the values were accepted', () => {
    const { tracker } = tracked();
    expect(log(tracker, { a: 1 })).toBeNull();
    expect(log(tracker, { a: 1 }, { step: 1 })).toBeNull();
    expect(log(tracker, { a: 1 }, { commit: false })).toBeNull();
  });

  it.each([-1, 1.5, NaN, Infinity])('log(dict, {step: %s}) throws a RangeError and changes nothing', (step) => {
    const { tracker, commits } = tracked();
    log(tracker, { a: 1 }, { commit: false });
    expect(() => log(tracker, { b: 2 }, { step })).toThrow(RangeError);
    tracker.flush();
    expect(commits).toEqual([{ step: 0, values: { a: 1 } }]);
  });

  it('flush() commits a pending step', () => {
    const { tracker, commits } = tracked();
    log(tracker, { a: 1 }, { step: 2 });
    tracker.flush();
    expect(commits).toEqual([{ step: 2, values: { a: 1 } }]);
    expect(tracker.step).toBe(3);
  });

  it('flush() with nothing pending commits nothing and keeps the step', () => {
    const { tracker, commits } = tracked();
    log(tracker, { a: 1 });
    tracker.flush();
    tracker.flush();
    expect(commits).toHaveLength(1);
    expect(tracker.step).toBe(1);
  });

  it('log({}) commits an empty step (the step counter still advances)', () => {
    const { tracker, commits } = tracked();
    log(tracker, {});
    expect(commits).toEqual([{ step: 0, values: {} }]);
    expect(tracker.step).toBe(1);
  });
});
