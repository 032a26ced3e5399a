import { describe, expect, it } from 'vitest';
import { requestOutcome, retryDelay, serverMessage } from './retryPolicy';

const fixed = (draw: number) => ({ baseMs: 500, maxMs: 60_000, random: () => draw });

describe('retry policy', () => {
  it('waits exponentially longer, capped, with half of each wait random', () => {
    expect([0, 1, 2, 3].map((attempt) => retryDelay(attempt, fixed(0)))).toEqual([250, 500, 1000, 2000]);
    expect([0, 1, 2, 3].map((attempt) => retryDelay(attempt, fixed(0.999999)))).toEqual([500, 1000, 2000, 4000]);
    expect(retryDelay(40, fixed(0.5))).toBe(45_000);
  });

  it('retries network errors, 408, 429 and 5xx; fails at once on any other 4xx with the server’s message', () => {
    expect(requestOutcome(200, '{}', 0)).toEqual({ kind: 'done' });
    for (const status of [null, 408, 429, 500, 502, 503]) expect(requestOutcome(status, '', 2, null, fixed(0))).toEqual({ kind: 'retry', afterMs: 1000 });
    expect(requestOutcome(400, '{"error_code":"INVALID_PARAMETER_VALUE","message":"Invalid metric name: \'a:b\'"}', 0)).toEqual({ kind: 'failed', message: "INVALID_PARAMETER_VALUE: Invalid metric name: 'a:b'" });
    expect(requestOutcome(403, 'Cross-origin request blocked', 0)).toEqual({ kind: 'failed', message: 'HTTP 403: Cross-origin request blocked' });
  });

  it('waits at least as long as Retry-After asks, in seconds or as a date, within the cap', () => {
    expect(requestOutcome(429, '', 0, '7', fixed(0))).toEqual({ kind: 'retry', afterMs: 7000 });
    expect(requestOutcome(503, '', 0, '100000', fixed(0))).toEqual({ kind: 'retry', afterMs: 60_000 });
    expect(requestOutcome(503, '', 5, '1', fixed(0))).toEqual({ kind: 'retry', afterMs: 8000 });
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const outcome = requestOutcome(503, '', 0, inTenSeconds, fixed(0));
    expect(outcome.kind === 'retry' && outcome.afterMs).toBeGreaterThan(8000);
  });

  it('says what came back when it is not MLflow’s error JSON', () => {
    expect(serverMessage(404, '')).toBe('HTTP 404');
    expect(serverMessage(401, '{"message":"You are not authenticated"}')).toBe('You are not authenticated');
  });
});
