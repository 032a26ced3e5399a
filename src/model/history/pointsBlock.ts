import { consecutiveSteps, unpackChunk, type ChunkRecord } from './historyChunks';

/**
 * Where each run's points lie in a points block's data. A points block holds every point of one metric of many runs
 * whose series are too short for a coarse level (see COARSE_FROM_POINTS): quick runs, or an eval metric logged every
 * few hundred steps. A workspace panel answers those runs from their points, so without blocks it read each one's
 * series index and chunks: 1,000 runs of an eval metric were 2,000 requests, 1.2–3.9 s on Chromium 156 here.
 */
export interface PointsBlockLayout {
  runIds: string[];
  /** Each run's first step. */
  firstStep: Float64Array;
  /** Run i's points are [pointStart[i], pointStart[i + 1]) of the block's values (runs + 1 entries). */
  pointStart: Uint32Array;
  /** Where run i's steps start among the block's stored steps; −1 when they are firstStep, firstStep + 1, … */
  stepsStart: Int32Array;
}

/** A points block ready to store. */
export interface PackedPointsBlock {
  layout: PointsBlockLayout;
  data: ArrayBuffer;
}

/** One run's series, all of it, as a block packs it. */
export interface PointsRun {
  runId: string;
  steps: Float64Array;
  values: Float64Array;
}

/**
 * Packs runs' points into one buffer: every run's values as float64, in order, then the steps of the runs whose steps
 * are not consecutive. Values are copied bit for bit, so a run's answers from a block are those of its chunks.
 */
export function packPointsBlock(runs: readonly PointsRun[]): PackedPointsBlock {
  const pointStart = new Uint32Array(runs.length + 1);
  const stepsStart = new Int32Array(runs.length);
  let storedSteps = 0;
  runs.forEach((run, i) => {
    pointStart[i + 1] = pointStart[i]! + run.values.length;
    stepsStart[i] = consecutiveSteps(run.steps) ? -1 : storedSteps;
    if (stepsStart[i]! >= 0) storedSteps += run.steps.length;
  });
  const points = pointStart[runs.length]!;
  const values = new Float64Array(points + storedSteps);
  runs.forEach((run, i) => {
    values.set(run.values, pointStart[i]);
    if (stepsStart[i]! >= 0) values.set(run.steps, points + stepsStart[i]!);
  });
  return {
    layout: { runIds: runs.map((run) => run.runId), firstStep: Float64Array.from(runs, (run) => run.steps[0] ?? 0), pointStart, stepsStart },
    data: values.buffer,
  };
}

/**
 * Each run's points in a block, in the layout's order, as one chunk record (views of `data`, read-only; `metric` names
 * them). `sharedSteps` hands runs of the same implied steps one array (see unpackChunk), also across blocks and chunks read
 * for one query.
 */
export function unpackPointsBlock(layout: PointsBlockLayout, data: ArrayBuffer, metric: string, sharedSteps = new Map<string, Float64Array>()): ChunkRecord[] {
  const { runIds, pointStart, stepsStart, firstStep } = layout;
  const points = pointStart[runIds.length]!;
  let storedSteps = 0;
  runIds.forEach((_, i) => {
    if (stepsStart[i]! >= 0) storedSteps += pointStart[i + 1]! - pointStart[i]!;
  });
  if (data.byteLength !== 8 * (points + storedSteps)) throw new Error(`a points block holds ${data.byteLength} bytes where its layout needs ${8 * (points + storedSteps)}`);
  const all = new Float64Array(data);
  return runIds.map((runId, i) => {
    const from = pointStart[i]!;
    const count = pointStart[i + 1]! - from;
    const at = stepsStart[i]!;
    const steps = at >= 0 ? all.subarray(points + at, points + at + count) : null;
    return unpackChunk({ runId, metric, chunk: 0, firstStep: firstStep[i]!, steps, values: all.subarray(from, from + count) }, sharedSteps);
  });
}

/** Bytes a run takes in a block (its steps counted only when they have gaps). */
export function pointsRunBytes(run: PointsRun): number {
  return 8 * run.values.length * (consecutiveSteps(run.steps) ? 1 : 2);
}

/** Run i's last step as its layout tells without the data: known when its steps are consecutive, else its first step. */
export function pointsLastStepKnown(layout: PointsBlockLayout, i: number): number {
  const first = layout.firstStep[i]!;
  return layout.stepsStart[i]! < 0 ? first + layout.pointStart[i + 1]! - layout.pointStart[i]! - 1 : first;
}
