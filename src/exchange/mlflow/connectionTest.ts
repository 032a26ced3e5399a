import type { MlflowConnection } from './mlflowClient';
import { errorCode, serverMessage } from './retryPolicy';

/** What "Test connection" found, and the fix in words. */
export type ConnectionVerdict =
  | { kind: 'ok'; message: string }
  | { kind: 'unreachable' | 'not-mlflow' | 'auth-refused' | 'cors-refused' | 'error'; message: string };

/** A run id no server has: a write to it is refused as not found once it got past auth and CORS, and changes nothing. */
const NO_RUN = '0'.repeat(32);

/**
 * Tells apart what stops sync, with the fix: a wrong address or a server that is down; something that is not MLflow;
 * credentials refused; and a cross-origin refusal. MLflow ≥ 3.5 answers every preflight and lets GETs through from any
 * origin, refusing only writes from an origin it does not allow (403 `Cross-origin request blocked`), so a harmless
 * write (a tag on a run that does not exist) is what shows it. Where the browser itself blocks the answer (an older
 * server without CORS headers), fetch fails as for an unreachable server: a `no-cors` request, whose answer the page
 * cannot read but which does resolve when the server is there, tells the two apart.
 */
export async function testConnection(connection: MlflowConnection, fetchImpl: typeof fetch = (input, init) => fetch(input, init)): Promise<ConnectionVerdict> {
  const base = `${connection.url.replace(/\/+$/, '')}/api/2.0/mlflow`;
  const headers: Record<string, string> = connection.authorization ? { Authorization: connection.authorization } : {};
  let read: Response;
  try {
    read = await fetchImpl(`${base}/experiments/get-by-name?experiment_name=${encodeURIComponent('Default')}`, { headers, credentials: 'omit' });
  } catch {
    return (await reachable(fetchImpl, connection.url))
      ? { kind: 'cors-refused', message: `The server at ${connection.url} answers, but not to this page's origin (${origin()}): start MLflow with --cors-allowed-origins ${origin()} (MLflow ≥ 3.5), or serve Labbook from the server's own address through a proxy.` }
      : { kind: 'unreachable', message: `Nothing answers at ${connection.url}: check the address and that the server is running (mlflow server --port …).` };
  }
  if (read.status === 401 || read.status === 403) return { kind: 'auth-refused', message: `The server refused the credentials (${serverMessage(read.status, await read.text())}): check the user and password, or the token.` };
  // MLflow answers get-by-name with the experiment, or with RESOURCE_DOES_NOT_EXIST where there is none.
  if (!read.ok && errorCode(await read.text()) !== 'RESOURCE_DOES_NOT_EXIST') return { kind: 'not-mlflow', message: `${connection.url} answered, but not as an MLflow tracking server (HTTP ${read.status}): check the address (the server's root, without /api).` };
  const write = await fetchImpl(`${base}/runs/set-tag`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ run_id: NO_RUN, key: 'labbook.connection_test', value: '' }), credentials: 'omit' }).catch(() => null);
  if (write === null) return { kind: 'error', message: `Reading worked but a write did not get through to ${connection.url}: a proxy may block POST requests.` };
  const body = await write.text();
  if (write.status === 403 && /Cross-origin request blocked/i.test(body)) {
    return { kind: 'cors-refused', message: `The server lets this page read but refuses its writes as cross-origin: start MLflow with --cors-allowed-origins ${origin()}.` };
  }
  if (write.status === 401 || write.status === 403) return { kind: 'auth-refused', message: `The server refused to let these credentials write (${serverMessage(write.status, body)}).` };
  if (write.ok || errorCode(body) === 'RESOURCE_DOES_NOT_EXIST') return { kind: 'ok', message: `Connected to the MLflow server at ${connection.url}: reading and writing work.` };
  return { kind: 'error', message: `A test write was refused: ${serverMessage(write.status, body)}.` };
}

async function reachable(fetchImpl: typeof fetch, url: string): Promise<boolean> {
  try {
    await fetchImpl(url, { mode: 'no-cors', credentials: 'omit' });
    return true;
  } catch {
    return false;
  }
}

function origin(): string {
  return typeof location === 'undefined' ? 'this origin' : location.origin;
}
