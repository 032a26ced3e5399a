// Moving runs in and out (issue #13): a project of 100 runs × 10,000 steps × 10 metrics exported as a `.labbook.zip`
// bundle, deleted and imported back; the same runs as TensorBoard event files; a TensorBoard log directory imported;
// and the generated bad bundles refused without a trace in the store. All in the built app's page, through the
// bench-only in-page module bench/inPage/exchangeBench.ts (window.labbook.benchData().exchange()).
const RUNS = Number(process.env.LABBOOK_BENCH_RUNS ?? 100);
const STEPS = 10_000;
const METRICS = 10;
const PROJECT = 'exchange-bench';
const TB = { runs: 10, tags: 10, steps: 10_000 };
const HEAP_SAMPLE_MS = 50;

export const targets = {
  runs: '= 100',
  import_to_export_ratio: '<= 2',
  export_heap_to_bundle: '<= 2',
  import_heap_to_bundle: '<= 2',
  bad_inputs_all_rejected: '= true',
  store_unchanged: '= true',
};

const n = (value) => value.toLocaleString('en-US');

/** What each reported metric measures, for bench/README.md's table (bench/readme.mjs). */
export const descriptions = {
  runs: `finished runs in the exported project, each ${n(STEPS)} steps × ${METRICS} metrics (${n(100 * STEPS * METRICS)} points at 100 runs), written straight into the store (smaller only while developing the bench, with LABBOOK_BENCH_RUNS)`,
  export_ms: '`exportBundle` of the project, from the call until the bundle’s Blob is there',
  bundle_mb: 'the bundle’s size (`blob.size` / 2²⁰)',
  import_ms: 'the project deleted (`store.deleteProject`, not timed), then `readBundle` (every byte checked) + `importBundle(…, \'skip\')` of that Blob until it resolves',
  import_read_ms: 'of which `readBundle`',
  import_to_export_ratio: '`import_ms` / `export_ms` (issue #13: import within 2× export)',
  export_heap_mb: 'peak page JS heap + typed arrays (CDP `Runtime.getHeapUsage`, sampled every ~50 ms from Node, no GC forced) while the export runs, minus the same just before it (after a GC)',
  export_heap_to_bundle: '`export_heap_mb` / `bundle_mb` (target: within 2× the bundle)',
  import_heap_mb: 'the same while the import runs',
  import_heap_to_bundle: '`import_heap_mb` / `bundle_mb`',
  tfevents_export_ms: 'every run of the project as a TensorBoard event file (`store.readRunHistory` + `historyEventFile`), all runs in total',
  tfevents_encode_ms: 'of which `historyEventFile` (the rest is reading the history)',
  tensorboard_import_points_per_s: `\`importTensorBoardLogdir\` of a log directory of ${n(TB.runs * TB.tags * TB.steps)} scalars (${TB.runs} runs × ${TB.tags} tags × ${n(TB.steps)} steps, made with \`encodeEventFile\` in the page beforehand): points / seconds`,
  bad_inputs_tried: 'generated bad bundles (`badBundleCases` of a small valid bundle of `fillBundleProject`’s project), each `readBundle` + `importBundle(…, \'replace\')` into the page’s store, which holds that project',
  bad_inputs_rejected: 'of which refused with a BundleError',
  bad_inputs_all_rejected: '`bad_inputs_rejected` = `bad_inputs_tried`',
  store_unchanged: 'a digest of every IndexedDB object store (`databaseDigest`) is the same after all of them as before',
};

const round = (value, digits = 1) => Number(value.toFixed(digits));

/** Calls the in-page exchange module's `fn` with `args` (after the store) and returns what it returns. */
function inPage(page, fn, ...args) {
  return page.evaluate(
    async ({ fn, args }) => {
      const exchange = await (await window.labbook.benchData()).exchange();
      return exchange[fn](window.labbook.store, ...args);
    },
    { fn, args },
  );
}

/** Page JS heap + typed arrays in MB, without a GC. */
async function heapNowMb(cdp) {
  const { usedSize, backingStorageSize = 0 } = await cdp.send('Runtime.getHeapUsage');
  return (usedSize + backingStorageSize) / 2 ** 20;
}

/**
 * Runs `work` (a promise factory) while sampling the page's heap every HEAP_SAMPLE_MS; returns its value with the peak
 * heap above the heap just before it (after a full GC), in MB, and how many samples were taken.
 */
async function withHeapPeak(cdp, work) {
  await cdp.send('HeapProfiler.collectGarbage');
  const before = await heapNowMb(cdp);
  let peak = before;
  let samples = 0;
  let done = false;
  const sampler = (async () => {
    while (!done) {
      peak = Math.max(peak, await heapNowMb(cdp));
      samples++;
      await new Promise((resolve) => setTimeout(resolve, HEAP_SAMPLE_MS));
    }
  })();
  try {
    return { value: await work(), peakMb: peak - before, beforeMb: before, samples };
  } finally {
    done = true;
    await sampler;
    // The peak as of the sampler's last sample.
  }
}

export async function runBench({ context, url }) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.labbook?.store, null, { timeout: 60_000 });
  const cdp = await context.newCDPSession(page);
  const log = (...parts) => console.log('  exchange:', ...parts);

  // The bad bundles first, while the store is small (the digest reads every record of every store).
  const bad = await inPage(page, 'badBundles');
  log('bad bundles', JSON.stringify(bad));

  const written = await inPage(page, 'writeExchangeRuns', { project: PROJECT, runs: RUNS, steps: STEPS });
  log(`wrote ${written.ids.length} runs in ${round(written.seconds)} s`);

  const tfevents = await inPage(page, 'eventFilesOfProject', PROJECT);
  log('tfevents', JSON.stringify(tfevents));

  const exported = await withHeapPeak(cdp, () => inPage(page, 'exportProject', PROJECT));
  const bundleMb = exported.value.bytes / 2 ** 20;
  log('export', JSON.stringify(exported));

  const left = await inPage(page, 'deleteProject', PROJECT);
  if (left !== 0) throw new Error(`${left} runs left after deleting the project`);
  const imported = await withHeapPeak(cdp, () => inPage(page, 'importBundled'));
  log('import', JSON.stringify(imported));
  const counted = await inPage(page, 'countProject', PROJECT);
  log('after import', JSON.stringify(counted));
  const verified = counted.runs === RUNS && counted.finished === RUNS && imported.value.imported === RUNS && counted.pointsOfFirst === STEPS * METRICS;
  if (!verified) throw new Error(`the import did not bring the project back: ${JSON.stringify({ imported: imported.value, counted })}`);

  const logdir = await page.evaluate(async (tb) => (await (await window.labbook.benchData()).exchange()).makeLogdir(tb), TB);
  const tb = await inPage(page, 'importLogdir', 'tensorboard-bench');
  log('tensorboard', JSON.stringify({ logdir, tb }));
  if (tb.points !== logdir.points) throw new Error(`importTensorBoardLogdir took ${tb.points} of ${logdir.points} points`);

  return {
    runs: written.ids.length,
    points: written.ids.length * STEPS * METRICS,
    generate_s: round(written.seconds),
    export_ms: Math.round(exported.value.ms),
    bundle_mb: round(bundleMb),
    bundle_files: exported.value.files,
    import_ms: Math.round(imported.value.ms),
    import_read_ms: Math.round(imported.value.readMs),
    import_write_ms: Math.round(imported.value.writeMs),
    import_to_export_ratio: round(imported.value.ms / exported.value.ms, 2),
    export_heap_mb: Math.round(exported.peakMb),
    export_heap_to_bundle: round(exported.peakMb / bundleMb, 2),
    export_heap_samples: exported.samples,
    import_heap_mb: Math.round(imported.peakMb),
    import_heap_to_bundle: round(imported.peakMb / bundleMb, 2),
    import_heap_samples: imported.samples,
    heap_before_export_mb: Math.round(exported.beforeMb),
    tfevents_export_ms: Math.round(tfevents.ms),
    tfevents_read_ms: Math.round(tfevents.readMs),
    tfevents_encode_ms: Math.round(tfevents.encodeMs),
    tfevents_mb: round(tfevents.bytes / 2 ** 20),
    tensorboard_import_ms: Math.round(tb.ms),
    tensorboard_import_points_per_s: Math.round(tb.points / (tb.ms / 1000)),
    tensorboard_logdir_mb: round(logdir.bytes / 2 ** 20),
    bad_inputs_tried: bad.tried,
    bad_inputs_rejected: bad.rejected,
    bad_inputs_all_rejected: bad.rejected === bad.tried,
    bad_inputs_wrong_message: bad.wrongMessages,
    bad_inputs_ms: Math.round(bad.ms),
    store_unchanged: bad.storeUnchanged && bad.digestStable,
  };
}
