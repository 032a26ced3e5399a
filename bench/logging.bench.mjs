// The data path from run.log() in the kernel worker to IndexedDB, against a plain columnar IndexedDB write, in one page.
export const targets = { sdk_to_raw_ratio: '>= 0.5', log_call_us: '<= 5', series_query_ms: '<= 20' };

const RUNS = 100;
const STEPS = 1000;
const METRICS = 10;

/** 1,000,000 points written the fastest plain way: one Float64Array of 1,000 values per put, one transaction each. */
async function rawIdbPointsPerSecond(page) {
  return page.evaluate(async ({ runs, steps, metrics }) => {
    const open = () => new Promise((resolve, reject) => {
      const request = indexedDB.open('bench-raw', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('chunks', { keyPath: ['run', 'metric', 'chunk'] });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const db = await open();
    const start = performance.now();
    for (let r = 0; r < runs; r++) {
      for (let m = 0; m < metrics; m++) {
        const data = new Float64Array(steps);
        for (let s = 0; s < steps; s++) data[s] = Math.sin(r + s * 0.001 + m);
        const tx = db.transaction('chunks', 'readwrite');
        tx.objectStore('chunks').put({ run: r, metric: m, chunk: 0, data });
        await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
      }
    }
    const seconds = (performance.now() - start) / 1000;
    db.close();
    await new Promise((resolve) => { const del = indexedDB.deleteDatabase('bench-raw'); del.onsuccess = del.onerror = resolve; });
    return (runs * steps * metrics) / seconds;
  }, { runs: RUNS, steps: STEPS, metrics: METRICS });
}

/** 100 runs × 1,000 steps × 10 metrics through run.log, timed from the request until the last point is stored. */
async function sdkLogging(page, round) {
  return page.evaluate(async ({ runs, steps, metrics, round }) => {
    const code = `
      let logMs = 0;
      for (let r = 0; r < ${runs}; r++) {
        const run = await init({ project: 'bench-logging-${round}', config: { r } });
        const t0 = performance.now();
        for (let s = 0; s < ${steps}; s++) {
          run.log({ ${Array.from({ length: metrics }, (_, m) => `m${m}: Math.sin(s * 0.001 + ${m})`).join(', ')} });
        }
        logMs += performance.now() - t0;
        await run.finish();
      }
      return JSON.stringify({ logMs });`;
    const start = performance.now();
    const outcome = await window.labbook.session.execute(code);
    await window.labbook.session.whenIdle();
    const seconds = (performance.now() - start) / 1000;
    if (!outcome.ok) throw new Error(outcome.error.message);
    const { logMs } = JSON.parse(outcome.display);
    return { pointsPerSecond: (runs * steps * metrics) / seconds, totalSeconds: seconds, logCallUs: (logMs * 1000) / (runs * steps) };
  }, { runs: RUNS, steps: STEPS, metrics: METRICS, round });
}

/** series() of a 100,000-step metric into 1,000 buckets, warm: the median of 21 queries. */
async function seriesQuery(page) {
  return page.evaluate(async () => {
    const outcome = await window.labbook.session.execute(`
      const run = await init({ project: 'bench-series' });
      for (let s = 0; s < 100000; s++) run.log({ loss: Math.exp(-s / 20000) + Math.sin(s) * 0.01 + (s % 9973 === 0 ? 5 : 0) });
      await run.finish();
      return run.id;`);
    await window.labbook.session.whenIdle();
    if (!outcome.ok) throw new Error(outcome.error.message);
    const runId = outcome.display;
    const store = window.labbook.store;
    const first = await store.series(runId, 'loss', { buckets: 1000 });
    if (first.exact || first.x.length !== 1000) throw new Error(`expected 1,000 buckets, got ${first.x.length}`);
    const times = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      await store.series(runId, 'loss', { buckets: 1000 });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { medianMs: times[10], maxMs: times[20], maxOfBuckets: Math.max(...first.max) };
  });
}

/** Runs the logging benchmark in a fresh page of `context`. */
export async function runBench({ context, url }) {
  const page = await context.newPage();
  // The home page open, as a user would have it: its project list reads the store while runs are created.
  await page.goto(url);
  await page.waitForFunction(() => window.labbook?.session?.status === 'idle', null, { timeout: 60_000 });
  // Three rounds of raw then SDK, each pair measured back to back; the ratio reported is the median of the pairs', as
  // this 2-core machine's IndexedDB speed drifts between rounds (background compaction after the previous round).
  const rounds = [];
  for (let round = 0; round < 3; round++) {
    const rawRound = await rawIdbPointsPerSecond(page);
    const sdkRound = await sdkLogging(page, round);
    rounds.push({ raw: rawRound, sdk: sdkRound, ratio: sdkRound.pointsPerSecond / rawRound });
  }
  rounds.sort((a, b) => a.ratio - b.ratio);
  const { raw, sdk } = rounds[1];
  const series = await seriesQuery(page);
  return {
    raw_idb_points_per_s: Math.round(raw),
    sdk_points_per_s: Math.round(sdk.pointsPerSecond),
    sdk_to_raw_ratio: Number((sdk.pointsPerSecond / raw).toFixed(3)),
    sdk_to_raw_ratio_rounds: rounds.map((r) => Number(r.ratio.toFixed(3))),
    sdk_total_s: Number(sdk.totalSeconds.toFixed(3)),
    log_call_us: Number(sdk.logCallUs.toFixed(3)),
    series_query_ms: Number(series.medianMs.toFixed(2)),
    series_query_max_ms: Number(series.maxMs.toFixed(2)),
    series_spike_kept: series.maxOfBuckets > 5,
  };
}
