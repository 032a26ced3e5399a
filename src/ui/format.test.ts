import { describe, expect, it } from 'vitest';
import { formatAgo, formatCell, formatDateTime, formatDuration, formatNumber } from './format';
import { formatBytes } from '../lib/formatBytes';

describe('formatDuration', () => {
  it('formatDuration(ms) under a second is whole milliseconds', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(12.7)).toBe('12 ms');
    expect(formatDuration(999)).toBe('999 ms');
  });

  it('formatDuration(ms) under 10 s keeps one decimal, under a minute none', () => {
    expect(formatDuration(1000)).toBe('1.0 s');
    expect(formatDuration(2345)).toBe('2.3 s');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(59_000)).toBe('59 s');
  });

  it('formatDuration(ms) under an hour is minutes and zero-padded seconds', () => {
    expect(formatDuration(60_000)).toBe('1 min 00 s');
    expect(formatDuration(252_000)).toBe('4 min 12 s');
    expect(formatDuration(3_599_999)).toBe('59 min 59 s');
  });

  it('formatDuration(ms) from an hour on is hours and zero-padded minutes', () => {
    expect(formatDuration(3_600_000)).toBe('1 h 00 min');
    expect(formatDuration(3_780_000)).toBe('1 h 03 min');
    expect(formatDuration(26 * 3_600_000 + 5 * 60_000)).toBe('26 h 05 min');
  });

  it('formatDuration(ms) is a dash for negative or non-finite input', () => {
    expect(formatDuration(-1)).toBe('–');
    expect(formatDuration(NaN)).toBe('–');
    expect(formatDuration(Infinity)).toBe('–');
  });

  it('formatDuration(ms) truncates, so it never shows a unit at its rollover value', () => {
    expect(formatDuration(999.6)).toBe('999 ms');
    expect(formatDuration(9_960)).toBe('9.9 s');
    expect(formatDuration(59_600)).toBe('59 s');
    expect(formatDuration(3_599_999)).toBe('59 min 59 s');
  });
});

describe('formatNumber', () => {
  it('formatNumber() spells out NaN and the infinities', () => {
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('Infinity');
    expect(formatNumber(-Infinity)).toBe('-Infinity');
  });

  it('formatNumber(integer) shows every digit', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-42)).toBe('-42');
    expect(formatNumber(123_456_789)).toBe('123456789');
  });

  it('formatNumber(x) keeps 5 significant digits and drops trailing zeros', () => {
    expect(formatNumber(0.123456789)).toBe('0.12346');
    expect(formatNumber(3.14159265)).toBe('3.1416');
    expect(formatNumber(-123.456789)).toBe('-123.46');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(0.0001)).toBe('0.0001');
  });

  it('formatNumber(x) uses an exponent below 1e-4 and from 1e6 on', () => {
    expect(formatNumber(0.0000123456)).toBe('1.2346e-5');
    expect(formatNumber(-0.00009)).toBe('-9.0000e-5');
    expect(formatNumber(1_234_567.5)).toBe('1.2346e+6');
    expect(formatNumber(1e20)).toBe('1.0000e+20');
  });
});

describe('formatCell', () => {
  it('formatCell(value) is empty for undefined, "null" for null', () => {
    expect(formatCell(undefined)).toBe('');
    expect(formatCell(null)).toBe('null');
  });

  it('formatCell(number) formats like formatNumber', () => {
    expect(formatCell(0.123456789)).toBe('0.12346');
    expect(formatCell(NaN)).toBe('NaN');
  });

  it('formatCell(string or boolean) is the value as text', () => {
    expect(formatCell('adam')).toBe('adam');
    expect(formatCell(true)).toBe('true');
    expect(formatCell(false)).toBe('false');
  });
});

describe('formatDateTime', () => {
  it('formatDateTime(epochMs) is "YYYY-MM-DD HH:MM"', () => {
    // The hours depend on the machine's time zone, so only the shape and the year are checked.
    const text = formatDateTime(Date.UTC(2026, 10, 28, 12, 3));
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(text.startsWith('2026-11-')).toBe(true);
  });
});

describe('formatAgo', () => {
  const NOW = 1_800_000_000_000;

  it('formatAgo(t, now) is "just now" under a minute, and for times in the future', () => {
    expect(formatAgo(NOW, NOW)).toBe('just now');
    expect(formatAgo(NOW - 59_999, NOW)).toBe('just now');
    expect(formatAgo(NOW + 10_000, NOW)).toBe('just now');
  });

  it('formatAgo(t, now) counts whole minutes, hours and days', () => {
    expect(formatAgo(NOW - 60_000, NOW)).toBe('1 min ago');
    expect(formatAgo(NOW - 3 * 60_000 - 59_000, NOW)).toBe('3 min ago');
    expect(formatAgo(NOW - 3_600_000, NOW)).toBe('1 h ago');
    expect(formatAgo(NOW - 23 * 3_600_000 - 3_599_000, NOW)).toBe('23 h ago');
    expect(formatAgo(NOW - 86_400_000, NOW)).toBe('1 d ago');
    expect(formatAgo(NOW - 40 * 86_400_000, NOW)).toBe('40 d ago');
  });
});

describe('formatBytes', () => {
  it('formatBytes(n) uses decimal units with two or three significant digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(4_200_000)).toBe('4.2 MB');
    expect(formatBytes(1_314_000_000)).toBe('1.31 GB');
    expect(formatBytes(45_600)).toBe('45.6 kB');
    expect(formatBytes(999_999)).toBe('1 MB');
    expect(formatBytes(2_000)).toBe('2 kB');
    expect(formatBytes(250_000_000_000)).toBe('250 GB');
  });

  it('formatBytes(n) is a dash for negative or non-finite input', () => {
    expect(formatBytes(-1)).toBe('–');
    expect(formatBytes(NaN)).toBe('–');
  });
});
