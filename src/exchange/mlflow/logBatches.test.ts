import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../lib/seededRandom';
import { LOG_BATCH_LIMITS, metricValue, packLogBatches, type RunLog } from './logBatches';
import { MAX_KEY_LENGTH, mlflowKeys } from './mlflowKeys';

/** Characters that stress the limits: ASCII, 2- and 3-byte UTF-8, astral letters, emoji, controls JSON escapes. */
const ALPHABET = ['a', 'Z', '0', '_', '-', '.', ' ', '/', 'é', 'ж', '中', '𠀋', '😀', '\u0000', '"', '\\', 'e\u0301', ':', '@'];

function randomText(random: () => number, maxLength: number): string {
  const length = Math.floor(random() ** 3 * maxLength);
  return Array.from({ length }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]!).join('');
}

function randomRun(random: () => number): RunLog {
  const names = Array.from({ length: 1 + Math.floor(random() * 40) }, () => randomText(random, 300));
  const keys = mlflowKeys(names);
  const metrics = Array.from({ length: Math.floor(random() ** 2 * 5000) }, (_, i) => {
    const special = [NaN, Infinity, -Infinity, -0, 1e308, 5e-324];
    const value = random() < 0.1 ? special[Math.floor(random() * special.length)]! : (random() - 0.5) * 10 ** Math.floor(random() * 20 - 10);
    return { key: keys.get(names[i % names.length]!)!, value, timestamp: 1_700_000_000_000 + i, step: i };
  });
  const params = Array.from({ length: Math.floor(random() * 150) }, (_, i) => ({ key: `p${i}`, value: randomText(random, 20_000) }));
  const tags = Array.from({ length: Math.floor(random() * 150) }, (_, i) => ({ key: `t${i}`, value: randomText(random, 20_000) }));
  return { metrics, params, tags };
}

const codePoints = (text: string) => Array.from(text).length;

describe('packLogBatches', () => {
  it('never makes a request over any MLflow limit, and sends every point, param and tag exactly once (30 random runs: up to 5,000 points, 150 params and 150 tags of up to 20,000 characters)', () => {
    const random = seededRandom(14);
    const problems: string[] = [];
    for (let trial = 0; trial < 30; trial++) {
      const log = randomRun(random);
      const { requests, truncated } = packLogBatches('run1', log);
      requests.forEach((request, i) => {
        const items = request.metrics.length + request.params.length + request.tags.length;
        const bytes = new TextEncoder().encode(JSON.stringify(request)).length;
        const overLimit =
          request.metrics.length > LOG_BATCH_LIMITS.metrics ||
          request.params.length > LOG_BATCH_LIMITS.paramsOrTags ||
          request.tags.length > LOG_BATCH_LIMITS.paramsOrTags ||
          items > LOG_BATCH_LIMITS.entities ||
          items === 0 ||
          bytes > LOG_BATCH_LIMITS.requestBytes ||
          request.params.some((p) => codePoints(p.value) > LOG_BATCH_LIMITS.paramValue) ||
          request.tags.some((t) => codePoints(t.value) > LOG_BATCH_LIMITS.tagValue);
        if (overLimit) problems.push(`trial ${trial}, request ${i}: ${request.metrics.length} metrics, ${request.params.length} params, ${request.tags.length} tags, ${bytes} bytes`);
      });
      const sent = requests.flatMap((r) => r.metrics);
      const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
      if (!same(sent.map((m) => `${m.key}@${m.step}@${m.value}`), log.metrics.map((m) => `${m.key}@${m.step}@${metricValue(m.value)}`))) problems.push(`trial ${trial}: metrics not sent exactly once, in order`);
      if (!same(requests.flatMap((r) => r.params.map((p) => p.key)), log.params.map((p) => p.key))) problems.push(`trial ${trial}: params`);
      if (!same(requests.flatMap((r) => r.tags.map((t) => t.key)), log.tags.map((t) => t.key))) problems.push(`trial ${trial}: tags`);
      const long = [...log.params.filter((p) => codePoints(p.value) > LOG_BATCH_LIMITS.paramValue), ...log.tags.filter((t) => codePoints(t.value) > LOG_BATCH_LIMITS.tagValue)];
      if (!same([...truncated].sort(), long.map((item) => item.key).sort())) problems.push(`trial ${trial}: truncated keys`);
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('writes NaN and infinities as proto3 JSON strings, which JSON has no number for', () => {
    const { requests } = packLogBatches('r', { metrics: [1, NaN, Infinity, -Infinity].map((value, step) => ({ key: 'loss', value, timestamp: 5, step })), params: [], tags: [] });
    expect(JSON.stringify(requests[0]!.metrics.map((m) => m.value))).toBe('[1,"NaN","Infinity","-Infinity"]');
  });

  it('fills a request up to 1,000 metrics, then starts the next', () => {
    const { requests } = packLogBatches('r', { metrics: Array.from({ length: 2500 }, (_, step) => ({ key: 'loss', value: step, timestamp: 1, step })), params: [{ key: 'lr', value: '0.1' }], tags: [] });
    expect(requests.map((r) => [r.params.length, r.metrics.length])).toEqual([
      [1, 999],
      [0, 1000],
      [0, 501],
    ]);
  });
});

describe('mlflowKeys', () => {
  it('maps any 2,000 random names to distinct keys MLflow accepts: its characters, its path rule, 250 at most', () => {
    const random = seededRandom(7);
    const names = [...new Set(Array.from({ length: 2000 }, () => randomText(random, 400)))];
    const keys = mlflowKeys(names);
    expect(new Set(keys.values()).size).toBe(names.length);
    for (const key of keys.values()) {
      expect(key).toMatch(/^[/\p{L}\p{N}_.\- ]*$/u);
      expect(key.split('/').every((part) => part !== '' && part !== '.' && part !== '..')).toBe(true);
      expect(codePoints(key)).toBeLessThanOrEqual(MAX_KEY_LENGTH);
    }
  });
});
