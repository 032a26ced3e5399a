// What the two workspace benchmarks share: filling the store with synthetic runs.

/**
 * Writes `runs` runs of `steps` steps × 4 metrics into `project` through window.labbook.benchData (no kernel), with
 * the options of writeBenchRuns (bench/inPage/benchData.ts): lengths from `minSteps`, an eval metric every `evalEvery`
 * steps, and `liveRuns` runs left running that keep logging in this page until stopLiveRuns. The seed (1 unless
 * given) decides the run ids too: two projects in one database need two seeds.
 * Then waits while the store packs the ended runs' coarse levels into overview blocks (in the background, as after a
 * user's runs end), so that a later page load finds them packed as a user's would.
 * Returns the seconds the writing took, the seconds the packing went on after it, how many runs were written and the
 * storage used afterwards.
 */
export function generateRuns(page, options) {
  return page.evaluate(async ({ liveRuns, ...options }) => {
    const { writeBenchRuns } = await window.labbook.benchData();
    window.benchLive = new AbortController();
    const live = liveRuns ? { runs: liveRuns, signal: window.benchLive.signal } : undefined;
    const t0 = performance.now();
    const ids = await writeBenchRuns(window.labbook.store, { seed: 1, ...options, live });
    const seconds = (performance.now() - t0) / 1000;
    // Absent before overview blocks (schema v6): the benches still run against older builds.
    await window.labbook.store.whenOverviewPacked?.();
    const packSeconds = (performance.now() - t0) / 1000 - seconds;
    const { usage } = await navigator.storage.estimate();
    return { seconds, packSeconds, runCount: ids.length, storageMb: usage / 2 ** 20 };
  }, options);
}

/** Stops the live runs of generateRuns in `page` (they finish). */
export function stopLiveRuns(page) {
  return page.evaluate(() => window.benchLive?.abort());
}
