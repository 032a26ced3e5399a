/** What to do after a request to the tracking server. */
export type RequestOutcome = { kind: 'done' } | { kind: 'retry'; retryAfterMs: number | null } | { kind: 'failed'; message: string };

export interface RetryOptions {
  /** The first wait, doubled each attempt up to `maxMs`. */
  baseMs: number;
  maxMs: number;
  /** [0, 1): the jitter's draw (Math.random in the app, seeded in tests). */
  random: () => number;
}

export const DEFAULT_RETRY: RetryOptions = { baseMs: 500, maxMs: 60_000, random: Math.random };

/**
 * The wait before retry number `attempt` (0 first): exponential, capped, with "equal jitter" (half fixed, half
 * random), so that many tabs or runs retrying after one outage do not hit the server in step.
 */
export function retryDelay(attempt: number, options: RetryOptions = DEFAULT_RETRY): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * options.random());
}

/** The wait before retry number `attempt`: the backoff, or longer where the server asked (Retry-After), within the cap. */
export function retryWait(attempt: number, retryAfterMs: number | null, options: RetryOptions = DEFAULT_RETRY): number {
  return Math.max(retryDelay(attempt, options), Math.min(retryAfterMs ?? 0, options.maxMs));
}

/**
 * How an answer is handled: 200 is done; a network error (status null), 408, 429 and 5xx are retried, with the
 * server's Retry-After (milliseconds) where it gives one; any other 4xx is a permanent failure, with the server's own
 * message (MLflow's `{"error_code", "message"}` body) to show on the run.
 */
export function requestOutcome(status: number | null, body: string, retryAfter: string | null = null): RequestOutcome {
  if (status !== null && status >= 200 && status < 300) return { kind: 'done' };
  if (status === null || status === 408 || status === 429 || status >= 500) return { kind: 'retry', retryAfterMs: retryAfterMs(retryAfter) };
  return { kind: 'failed', message: serverMessage(status, body) };
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now; null when absent or unreadable. */
function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** MLflow's error body as words: "INVALID_PARAMETER_VALUE: …", or the status and the start of whatever came back. */
export function serverMessage(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { error_code?: unknown; message?: unknown };
    if (typeof parsed.message === 'string') return typeof parsed.error_code === 'string' ? `${parsed.error_code}: ${parsed.message}` : parsed.message;
  } catch {
    // Not JSON: a proxy's page, MLflow's plain-text CORS refusal.
  }
  const text = body.trim().slice(0, 200);
  return text === '' ? `HTTP ${status}` : `HTTP ${status}: ${text}`;
}

/** The `error_code` of MLflow's error body, or null when the body is not one. */
export function errorCode(body: string): string | null {
  try {
    const code: unknown = (JSON.parse(body) as { error_code?: unknown }).error_code;
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
}
