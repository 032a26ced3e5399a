import type { KeyValue, LogBatchRequest } from './logBatches';
import { errorCode, requestOutcome, type RequestOutcome } from './retryPolicy';

/** Where the tracking server is, and the Authorization header to send (HTTP basic or a bearer token), if any. */
export interface MlflowConnection {
  /** The server's root, e.g. `http://127.0.0.1:5000` (the API lives under `/api/2.0/mlflow/`). */
  url: string;
  authorization: string | null;
}

/** MLflow's final run states (runs/update's `status`); an unknown one the server would ignore silently. */
export type MlflowRunStatus = 'FINISHED' | 'FAILED' | 'KILLED';

/** A request that did not succeed: whether to retry (and when), or why it failed for good. */
export class MlflowRequestError extends Error {
  override name = 'MlflowRequestError';
  constructor(
    readonly status: number | null,
    readonly outcome: Exclude<RequestOutcome, { kind: 'done' }>,
    readonly errorCode: string | null,
  ) {
    super(outcome.kind === 'failed' ? outcome.message : `the server did not answer (${status === null ? 'network error' : `HTTP ${status}`}); will retry`);
  }
}

/** `"Basic base64(user:password)"`, as MLflow's basic-auth app reads it (UTF-8, as browsers send). */
export function basicAuthorization(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/**
 * The calls sync makes to MLflow's REST API, one attempt each: the caller retries per the error's outcome. Auth goes
 * in an Authorization header and never as cookies: with `credentials: 'include'` MLflow's `Access-Control-Allow-Origin:
 * *` makes the browser report a network error for a write that was applied, and a retry would then duplicate it.
 */
export class MlflowClient {
  constructor(
    private readonly connection: MlflowConnection,
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  /** The id of the experiment named `name`, made if it does not exist (one experiment per Labbook project). */
  async experimentId(name: string): Promise<string> {
    const found = await this.get<{ experiment: { experiment_id: string } }>('experiments/get-by-name', { experiment_name: name }, ['RESOURCE_DOES_NOT_EXIST']);
    if (found) return found.experiment.experiment_id;
    const made = await this.post<{ experiment_id: string }>('experiments/create', { name }, ['RESOURCE_ALREADY_EXISTS']);
    if (made) return made.experiment_id;
    // Another tab made it between our two calls.
    const again = await this.get<{ experiment: { experiment_id: string } }>('experiments/get-by-name', { experiment_name: name });
    return again!.experiment.experiment_id;
  }

  /** Creates a run; returns MLflow's run id. */
  async createRun(experimentId: string, runName: string, startTime: number, tags: readonly KeyValue[]): Promise<string> {
    const answer = await this.post<{ run: { info: { run_id: string } } }>('runs/create', { experiment_id: experimentId, run_name: runName, start_time: Math.round(startTime), tags });
    return answer!.run.info.run_id;
  }

  /** The run of the experiment whose tag `key` is `value`, or null: finds a run made by a request whose answer was lost. */
  async runWithTag(experimentId: string, key: string, value: string): Promise<string | null> {
    const found = await this.post<{ runs?: { info: { run_id: string } }[] }>('runs/search', { experiment_ids: [experimentId], filter: `tags.\`${key}\` = '${value.replaceAll("'", "\\'")}'`, max_results: 1 });
    return found?.runs?.[0]?.info.run_id ?? null;
  }

  /** How many points of a metric the server holds (get-history, a page of 25,000 at a time). */
  async metricPointCount(runId: string, key: string): Promise<number> {
    let count = 0;
    let token: string | undefined;
    do {
      const page = await this.get<{ metrics?: unknown[]; next_page_token?: string }>('metrics/get-history', { run_id: runId, metric_key: key, max_results: '25000', ...(token ? { page_token: token } : {}) });
      count += page?.metrics?.length ?? 0;
      token = page?.next_page_token;
    } while (token);
    return count;
  }

  async logBatch(request: LogBatchRequest): Promise<void> {
    await this.post('runs/log-batch', request);
  }

  async updateRun(runId: string, status: MlflowRunStatus, endTime: number | null): Promise<void> {
    await this.post('runs/update', { run_id: runId, status, ...(endTime === null ? {} : { end_time: Math.round(endTime) }) });
  }

  async setTag(runId: string, key: string, value: string): Promise<void> {
    await this.post('runs/set-tag', { run_id: runId, key, value });
  }

  private get<T>(path: string, query: Record<string, string>, absentCodes: readonly string[] = []): Promise<T | null> {
    return this.call<T>(`${path}?${new URLSearchParams(query)}`, { method: 'GET' }, absentCodes);
  }

  private post<T>(path: string, body: unknown, absentCodes: readonly string[] = []): Promise<T | null> {
    return this.call<T>(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }, absentCodes);
  }

  /** One request; null when the server answers with one of `absentCodes` (not found, already exists). */
  private async call<T>(path: string, init: RequestInit, absentCodes: readonly string[]): Promise<T | null> {
    const headers = new Headers(init.headers);
    if (this.connection.authorization) headers.set('Authorization', this.connection.authorization);
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.connection.url.replace(/\/+$/, '')}/api/2.0/mlflow/${path}`, { ...init, headers, credentials: 'omit', mode: 'cors' });
    } catch {
      throw new MlflowRequestError(null, requestOutcome(null, '') as Exclude<RequestOutcome, { kind: 'done' }>, null);
    }
    const text = await response.text();
    if (response.ok) return (text === '' ? {} : JSON.parse(text)) as T;
    const code = errorCode(text);
    if (code !== null && absentCodes.includes(code)) return null;
    throw new MlflowRequestError(response.status, requestOutcome(response.status, text, response.headers.get('Retry-After')) as Exclude<RequestOutcome, { kind: 'done' }>, code);
  }
}
