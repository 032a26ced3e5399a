import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMlflowServer, type ContractServer } from '../../../e2e/harness/mlflowContractServer.mjs';
import { testConnection } from './connectionTest';
import { basicAuthorization } from './mlflowClient';

let open: ContractServer;
let guarded: ContractServer;
beforeAll(async () => {
  [open, guarded] = await Promise.all([startMlflowServer(), startMlflowServer({ auth: { user: 'ada', password: 'secret' } })]);
});
afterAll(() => Promise.all([open.close(), guarded.close()]));

/** Requests as a page on another origin sends them (Node's fetch sends no Origin of its own). */
const fromOrigin = (pageOrigin: string): typeof fetch => (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), Origin: pageOrigin } });

describe('testConnection', () => {
  it('says when it works, and tells apart refused credentials, a cross-origin refusal, a wrong address and no server', async () => {
    expect(await testConnection({ url: open.url, authorization: null })).toMatchObject({ kind: 'ok' });
    expect(await testConnection({ url: guarded.url, authorization: basicAuthorization('ada', 'secret') })).toMatchObject({ kind: 'ok' });
    expect(await testConnection({ url: guarded.url, authorization: basicAuthorization('ada', 'wrong') })).toMatchObject({ kind: 'auth-refused', message: expect.stringMatching(/not authenticated/) });
    expect(await testConnection({ url: open.url, authorization: null }, fromOrigin('https://labbook.example.org'))).toMatchObject({ kind: 'cors-refused', message: expect.stringMatching(/--cors-allowed-origins/) });
    expect(await testConnection({ url: `${open.url}/not-here`, authorization: null })).toMatchObject({ kind: 'not-mlflow' });
    expect(await testConnection({ url: 'http://127.0.0.1:9', authorization: null })).toMatchObject({ kind: 'unreachable' });
    expect(open.state.runs.size + guarded.state.runs.size).toBe(0);
  });
});
