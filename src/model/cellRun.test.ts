import { describe, expect, it } from 'vitest';
import { cellRunReducer, MAX_STREAM_CHARS, type CellRun } from './cellRun';

describe('cellRunReducer', () => {
  it('started clears the previous run and takes the execution count', () => {
    const old: CellRun = { status: 'error', count: 1, streams: [{ stream: 'stdout', text: 'x' }], display: null, error: { name: 'E', message: 'm', position: null } };
    expect(cellRunReducer(old, { type: 'started', count: 2 })).toEqual({ status: 'running', count: 2, streams: [], display: null, error: null });
  });

  it('stream merges consecutive text of the same stream and keeps stdout and stderr apart', () => {
    let run = cellRunReducer(undefined, { type: 'started', count: 1 });
    for (const [stream, text] of [['stdout', 'a'], ['stdout', 'b'], ['stderr', 'c'], ['stdout', 'd']] as const) run = cellRunReducer(run, { type: 'stream', stream: { stream, text } });
    expect(run.streams).toEqual([
      { stream: 'stdout', text: 'ab' },
      { stream: 'stderr', text: 'c' },
      { stream: 'stdout', text: 'd' },
    ]);
  });

  it('stream keeps at most MAX_STREAM_CHARS, dropping the oldest text', () => {
    let run = cellRunReducer(undefined, { type: 'started', count: 1 });
    const line = `${'x'.repeat(999)}\n`;
    for (let i = 0; i < 500; i++) run = cellRunReducer(run, { type: 'stream', stream: { stream: i % 2 ? 'stdout' : 'stderr', text: line } });
    const total = run.streams.reduce((n, s) => n + s.text.length, 0);
    expect(total).toBeLessThanOrEqual(MAX_STREAM_CHARS + run.streams.length);
    expect(run.streams[run.streams.length - 1]!.text).toBe(line);
  });

  it('succeeded and failed end the run with its value or error', () => {
    const running = cellRunReducer(undefined, { type: 'started', count: 3 });
    expect(cellRunReducer(running, { type: 'succeeded', display: '42' })).toMatchObject({ status: 'done', display: '42', count: 3 });
    const error = { name: 'TypeError', message: 'x', position: { line: 2, column: 1 } };
    expect(cellRunReducer(running, { type: 'failed', error })).toMatchObject({ status: 'error', error });
  });
});
