/** The message users see when IndexedDB refuses a write for lack of space. */
export const STORAGE_FULL_MESSAGE = 'browser storage is full: delete runs or projects (Settings → Storage) to free space';

/** A write refused because the origin's storage quota is used up. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor(options?: ErrorOptions) {
    super(STORAGE_FULL_MESSAGE, options);
  }
}

/** True for the ways browsers report a full quota (Chromium: QuotaExceededError on the request or the transaction). */
export function isQuotaError(error: unknown): boolean {
  if (error instanceof StorageFullError) return true;
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

/** Runs a write; a quota failure becomes a StorageFullError with the user-facing message. */
export async function withQuotaCheck<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError({ cause: error });
    throw error;
  }
}

/**
 * Waits for a write transaction's requests and its commit, and fails with the transaction's own error. When a commit
 * is refused for quota, every pending request rejects with a generic AbortError first; awaiting them with Promise.all
 * would report that instead of the QuotaExceededError that says what happened.
 */
export async function commitWrites(requests: readonly Promise<unknown>[], done: Promise<void>): Promise<void> {
  const settled = Promise.allSettled(requests);
  await done;
  for (const result of await settled) if (result.status === 'rejected') throw result.reason;
}
