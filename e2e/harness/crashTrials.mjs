// Crash trials, shared by the crash benchmark and its end-to-end test: a cell logs at full speed, the tab's renderer
// is killed at a random moment (CDP Page.crash: no pagehide, no unload, the kernel worker dies with it), and a tab
// opened afterwards must find every such run crashed, with a history that is a prefix of what was logged.
import { waitForAsync } from './app.mjs';
import { openPage, waitForKernel } from './chromium.mjs';

/** The project the trials' runs go to. */
export const CRASH_PROJECT = 'crash-trials';
/** Metrics each step logs; value k of step s is s * 10 + k, so any stored point can be checked on its own. */
const METRICS = 10;

/**
 * A training-like loop that logs as fast as the SDK takes it: ten metrics a step, yielding to the event loop every 100
 * steps as a tfjs training loop does between batches (so the session's acknowledgements can reach the SDK).
 */
function loggingCell(trial) {
  return `
    const run = await init({ project: '${CRASH_PROJECT}', name: 'trial-${trial}' });
    for (let step = 0; ; step++) {
      run.log({ ${Array.from({ length: METRICS }, (_, k) => `m${k}: step * 10 + ${k}`).join(', ')} });
      if (step % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 0));
    }`;
}

/**
 * Runs one trial in a new tab of `context` (the app served at `baseUrl`): starts the logging cell, waits until its run has stored points, lets it
 * log for `logForMs` more, then kills the renderer. Returns when the crash has happened, with the kill time.
 */
export async function crashTrial(context, { baseUrl, trial, logForMs }) {
  const { page } = await openPage(context, baseUrl);
  await waitForKernel(page);
  await page.evaluate((code) => void window.labbook.session.execute(code), loggingCell(trial));
  await waitForAsync(page, async (name) => {
    const runs = await window.labbook.store.listRuns('crash-trials');
    const run = runs.find((r) => r.name === name);
    return run !== undefined && Object.keys(run.summary).length > 0;
  }, `trial-${trial}`);
  await new Promise((resolve) => setTimeout(resolve, logForMs));
  const crashed = page.waitForEvent('crash');
  const cdp = await context.newCDPSession(page);
  const killedAt = Date.now();
  // The renderer dies before it can answer, so the command itself never resolves.
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;
  await page.close().catch(() => undefined);
  return { trial, killedAt };
}

/**
 * Opens a tab whose clock runs 60 s ahead, so the trials' heartbeats are stale at once, waits until its crash check
 * has ended every trial run as crashed, and checks each run's stored history point by point.
 * Returns per trial: its state, whether anything is corrupt (and why), the steps kept and the loss in ms.
 */
export async function inspectTrials(context, { baseUrl, kills }) {
  const page = await context.newPage();
  await page.clock.install({ time: Date.now() + 60_000 });
  await page.goto(`${baseUrl}#/p/${CRASH_PROJECT}`);
  await page.waitForFunction(() => window.labbook?.store !== undefined);
  await waitForAsync(page, (count) => window.labbook.store.listRuns('crash-trials').then((runs) => runs.length === count && runs.every((r) => r.state !== 'running')), kills.length, { timeout: 60_000 });
  const findings = await page.evaluate(async (metrics) => {
    const store = window.labbook.store;
    const runs = await store.listRuns('crash-trials');
    return Promise.all(
      runs.map(async (run) => {
        const problems = [];
        const everything = { buckets: Number.MAX_SAFE_INTEGER };
        const stamps = await store.series(run.id, '_timestamp', everything);
        const steps = stamps.x.length;
        for (let i = 0; i < steps; i++) if (stamps.x[i] !== i) problems.push(`_timestamp: step ${stamps.x[i]} at position ${i}`);
        for (let k = 0; k < metrics; k++) {
          const series = await store.series(run.id, `m${k}`, everything);
          if (!series.exact) problems.push(`m${k}: not read exactly`);
          if (series.x.length !== steps) problems.push(`m${k}: ${series.x.length} points, _timestamp has ${steps}`);
          for (let i = 0; i < series.x.length; i++) {
            if (series.x[i] !== i || series.last[i] !== i * 10 + k) {
              problems.push(`m${k}: point ${i} is (${series.x[i]}, ${series.last[i]})`);
              break;
            }
          }
        }
        const summaryStep = run.summary.m0 === undefined ? -1 : run.summary.m0 / 10;
        if (summaryStep > steps - 1) problems.push(`summary says step ${summaryStep}, history ends at ${steps - 1}`);
        return { name: run.name, state: run.state, steps, lastStoredAt: steps > 0 ? stamps.last[steps - 1] * 1000 : null, problems };
      }),
    );
  }, METRICS);
  await page.close();
  return kills.map(({ trial, killedAt }) => {
    const found = findings.find((f) => f.name === `trial-${trial}`);
    if (!found) return { trial, state: 'missing', corrupt: true, problems: ['the run is missing'], steps: 0, lossMs: null };
    return {
      trial,
      state: found.state,
      corrupt: found.problems.length > 0,
      problems: found.problems,
      steps: found.steps,
      lossMs: found.lastStoredAt === null ? null : killedAt - found.lastStoredAt,
    };
  });
}
