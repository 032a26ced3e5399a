import { sha256Hex, sha256HexOfText } from '../../lib/contentHash';
import { endRun, withSummary } from '../../model/runs/runRecordUpdates';
import { tableToArrow } from '../../model/tables/tableArrow';
import type { LabbookStore } from '../../store/labbookStore';
import { projectSettingKey } from '../../store/settingKeys';
import { testRun } from '../../store/testRuns';

/** A NaN with a payload of 1: the history must come back with these very bits, not as the canonical NaN. */
export function payloadNaN(): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, 0x7ff8000000000001n);
  return view.getFloat64(0);
}

export const BUNDLE_PROJECT = 'exchange';

/**
 * Fills a store with a project worth bundling: a finished run with NaN and ±Infinity points, a repeated step, a NaN
 * summary, nested config, two versions of a table with an image (its media stored by SHA-256), code from a saved
 * notebook; a failed run with only history; and a saved workspace.
 */
export async function fillBundleProject(store: LabbookStore): Promise<void> {
  const source = 'run.log({ loss })';
  const hash = sha256HexOfText(source);
  await store.appendExecutedCells({ kernelId: 'kernel1', from: 0, cells: [{ cellId: 'c1', hash, executedAt: 5 }], sources: [{ hash, source }] });
  await store.saveNotebook({ id: 'nb1', name: 'Training', cells: [{ id: 'c1', kind: 'code', language: 'typescript', source }], createdAt: 1, updatedAt: 2 });
  await store.createRun(testRun({ id: 'r1', project: BUNDLE_PROJECT, name: 'first', config: { lr: 0.1, model: { layers: [64, 32] } }, tags: ['a'], notes: 'note', code: { notebookId: 'nb1', kernelId: 'kernel1', cells: 1 } }, 1_000));
  const loss = Float64Array.of(1, payloadNaN(), Infinity, -Infinity, 0.5, -0);
  await store.appendHistory(
    'r1',
    { metrics: ['loss', 'train/acc'], steps: [Float64Array.of(0, 1, 2, 2, 3, 4), Float64Array.of(0, 10)], values: [loss, Float64Array.of(0.25, 0.75)] },
    (run) => endRun(withSummary(run, { loss: NaN, 'train/acc': 0.75 }, 2_000), { state: 'finished', exitCode: 0, error: null, now: 2_000 }),
  );
  const png = Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3);
  const imageHash = await sha256Hex(png);
  for (const step of [0, 5]) {
    const table = { rows: 2, columns: [
      { name: 'x', type: 'number' as const, values: [step, 2] },
      { name: 'image', type: 'image' as const, values: [{ hash: imageHash, width: 2, height: 2, caption: 'cat' }, null] },
    ] };
    await store.appendTable('r1', { key: 'preds', step, mode: 'mutable', rows: 2, arrow: tableToArrow(table) }, [{ hash: imageHash, type: 'image/png', bytes: png }]);
  }
  await store.createRun(testRun({ id: 'r2', project: BUNDLE_PROJECT, name: 'second' }, 3_000));
  await store.appendHistory('r2', { metrics: ['loss'], steps: [Float64Array.of(0, 1, 2)], values: [Float64Array.of(3, 2, 1)] }, (run) =>
    endRun(withSummary(run, { loss: 1 }, 4_000), { state: 'failed', exitCode: 1, error: 'diverged', now: 4_000 }),
  );
  await store.setSetting(projectSettingKey('workspace', BUNDLE_PROJECT), { panels: [{ id: 'p1', metric: 'loss' }] });
}
