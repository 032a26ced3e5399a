import { describe, expect, it } from 'vitest';
import type { RunColumn } from './runColumns';
import { exactCellText, runsToTsv } from './runsTsv';
import { testRun } from '../runs/testRuns';

/** A number as exactCellText writes a summary value. */
const exactNumber = (value: number) => exactCellText(testRun('r', { summary: { m: value } }), { kind: 'summary', key: 'm' });
/** A text as runsToTsv writes it in a field. */
const tsvField = (name: string) => runsToTsv([testRun('r', { name })], [{ kind: 'field', key: 'name' }]).slice('Name\n'.length);

describe('exactCellText of numbers', () => {
  it('exactCellText gives text that parses back to the same double', () => {
    for (const x of [0.1 + 0.2, 1 / 3, 1e-7, 123456789.123456, 2 ** 53 + 2, 1e21, -5e-324, Number.MAX_VALUE]) expect(Number(exactNumber(x))).toBe(x);
  });

  it('exactCellText keeps the sign of -0 and spells NaN and infinities', () => {
    expect(exactNumber(-0)).toBe('-0');
    expect(Object.is(Number(exactNumber(-0)), -0)).toBe(true);
    expect([NaN, Infinity, -Infinity].map(exactNumber)).toEqual(['NaN', 'Infinity', '-Infinity']);
  });
});

describe('runsToTsv fields', () => {
  it('runsToTsv leaves plain text alone and quotes text holding tabs, line breaks or quotes', () => {
    expect(tsvField('adam, beta=0.9')).toBe('adam, beta=0.9');
    expect(tsvField('a\tb')).toBe('"a\tb"');
    expect(tsvField('line 1\nline 2\r\n')).toBe('"line 1\nline 2\r\n"');
    expect(tsvField('5" wide')).toBe('"5"" wide"');
  });
});

describe('exactCellText', () => {
  const run = testRun('a', {
    name: 'brisk-owl-3',
    state: 'finished',
    createdAt: Date.UTC(2026, 10, 28, 14, 3, 12, 345),
    finishedAt: Date.UTC(2026, 10, 28, 14, 7, 24, 646),
    config: { optimizer: { lr: 0.00123456789 }, flag: null, on: true },
    summary: { loss: 0.1 + 0.2 },
  });

  it('exactCellText writes config and summary values without rounding, missing as empty and null as null', () => {
    expect(exactCellText(run, { kind: 'config', key: 'optimizer.lr' })).toBe('0.00123456789');
    expect(exactCellText(run, { kind: 'summary', key: 'loss' })).toBe('0.30000000000000004');
    expect(exactCellText(run, { kind: 'summary', key: 'acc' })).toBe('');
    expect(exactCellText(run, { kind: 'config', key: 'flag' })).toBe('null');
    expect(exactCellText(run, { kind: 'config', key: 'on' })).toBe('true');
  });

  it('exactCellText writes the creation time as ISO 8601 UTC and the runtime in seconds', () => {
    expect(exactCellText(run, { kind: 'field', key: 'createdAt' })).toBe('2026-11-28T14:03:12.345Z');
    expect(exactCellText(run, { kind: 'field', key: 'runtime' })).toBe('252.301');
    expect(exactCellText(run, { kind: 'field', key: 'name' })).toBe('brisk-owl-3');
    expect(exactCellText(run, { kind: 'field', key: 'state' })).toBe('finished');
  });
});

describe('runsToTsv', () => {
  it('runsToTsv writes a header of labels and a line per run in the given column order, escaping odd text', () => {
    const columns: RunColumn[] = [
      { kind: 'field', key: 'name' },
      { kind: 'summary', key: 'val/acc' },
      { kind: 'config', key: 'note' },
      { kind: 'field', key: 'runtime' },
    ];
    const runs = [
      testRun('a', { name: 'first', state: 'finished', createdAt: 0, finishedAt: 1500, summary: { 'val/acc': 0.5 }, config: { note: 'tab\there' } }),
      testRun('b', { name: 'second "quoted"', state: 'finished', createdAt: 0, finishedAt: 2000, config: { note: 'two\nlines' } }),
    ];
    expect(runsToTsv(runs, columns)).toBe(['Name\tval/acc\tnote\tRuntime (s)', 'first\t0.5\t"tab\there"\t1.5', '"second ""quoted"""\t\t"two\nlines"\t2'].join('\n'));
  });

  it('runsToTsv of no runs is the header alone', () => {
    expect(runsToTsv([], [{ kind: 'field', key: 'name' }])).toBe('Name');
  });
});
