import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMlflowServer, type ContractServer } from '../../../e2e/harness/mlflowContractServer.mjs';
import { packLogBatches } from './logBatches';
import { basicAuthorization, MlflowClient, MlflowRequestError } from './mlflowClient';

let server: ContractServer;
beforeAll(async () => {
  server = await startMlflowServer({ auth: { user: 'ada', password: 'pässword' } });
});
afterAll(() => server.close());

const client = () => new MlflowClient({ url: server.url, authorization: basicAuthorization('ada', 'pässword') });

describe('MlflowClient against the contract server', () => {
  it('makes an experiment once, a run in it, logs batches within the limits, ends it and tags it', async () => {
    const mlflow = client();
    const experiment = await mlflow.experimentId('labbook project');
    expect(await mlflow.experimentId('labbook project')).toBe(experiment);
    const runId = await mlflow.createRun(experiment, 'brave-fox-1', 1_700_000_000_000, [{ key: 'labbook.run_id', value: 'abc123' }]);
    const metrics = Array.from({ length: 2500 }, (_, step) => ({ key: 'train/loss', value: step === 7 ? NaN : 1 / (step + 1), timestamp: 1_700_000_000_000 + step, step }));
    const { requests } = packLogBatches(runId, { metrics, params: [{ key: 'lr', value: '0.01' }], tags: [] });
    for (const request of requests) await mlflow.logBatch(request);
    await mlflow.updateRun(runId, 'FINISHED', 1_700_000_100_000);
    await mlflow.setTag(runId, 'mlflow.note.content', 'notes');
    const run = server.state.runs.get(runId)!;
    expect(run).toMatchObject({ name: 'brave-fox-1', status: 'FINISHED', endTime: 1_700_000_100_000 });
    expect(run.metrics).toHaveLength(2500);
    expect(Number.isNaN(run.metrics[7]!.value)).toBe(true);
    expect(Object.fromEntries(run.params)).toEqual({ lr: '0.01' });
    expect(Object.fromEntries(run.tags)).toEqual({ 'labbook.run_id': 'abc123', 'mlflow.note.content': 'notes' });
  });

  it('fails for good with MLflow’s message on a refused write, and asks to retry when the server is unreachable', async () => {
    const mlflow = client();
    const runId = await mlflow.createRun(await mlflow.experimentId('p'), 'r', 0, []);
    await mlflow.logBatch({ run_id: runId, metrics: [], params: [{ key: 'lr', value: '0.1' }], tags: [] });
    const changed = await mlflow.logBatch({ run_id: runId, metrics: [], params: [{ key: 'lr', value: '0.2' }], tags: [] }).catch((error: unknown) => error);
    expect(changed).toBeInstanceOf(MlflowRequestError);
    expect(changed).toMatchObject({ status: 400, errorCode: 'INVALID_PARAMETER_VALUE', outcome: { kind: 'failed', message: expect.stringMatching(/^INVALID_PARAMETER_VALUE: Changing param values is not allowed/) } });

    const refused = await new MlflowClient({ url: server.url, authorization: basicAuthorization('ada', 'wrong') }).experimentId('p').catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 401, outcome: { kind: 'failed', message: expect.stringMatching(/not authenticated/) } });

    const offline = await new MlflowClient({ url: 'http://127.0.0.1:9', authorization: null }).experimentId('p').catch((error: unknown) => error);
    expect(offline).toMatchObject({ status: null, outcome: { kind: 'retry' } });
  });
});
