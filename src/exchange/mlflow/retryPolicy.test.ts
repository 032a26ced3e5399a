import { describe, expect, it } from 'vitest';
import { requestOutcome, retryDelay, retryWait, serverMessage } from './retryPolicy';

const fixed = (draw: number) => ({ baseMs: 500, maxMs: 60_000, random: () => draw });

describe('retry policy', () => {
  it('waits exponentially longer, capped, with half of each wait random', () => {
    expect([0, 1, 2, 3].map((attempt) => retryDelay(attempt, fixed(0)))).toEqual([250, 500, 1000, 2000]);
    expect([0, 1, 2, 3].map((attempt) => retryDelay(attempt, fixed(0.999999)))).toEqual([500, 1000, 2000, 4000]);
    expect(retryDelay(40, fixed(0.5))).toBe(45_000);
  });

  it('retries network errors, 408, 429 and 5xx; fails at once on any other 4xx with the server’s message', () => {
    expect(requestOutcome(200, '{}')).toEqual({ kind: 'done' });
    for (const status of [null, 408, 429, 500, 502, 503]) expect(requestOutcome(status, '')).toEqual({ kind: 'retry', retryAfterMs: null });
    expect(requestOutcome(400, '{"error_code":"INVALID_PARAMETER_VALUE","message":"Invalid metric name: \'a:b\'"}')).toEqual({ kind: 'failed', message: "INVALID_PARAMETER_VALUE: Invalid metric name: 'a:b'" });
    expect(requestOutcome(403, 'Cross-origin request blocked')).toEqual({ kind: 'failed', message: 'HTTP 403: Cross-origin request blocked' });
  });

  it('waits at least as long as Retry-After asks, in seconds or as a date, within the cap', () => {
    expect(requestOutcome(429, '', '7')).toEqual({ kind: 'retry', retryAfterMs: 7000 });
    expect(retryWait(0, 7000, fixed(0))).toBe(7000);
    expect(retryWait(0, 100_000_000, fixed(0))).toBe(60_000);
    expect(retryWait(5, 1000, fixed(0))).toBe(8000);
    const outcome = requestOutcome(503, '', new Date(Date.now() + 10_000).toUTCString());
    expect(outcome.kind === 'retry' && outcome.retryAfterMs).toBeGreaterThan(8000);
  });

  it('says what came back when it is not MLflow’s error JSON', () => {
    expect(serverMessage(404, '')).toBe('HTTP 404');
    expect(serverMessage(401, '{"message":"You are not authenticated"}')).toBe('You are not authenticated');
  });
});
