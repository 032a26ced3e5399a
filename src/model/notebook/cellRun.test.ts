import { describe, expect, it } from 'vitest';
import { cellRunReducer, MAX_STREAM_CHARS, type CellRun } from './cellRun';
import type { DisplayOutput } from './displayOutput';

const streamsOf = (run: CellRun) => run.outputs.flatMap((o) => (o.kind === 'stream' ? [{ stream: o.stream, text: o.text }] : []));
const bar = (done: number): DisplayOutput => ({ kind: 'progress', label: '', done, total: 10, elapsedMs: done, finished: false, detail: '', unit: 'it' });

describe('cellRunReducer', () => {
  it('started clears the previous run and takes the execution count', () => {
    const old: CellRun = { status: 'error', count: 1, outputs: [{ kind: 'stream', stream: 'stdout', text: 'x' }], result: null, error: { name: 'E', message: 'm', position: null } };
    expect(cellRunReducer(old, { type: 'started', count: 2 })).toEqual({ status: 'running', count: 2, outputs: [], result: null, error: null });
  });

  it('stream merges consecutive text of the same stream and keeps stdout and stderr apart', () => {
    let run = cellRunReducer(undefined, { type: 'started', count: 1 });
    for (const [stream, text] of [['stdout', 'a'], ['stdout', 'b'], ['stderr', 'c'], ['stdout', 'd']] as const) run = cellRunReducer(run, { type: 'stream', stream: { stream, text } });
    expect(streamsOf(run)).toEqual([
      { stream: 'stdout', text: 'ab' },
      { stream: 'stderr', text: 'c' },
      { stream: 'stdout', text: 'd' },
    ]);
  });

  it('stream keeps at most MAX_STREAM_CHARS, dropping the oldest text', () => {
    let run = cellRunReducer(undefined, { type: 'started', count: 1 });
    const line = `${'x'.repeat(999)}\n`;
    for (let i = 0; i < 500; i++) run = cellRunReducer(run, { type: 'stream', stream: { stream: i % 2 ? 'stdout' : 'stderr', text: line } });
    const streams = streamsOf(run);
    const total = streams.reduce((n, s) => n + s.text.length, 0);
    expect(total).toBeLessThanOrEqual(MAX_STREAM_CHARS + streams.length);
    expect(streams[streams.length - 1]!.text).toBe(line);
    // What was dropped is counted, for the note the cell shows (give or take the "…" marks standing for it).
    expect(run.droppedChars).toBeGreaterThanOrEqual(500 * 1000 - MAX_STREAM_CHARS - streams.length);
    expect(run.droppedChars).toBeLessThanOrEqual(500 * 1000 - MAX_STREAM_CHARS + streams.length);
    expect(cellRunReducer(undefined, { type: 'stream', stream: { stream: 'stdout', text: 'short' } }).droppedChars).toBeUndefined();
  });

  it('stream trimming drops old text but keeps displays that sit between it', () => {
    let run = cellRunReducer(undefined, { type: 'started', count: 1 });
    run = cellRunReducer(run, { type: 'display', displayId: 'p', output: bar(1) });
    for (let i = 0; i < 300; i++) run = cellRunReducer(run, { type: 'stream', stream: { stream: 'stdout', text: `${'y'.repeat(999)}\n` } });
    expect(run.outputs[0]).toMatchObject({ kind: 'display', displayId: 'p' });
  });

  it('display with a displayId seen before replaces that output in place; others append in arrival order', () => {
    let run = cellRunReducer(undefined, { type: 'started', count: 1 });
    run = cellRunReducer(run, { type: 'display', displayId: 'p', output: bar(1) });
    run = cellRunReducer(run, { type: 'stream', stream: { stream: 'stdout', text: 'hi\n' } });
    run = cellRunReducer(run, { type: 'display', displayId: null, output: { kind: 'value', value: { kind: 'leaf', text: '1', type: 'number' } } });
    run = cellRunReducer(run, { type: 'display', displayId: 'p', output: bar(7) });
    expect(run.outputs.map((o) => o.kind)).toEqual(['display', 'stream', 'display']);
    expect(run.outputs[0]).toMatchObject({ output: { done: 7 } });
  });

  it('succeeded and failed end the run with its value or error', () => {
    const running = cellRunReducer(undefined, { type: 'started', count: 3 });
    expect(cellRunReducer(running, { type: 'succeeded', result: { text: '42', rich: null } })).toMatchObject({ status: 'done', result: { text: '42' }, count: 3 });
    const error = { name: 'TypeError', message: 'x', position: { line: 2, column: 1 } };
    expect(cellRunReducer(running, { type: 'failed', error })).toMatchObject({ status: 'error', error });
  });
});
