import { describe, expect, it } from 'vitest';
import type { SeriesBuckets } from '../../model/history/buckets';
import type { RunGroup } from '../../model/runTable/runGrouping';
import { testRun } from '../../model/runs/testRuns';
import type { RunRecord } from '../../model/runs/runTypes';
import { defaultLinePanel, type LinePanel } from '../../model/workspace/workspaceState';
import { buildLineData, type LineDataOptions, type SeriesReader } from './lineData';

type Series = SeriesBuckets<Float64Array>;

/** Every point of a series, as the store answers once a range is narrow enough. */
function exact(xs: number[], ys: number[]): Series {
  const values = Float64Array.from(ys);
  return { exact: true, x: Float64Array.from(xs), min: values, max: values, last: values };
}

/** A bucketed series: per bucket the last value and the min and max of the points in it. */
function bucketed(xs: number[], last: number[], min: number[], max: number[]): Series {
  return { exact: false, x: Float64Array.from(xs), min: Float64Array.from(min), max: Float64Array.from(max), last: Float64Array.from(last) };
}

/** A store reader over fixed series (metric → run id → series) that records what it was asked. */
function reader(data: Record<string, Record<string, Series>>) {
  const asked: { runIds: string[]; metric: string; buckets: number; xRange: [number, number] | undefined }[] = [];
  const read: SeriesReader = async (runIds, metric, query) => {
    asked.push({ runIds: [...runIds], metric, buckets: query.buckets, xRange: query.xRange });
    return new Map(runIds.flatMap((id) => (data[metric]?.[id] ? [[id, data[metric][id]] as const] : [])));
  };
  return { read, asked };
}

const RUN_A = testRun('a', { name: 'alpha' });
const RUN_B = testRun('b', { name: 'beta' });

function options(read: SeriesReader, fields: Partial<Omit<LineDataOptions, 'panel'>> & { panel?: Partial<LinePanel> } = {}): LineDataOptions {
  const { panel, ...rest } = fields;
  return {
    panel: { ...defaultLinePanel('p', ['loss']), ...panel },
    metrics: ['loss'],
    runs: [RUN_A, RUN_B],
    groups: null,
    colorOf: (run: RunRecord) => `colour-${run.id}`,
    width: 300,
    zoom: null,
    read,
    ...rest,
  };
}

const values = (ys: Float64Array) => Array.from(ys);

describe('buildLineData on a step axis', () => {
  it('buildLineData reads the metric of every run at one bucket per pixel and draws one line per run, in its colour', async () => {
    const store = reader({ loss: { a: exact([0, 1, 2], [3, 2, 1]), b: exact([0, 1, 2], [4, 3, 2]) } });
    const data = await buildLineData(options(store.read));
    expect(store.asked).toEqual([{ runIds: ['a', 'b'], metric: 'loss', buckets: 300, xRange: undefined }]);
    expect(values(data.x)).toEqual([0, 1, 2]);
    expect(data.lines.map((l) => [l.key, l.label, l.color, l.runId, values(l.ys)])).toEqual([
      ['a|loss', 'alpha', 'colour-a', 'a', [3, 2, 1]],
      ['b|loss', 'beta', 'colour-b', 'b', [4, 3, 2]],
    ]);
    expect(data.exact).toBe(true);
  });

  it('a narrow panel still reads 16 buckets', async () => {
    const store = reader({ loss: { a: exact([0], [1]) } });
    await buildLineData(options(store.read, { width: 3 }));
    expect(store.asked[0]!.buckets).toBe(16);
  });

  it('a run without points of the metric gets no line', async () => {
    const store = reader({ loss: { a: exact([0, 1], [1, 2]), b: exact([], []) } });
    const data = await buildLineData(options(store.read, { runs: [RUN_A, RUN_B, testRun('c')] }));
    expect(data.lines.map((l) => l.runId)).toEqual(['a']);
  });

  it('runs logged at different steps share one x array: a line goes straight through the others\' steps between its own points, and has none outside them', async () => {
    const store = reader({ loss: { a: exact([0, 2], [1, 3]), b: exact([1, 2], [5, 6]) } });
    const data = await buildLineData(options(store.read));
    expect(values(data.x)).toEqual([0, 1, 2]);
    expect(data.lines.map((l) => values(l.ys))).toEqual([
      [1, 2, 3],
      [NaN, 5, 6],
    ]);
  });

  it('NaN and infinite values are gaps in the line, and counted for the panel\'s note', async () => {
    const store = reader({ loss: { a: exact([0, 1, 2, 3], [1, NaN, Infinity, 4]), b: exact([0, 1, 2, 3], [1, 2, 3, -Infinity]) } });
    const data = await buildLineData(options(store.read));
    expect(data.lines.map((l) => values(l.ys))).toEqual([
      [1, NaN, NaN, 4],
      [1, 2, 3, NaN],
    ]);
    expect(data.gaps).toBe(3);
  });

  it('on a log y-axis, values at or below zero are counted as left out; a linear axis leaves none out', async () => {
    const store = reader({ loss: { a: exact([0, 1, 2], [0, -1, 2]), b: exact([0, 1, 2], [1, 2, 3]) } });
    expect((await buildLineData(options(store.read, { panel: { logY: true } }))).offLogScale).toBe(2);
    expect((await buildLineData(options(store.read))).offLogScale).toBe(0);
  });

  it('bucketed lines of up to 20 runs carry their buckets\' min–max band; exact points have none', async () => {
    const store = reader({ loss: { a: bucketed([0, 10], [2, 3], [1, 2], [4, 5]), b: exact([0, 10], [7, 8]) } });
    const data = await buildLineData(options(store.read));
    const [a, b] = data.lines;
    expect([values(a!.band!.lo), values(a!.band!.hi)]).toEqual([
      [1, 2],
      [4, 5],
    ]);
    expect(b!.band).toBeUndefined();
    expect(data.exact).toBe(false);
  });

  it('past 20 runs, and with the band switched off, no line has a band', async () => {
    const runs = Array.from({ length: 21 }, (_, i) => testRun(`r${i}`));
    const many = reader({ loss: Object.fromEntries(runs.map((r) => [r.id, bucketed([0, 1], [2, 2], [1, 1], [3, 3])])) });
    const crowded = await buildLineData(options(many.read, { runs }));
    expect(crowded.lines).toHaveLength(21);
    expect(crowded.lines.filter((l) => l.band)).toEqual([]);
    const few = reader({ loss: { a: bucketed([0, 1], [2, 2], [1, 1], [3, 3]) } });
    expect((await buildLineData(options(few.read, { panel: { band: false } }))).lines[0]!.band).toBeUndefined();
  });

  it('with smoothing, each run draws its raw line faint and quiet behind the smoothed one, which is wider while runs are few', async () => {
    const store = reader({ loss: { a: exact([0, 1, 2, 3], [0, 10, 0, 10]) } });
    const data = await buildLineData(options(store.read, { panel: { smoothing: { kind: 'ema', weight: 0.5 } } }));
    const [raw, smoothed] = data.lines;
    expect([raw!.key, raw!.alpha, raw!.quiet, values(raw!.ys)]).toEqual(['a|loss|raw', 0.22, true, [0, 10, 0, 10]]);
    expect([smoothed!.key, smoothed!.width, smoothed!.quiet]).toEqual(['a|loss', 2, undefined]);
    expect(values(smoothed!.ys)).not.toEqual([0, 10, 0, 10]);
    const runs = Array.from({ length: 21 }, (_, i) => testRun(`r${i}`));
    const many = reader({ loss: Object.fromEntries(runs.map((r) => [r.id, exact([0, 1], [1, 2])])) });
    const crowded = await buildLineData(options(many.read, { runs, panel: { smoothing: { kind: 'ema', weight: 0.5 } } }));
    expect(new Set(crowded.lines.filter((l) => !l.quiet).map((l) => l.width))).toEqual(new Set([1]));
  });

  it('several metrics in one panel: a line per run and metric, labelled with both', async () => {
    const store = reader({ loss: { a: exact([0], [1]) }, acc: { a: exact([0], [0.5]) } });
    const data = await buildLineData(options(store.read, { metrics: ['loss', 'acc'], runs: [RUN_A] }));
    expect(data.lines.map((l) => [l.key, l.label])).toEqual([
      ['a|loss', 'alpha · loss'],
      ['a|acc', 'alpha · acc'],
    ]);
  });

  it('a zoom on the step axis is read from the store as that step range', async () => {
    const store = reader({ loss: { a: exact([10, 20], [1, 2]) } });
    await buildLineData(options(store.read, { zoom: [10, 20] }));
    expect(store.asked[0]!.xRange).toEqual([10, 20]);
  });
});

describe('buildLineData on other x-axes', () => {
  // testRun starts its runs at t = 1,000 ms, so 1 s after the epoch.
  const timestamps = { a: exact([0, 1, 2], [11, 12, 14]), b: exact([0, 1, 2], [21, 22, 23]) };

  it('relative time: each step moves to its logged _timestamp minus the run\'s start, read at the same buckets', async () => {
    const store = reader({ loss: { a: exact([0, 1, 2], [3, 2, 1]) }, _timestamp: timestamps });
    const data = await buildLineData(options(store.read, { runs: [RUN_A], panel: { x: { kind: 'relativeTime' } } }));
    expect(store.asked.map((q) => [q.metric, q.buckets])).toEqual([
      ['loss', 300],
      ['_timestamp', 300],
    ]);
    expect(values(data.x)).toEqual([10, 11, 13]);
    expect(values(data.lines[0]!.ys)).toEqual([3, 2, 1]);
  });

  it('wall time: each step moves to its logged _timestamp', async () => {
    const store = reader({ loss: { a: exact([0, 1, 2], [3, 2, 1]) }, _timestamp: timestamps });
    const data = await buildLineData(options(store.read, { runs: [RUN_A], panel: { x: { kind: 'wallTime' } } }));
    expect(values(data.x)).toEqual([11, 12, 14]);
  });

  it('system metrics, stored at seconds since the start, keep their own x on a time axis and read no _timestamp', async () => {
    const store = reader({ 'system/tensors': { a: exact([2, 4], [10, 20]) } });
    const relative = await buildLineData(options(store.read, { metrics: ['system/tensors'], runs: [RUN_A], panel: { x: { kind: 'relativeTime' } } }));
    expect(values(relative.x)).toEqual([2, 4]);
    const wall = await buildLineData(options(store.read, { metrics: ['system/tensors'], runs: [RUN_A], panel: { x: { kind: 'wallTime' } } }));
    expect(values(wall.x)).toEqual([3, 5]);
    expect(store.asked.map((q) => q.metric)).toEqual(['system/tensors', 'system/tensors']);
  });

  it('a run that logged no _timestamp gets no line on a time axis', async () => {
    const store = reader({ loss: { a: exact([0, 1, 2], [3, 2, 1]), b: exact([0, 1, 2], [4, 3, 2]) }, _timestamp: { a: timestamps.a } });
    const data = await buildLineData(options(store.read, { panel: { x: { kind: 'relativeTime' } } }));
    expect(data.lines.map((l) => l.runId)).toEqual(['a']);
  });

  it('a metric x-axis moves each point to that metric\'s value at the same step', async () => {
    const store = reader({ loss: { a: exact([0, 1, 2], [3, 2, 1]) }, epoch: { a: exact([0, 1, 2], [0.5, 1, 1.5]) } });
    const data = await buildLineData(options(store.read, { runs: [RUN_A], panel: { x: { kind: 'metric', metric: 'epoch' } } }));
    expect(store.asked.map((q) => q.metric)).toEqual(['loss', 'epoch']);
    expect(values(data.x)).toEqual([0.5, 1, 1.5]);
  });

  it('a zoom on a time axis reads every step and turns the points outside the range into gaps', async () => {
    const store = reader({ loss: { a: exact([0, 1, 2], [3, 2, 1]) }, _timestamp: timestamps });
    const data = await buildLineData(options(store.read, { runs: [RUN_A], zoom: [10.5, 13], panel: { x: { kind: 'relativeTime' } } }));
    expect(store.asked.map((q) => q.xRange)).toEqual([undefined, undefined]);
    expect(values(data.lines[0]!.ys)).toEqual([NaN, 2, 1]);
  });
});

describe('buildLineData with groups', () => {
  const runs = ['a', 'b', 'c', 'd'].map((id) => testRun(id));
  const group = (key: string, members: RunRecord[]): RunGroup => ({ key, label: key, values: [key], runs: members, color: `colour-${key}` });
  const store = reader({ loss: { a: exact([0, 1], [1, 10]), b: exact([0, 1], [2, 20]), c: exact([0, 1], [6, 60]), d: exact([0, 1], [100, 100]) } });
  const groups = [group('adam', runs.slice(0, 3)), group('sgd', runs.slice(3))];

  it('grouped runs draw one mean line per group, wider, with the min–max of its runs as a band', async () => {
    const data = await buildLineData(options(store.read, { runs, groups }));
    expect(data.lines.map((l) => [l.key, l.label, l.color, l.width, l.runId])).toEqual([
      ['group:adam|loss', 'adam (3)', 'colour-adam', 2, undefined],
      ['group:sgd|loss', 'sgd (1)', 'colour-sgd', 2, undefined],
    ]);
    const [adam, sgd] = data.lines;
    expect(values(adam!.ys)).toEqual([3, 30]);
    expect([values(adam!.band!.lo), values(adam!.band!.hi)]).toEqual([
      [1, 10],
      [6, 60],
    ]);
    expect(values(sgd!.ys)).toEqual([100, 100]);
  });

  it('a ±std band spreads one population standard deviation around the mean; "none" draws no band', async () => {
    const std = await buildLineData(options(store.read, { runs, groups, panel: { groupBand: 'std' } }));
    const spread = Math.sqrt(((1 - 3) ** 2 + (2 - 3) ** 2 + (6 - 3) ** 2) / 3);
    expect(std.lines[0]!.band!.lo[0]).toBeCloseTo(3 - spread, 12);
    expect(std.lines[0]!.band!.hi[0]).toBeCloseTo(3 + spread, 12);
    const none = await buildLineData(options(store.read, { runs, groups, panel: { groupBand: 'none' } }));
    expect(none.lines.map((l) => l.band)).toEqual([undefined, undefined]);
  });
});
