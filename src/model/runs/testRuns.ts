import { createRunRecord } from './runRecordUpdates';
import type { RunRecord } from './runTypes';

/** A run for tests with only the given fields set; the rest are fixed defaults (a running run created at t=1000). */
export function testRun(id: string, fields: Partial<RunRecord> = {}): RunRecord {
  const base = createRunRecord({
    id,
    name: `run-${id}`,
    project: 'p',
    config: {},
    group: null,
    tags: [],
    notes: '',
    environment: { tfjsBackend: 'cpu', webgpuAdapter: null, userAgent: 'vitest', hardwareConcurrency: 4, deviceMemoryGb: null, appVersion: 'test' },
    now: 1_000,
  });
  return { ...base, ...fields };
}

/** The ids of runs, in order. */
export const runIds = (runs: Iterable<RunRecord>): string[] => Array.from(runs, (r) => r.id);
