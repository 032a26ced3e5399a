import { describe, expect, it } from 'vitest';
import { commitWrites, isQuotaError, StorageFullError, STORAGE_FULL_MESSAGE, withQuotaCheck } from './storageFull';

describe('storageFull', () => {
  it('STORAGE_FULL_MESSAGE says what happened and what to do', () => {
    expect(STORAGE_FULL_MESSAGE).toBe('browser storage is full: delete runs or projects (Settings → Storage) to free space');
  });

  it('isQuotaError recognises QuotaExceededError, Firefox’s NS_ERROR_DOM_QUOTA_REACHED and StorageFullError', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError(new StorageFullError())).toBe(true);
    expect(isQuotaError(new DOMException('x', 'ConstraintError'))).toBe(false);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });

  it('withQuotaCheck(write) turns a quota failure into StorageFullError with the user message and the cause', async () => {
    const cause = new DOMException('quota', 'QuotaExceededError');
    const error = await withQuotaCheck(() => Promise.reject(cause)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as Error).message).toBe(STORAGE_FULL_MESSAGE);
    expect((error as Error).cause).toBe(cause);
  });

  it('withQuotaCheck(write) passes other failures and results through unchanged', async () => {
    const other = new Error('boom');
    await expect(withQuotaCheck(() => Promise.reject(other))).rejects.toBe(other);
    await expect(withQuotaCheck(async () => 42)).resolves.toBe(42);
  });
});

describe('commitWrites', () => {
  it('commitWrites(requests, done) fails with the transaction error, not the AbortError of its requests', async () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const aborted = Promise.reject(new DOMException('aborted', 'AbortError'));
    await expect(commitWrites([aborted], Promise.reject(quota))).rejects.toBe(quota);
  });

  it('commitWrites(requests, done) resolves when the transaction commits', async () => {
    await expect(commitWrites([Promise.resolve(1)], Promise.resolve())).resolves.toBeUndefined();
  });
});
