// What the two workspace benchmarks share: filling the store with synthetic runs, and measuring page memory.

/**
 * Writes `runs` finished runs of `steps` steps × 4 metrics into `project` through window.labbook.benchData (no kernel);
 * returns the seconds it took, how many runs were written and the storage used afterwards.
 */
export function generateRuns(page, { project, runs, steps }) {
  return page.evaluate(async ({ project, runs, steps }) => {
    const { writeBenchRuns } = await window.labbook.benchData();
    const t0 = performance.now();
    const ids = await writeBenchRuns(window.labbook.store, { project, runs, steps, seed: 1 });
    const seconds = (performance.now() - t0) / 1000;
    const { usage } = await navigator.storage.estimate();
    return { seconds, runCount: ids.length, storageMb: usage / 2 ** 20 };
  }, { project, runs, steps });
}

/** Page memory in use after a full garbage collection, in MB: the JS heap plus typed arrays' backing stores. */
export async function heapMb(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, backingStorageSize = 0 } = await cdp.send('Runtime.getHeapUsage');
  return (usedSize + backingStorageSize) / 2 ** 20;
}
