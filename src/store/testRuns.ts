import { createRunRecord } from '../model/runs/runRecordUpdates';
import type { RunEnvironment, RunRecord } from '../model/runs/runTypes';
import { ChangeFeed } from './changeFeed';
import { LabbookStore } from './labbookStore';
import { openDatabase } from './openDatabase';

/** A fixed environment for runs made in tests. */
export const TEST_ENVIRONMENT: RunEnvironment = {
  tfjsBackend: 'cpu',
  webgpuAdapter: null,
  userAgent: 'vitest',
  hardwareConcurrency: 4,
  deviceMemoryGb: null,
  appVersion: 'test',
};

let dbCounter = 0;

/** A database name no other test uses, so tests never see each other's data. */
export function uniqueDbName(label: string): string {
  return `labbook-test-${label}-${++dbCounter}-${Math.random().toString(36).slice(2)}`;
}

/** A running run record with defaults for whatever the test does not care about. */
export function testRun(fields: Partial<RunRecord> & { id: string; project: string }, now = 1_000): RunRecord {
  return {
    ...createRunRecord({
      id: fields.id,
      name: fields.name ?? `run-${fields.id}`,
      project: fields.project,
      config: {},
      group: null,
      tags: [],
      notes: '',
      environment: TEST_ENVIRONMENT,
      now,
    }),
    ...fields,
  };
}

/** A store whose disk can fill up: once limited, appendHistory throws as Chromium does when the quota is used up. */
export class QuotaLimitedStore extends LabbookStore {
  /** appendHistory calls so far, refused ones included. */
  appendCalls = 0;
  private allowedCalls = Infinity;

  /** Opens a fresh database as a store that fills up after `allowed` history writes (never, by default). */
  static async open(allowed = Infinity): Promise<QuotaLimitedStore> {
    const store = new QuotaLimitedStore(await openDatabase({ name: uniqueDbName('quota') }), new ChangeFeed(uniqueDbName('feed')));
    store.allowedCalls = allowed;
    return store;
  }

  /** Lets `more` further appendHistory calls succeed, then refuses every later one. */
  fillUpAfter(more: number): void {
    this.allowedCalls = this.appendCalls + more;
  }

  /** While true, updateRun is refused too, as a disk so full that even a small record does not fit. */
  refuseRunUpdates = false;

  override updateRun(...args: Parameters<LabbookStore['updateRun']>): ReturnType<LabbookStore['updateRun']> {
    if (this.refuseRunUpdates) return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    return super.updateRun(...args);
  }

  override appendHistory(...args: Parameters<LabbookStore['appendHistory']>): ReturnType<LabbookStore['appendHistory']> {
    if (++this.appendCalls > this.allowedCalls) return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    return super.appendHistory(...args);
  }
}

/** A store whose history writes can be slowed down, or refused for a reason other than space, as a struggling disk. */
export class UnreliableStore extends LabbookStore {
  /** appendHistory calls so far, refused ones included. */
  appendCalls = 0;
  /** How long each appendHistory waits before it writes. */
  appendDelayMs = 0;
  private failFrom = Infinity;

  /** Opens a fresh database as a store that writes at full speed and never fails until told. */
  static async open(): Promise<UnreliableStore> {
    return new UnreliableStore(await openDatabase({ name: uniqueDbName('unreliable') }), new ChangeFeed(uniqueDbName('feed')));
  }

  /** Lets `more` further appendHistory calls succeed, then fails every later one with a disk error (not quota). */
  failAfter(more: number): void {
    this.failFrom = this.appendCalls + more;
  }

  override async appendHistory(...args: Parameters<LabbookStore['appendHistory']>): ReturnType<LabbookStore['appendHistory']> {
    if (++this.appendCalls > this.failFrom) throw new DOMException('disk I/O error', 'UnknownError');
    if (this.appendDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.appendDelayMs));
    return super.appendHistory(...args);
  }
}
