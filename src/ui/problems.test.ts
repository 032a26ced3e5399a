import { describe, expect, it } from 'vitest';
import { onProblem, reportIfFails } from './problems';

describe('problems', () => {
  it('reportIfFails(what, action) tells every listener what did not happen and why when the action rejects', async () => {
    const heard: string[] = [];
    const unsubscribe = onProblem((message) => heard.push(message));
    const failing = Promise.reject(new Error('QuotaExceededError'));
    reportIfFails('the notebook could not be created', failing);
    await failing.catch(() => undefined);
    await Promise.resolve();
    unsubscribe();
    expect(heard).toEqual(['the notebook could not be created: QuotaExceededError']);
  });

  it('reportIfFails(what, action) says nothing when the action succeeds', async () => {
    const heard: string[] = [];
    const unsubscribe = onProblem((message) => heard.push(message));
    const succeeding = Promise.resolve('done');
    reportIfFails('never shown', succeeding);
    // A rejection handler would run within two microtask turns of the settled promise; a later report still counts.
    const failing = Promise.reject(new Error('after'));
    reportIfFails('the marker', failing);
    await failing.catch(() => undefined);
    await Promise.resolve();
    unsubscribe();
    expect(heard).toEqual(['the marker: after']);
  });
});
