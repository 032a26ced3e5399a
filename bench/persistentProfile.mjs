// A persistent Chromium profile for the benches: users keep one, and IndexedDB behaves differently there than in the
// fresh (off-the-record, in-memory) contexts the benches otherwise run in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../e2e/harness/chromium.mjs';

/** Chromium on the profile kept in `dir`, launched as e2e/harness/chromium.mjs launches it; with its first page. */
export async function launchPersistent(dir, { viewport } = {}) {
  const context = await chromium.launchPersistentContext(dir, { executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS, ...(viewport ? { viewport } : {}) });
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}

/** Calls `use(dir)` with a new temporary profile folder, and removes the folder after it. */
export async function withTemporaryProfile(use) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'labbook-bench-profile-'));
  try {
    return await use(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}
