import { describe, expect, it } from 'vitest';
import {
  CRASH_AFTER_MS,
  MAX_WARNINGS,
  createRunRecord,
  detectCrashedRuns,
  endRun,
  withConfig,
  withCodeUpTo,
  withHeartbeat,
  withSummary,
  withWarning,
  type NewRunFields,
} from './runRecordUpdates';
import type { RunRecord } from './runTypes';

const ENVIRONMENT = { tfjsBackend: 'webgl', webgpuAdapter: null, userAgent: 'vitest', hardwareConcurrency: 8, deviceMemoryGb: 16, appVersion: 'test' };

function fields(overrides: Partial<NewRunFields> = {}): NewRunFields {
  return {
    id: 'r1',
    name: 'calm-fox-1',
    project: 'mnist',
    config: { lr: 0.01, model: { layers: 2 } },
    group: 'sweep-a',
    tags: ['baseline'],
    notes: 'first try',
    environment: ENVIRONMENT,
    code: { notebookId: 'nb', kernelId: 'k1', cells: 1 },
    now: 5_000,
    ...overrides,
  };
}

/** A running run whose heartbeat is at `heartbeatAt`. */
function running(id: string, heartbeatAt: number): RunRecord {
  return { ...createRunRecord(fields({ id, now: 1_000 })), heartbeatAt };
}

describe('createRunRecord', () => {
  it('createRunRecord(fields) is a running run stamped with now, with empty summary and warnings', () => {
    expect(createRunRecord(fields())).toEqual<RunRecord>({
      id: 'r1',
      name: 'calm-fox-1',
      project: 'mnist',
      config: { lr: 0.01, model: { layers: 2 } },
      group: 'sweep-a',
      tags: ['baseline'],
      notes: 'first try',
      environment: ENVIRONMENT,
      code: { notebookId: 'nb', kernelId: 'k1', cells: 1 },
      state: 'running',
      summary: {},
      createdAt: 5_000,
      updatedAt: 5_000,
      heartbeatAt: 5_000,
      finishedAt: null,
      exitCode: null,
      error: null,
      warnings: [],
    });
  });

  it('createRunRecord(fields) does not keep `now` as a field', () => {
    expect(createRunRecord(fields())).not.toHaveProperty('now');
  });
});

describe('withSummary / withConfig / withHeartbeat', () => {
  it('withSummary(run, summary, now) replaces the whole summary and refreshes updatedAt and heartbeatAt', () => {
    const run = { ...createRunRecord(fields()), summary: { loss: 1, old: 2 } };
    const next = withSummary(run, { loss: 0.5 }, 9_000);
    expect(next).toMatchObject({ summary: { loss: 0.5 }, updatedAt: 9_000, heartbeatAt: 9_000 });
    expect(run.summary).toEqual({ loss: 1, old: 2 });
  });

  it('withConfig(run, config, now) replaces the config and updatedAt but not the heartbeat', () => {
    const next = withConfig(createRunRecord(fields()), { lr: 0.1 }, 9_000);
    expect(next).toMatchObject({ config: { lr: 0.1 }, updatedAt: 9_000, heartbeatAt: 5_000 });
  });

  it('withHeartbeat(run, now) moves the heartbeat of a running run and leaves an ended run as it is', () => {
    const run = createRunRecord(fields());
    expect(withHeartbeat(run, 8_000)).toMatchObject({ heartbeatAt: 8_000, updatedAt: 5_000 });
    const ended = endRun(run, { state: 'finished', exitCode: 0, error: null, now: 6_000 });
    expect(withHeartbeat(ended, 8_000)).toBe(ended);
  });
});

describe('withWarning', () => {
  const overflow = `more than ${MAX_WARNINGS} warnings; later ones were not kept`;

  it('withWarning(run, message, now) appends the message and bumps updatedAt without changing the input', () => {
    const run = createRunRecord(fields());
    const next = withWarning(run, 'step went backwards: 3 < 5', 6_000);
    expect(next.warnings).toEqual(['step went backwards: 3 < 5']);
    expect(next.updatedAt).toBe(6_000);
    expect(run.warnings).toEqual([]);
  });

  it('withWarning() keeps MAX_WARNINGS messages, then adds one overflow line, once', () => {
    expect(MAX_WARNINGS).toBe(50);
    let run = createRunRecord(fields());
    for (let i = 0; i < MAX_WARNINGS; i++) run = withWarning(run, `w${i}`, 6_000 + i);
    expect(run.warnings).toHaveLength(MAX_WARNINGS);
    expect(run.warnings.at(-1)).toBe(`w${MAX_WARNINGS - 1}`);

    run = withWarning(run, 'one too many', 7_000);
    expect(run.warnings).toHaveLength(MAX_WARNINGS + 1);
    expect(run.warnings.at(-1)).toBe(overflow);
    expect(run.warnings).not.toContain('one too many');
    expect(run.updatedAt).toBe(7_000);

    const capped = run;
    for (let i = 0; i < 5; i++) run = withWarning(run, `later ${i}`, 8_000 + i);
    expect(run).toBe(capped);
    expect(run.warnings.filter((w) => w === overflow)).toHaveLength(1);
  });
});

describe('endRun', () => {
  it('endRun(running run, options) sets the final state, exit code, error and finishedAt', () => {
    const ended = endRun(createRunRecord(fields()), { state: 'failed', exitCode: 1, error: 'TypeError: x', now: 7_000 });
    expect(ended).toMatchObject({ state: 'failed', exitCode: 1, error: 'TypeError: x', finishedAt: 7_000, updatedAt: 7_000, heartbeatAt: 7_000 });
  });

  it('endRun(ended run, options) keeps the first ending', () => {
    const first = endRun(createRunRecord(fields()), { state: 'finished', exitCode: 0, error: null, now: 7_000 });
    const second = endRun(first, { state: 'killed', exitCode: null, error: 'stopped', now: 9_000 });
    expect(second).toBe(first);
    expect(second).toMatchObject({ state: 'finished', exitCode: 0, error: null, finishedAt: 7_000 });
  });
});

describe('detectCrashedRuns', () => {
  const NOW = 1_000_000;

  it('detectCrashedRuns(runs, now) ends a running run silent for more than 30 s as crashed at its last heartbeat', () => {
    expect(CRASH_AFTER_MS).toBe(30_000);
    const [crashed, ...rest] = detectCrashedRuns([running('old', NOW - 45_000)], NOW);
    expect(rest).toEqual([]);
    expect(crashed).toMatchObject({
      id: 'old',
      state: 'crashed',
      exitCode: null,
      finishedAt: NOW - 45_000,
      heartbeatAt: NOW - 45_000,
      updatedAt: NOW,
      error: 'no heartbeat for 45 s: the tab was closed or the browser stopped while the run was running',
    });
  });

  it('detectCrashedRuns(runs, now) keeps runs whose heartbeat is 30 s old or newer', () => {
    expect(detectCrashedRuns([running('edge', NOW - 30_000), running('fresh', NOW - 1), running('now', NOW)], NOW)).toEqual([]);
    expect(detectCrashedRuns([running('just-over', NOW - 30_001)], NOW).map((r) => r.id)).toEqual(['just-over']);
  });

  it('detectCrashedRuns(runs, now) ignores ended runs however stale, and returns only the crashed ones', () => {
    const finished = endRun(running('done', 0), { state: 'finished', exitCode: 0, error: null, now: 10 });
    const failed = endRun(running('bad', 0), { state: 'failed', exitCode: 1, error: 'x', now: 10 });
    const runs = [finished, running('stale', NOW - 60_000), failed, running('live', NOW - 5_000)];
    expect(detectCrashedRuns(runs, NOW).map((r) => [r.id, r.state])).toEqual([['stale', 'crashed']]);
  });

  it('detectCrashedRuns(runs, now) does not modify the runs it is given', () => {
    const run = running('old', NOW - 60_000);
    detectCrashedRuns([run], NOW);
    expect(run.state).toBe('running');
    expect(run.finishedAt).toBeNull();
  });
});

describe('a run wrongly taken for crashed', () => {
  const crashed = () => detectCrashedRuns([running('r', 0)], CRASH_AFTER_MS + 1)[0]!;

  it('withHeartbeat(crashed run) makes it running again: only its owner beats, so it is alive', () => {
    expect(crashed().state).toBe('crashed');
    expect(withHeartbeat(crashed(), 99_000)).toMatchObject({ state: 'running', error: null, finishedAt: null, heartbeatAt: 99_000 });
  });

  it('withSummary(crashed run) revives it too, and endRun then ends it normally', () => {
    const ended = endRun(withSummary(crashed(), { loss: 1 }, 50_000), { state: 'finished', exitCode: 0, error: null, now: 60_000 });
    expect(ended).toMatchObject({ state: 'finished', finishedAt: 60_000, summary: { loss: 1 } });
  });

  it('withHeartbeat leaves a finished or failed run as it is', () => {
    const finished = endRun(running('f', 0), { state: 'finished', exitCode: 0, error: null, now: 10 });
    expect(withHeartbeat(finished, 20)).toBe(finished);
  });
});

describe('withCodeUpTo', () => {
  it('withCodeUpTo(run, cells) extends the run\'s code to more of its kernel\'s cells, never back, and leaves runs without code alone', () => {
    const run = createRunRecord(fields());
    expect(withCodeUpTo(run, 3, 7_000)).toMatchObject({ code: { notebookId: 'nb', kernelId: 'k1', cells: 3 }, updatedAt: 7_000 });
    expect(withCodeUpTo(run, 1, 7_000)).toBe(run);
    const { code: _dropped, ...older } = run;
    expect(withCodeUpTo(older, 3, 7_000)).toBe(older);
  });
});
