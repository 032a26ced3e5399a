// Kills the tab's renderer at 20 random moments while a cell logs at full speed (e2e/harness/crashTrials.mjs), then
// checks every run: crashed, its history an intact prefix of what was logged, and how much logging was lost.
import { crashTrial, inspectTrials } from '../e2e/harness/crashTrials.mjs';

export const targets = { trials: '= 20', corrupt_runs: '= 0', worst_loss_ms: 'report', median_loss_ms: 'report' };

/** What each reported metric measures, for bench/README.md's table (bench/readme.mjs). */
export const descriptions = {
  trials: 'renderer kills (CDP `Page.crash`) while a cell logs 10 metrics a step at full speed, each a random 0–3 s after its run\'s first points are stored',
  corrupt_runs: 'runs, after reopening, that are not `crashed` or whose history is not an intact prefix of what was logged',
  worst_loss_ms: 'logging time lost by the worst trial: from the last step stored to the kill',
  median_loss_ms: 'the same, median of the trials',
};

const TRIALS = 20;
/** Each trial logs for a random time in this range after its first points are stored, then its renderer is killed. */
const LOG_FOR_MS = [0, 3000];

export async function runBench({ context, url }) {
  const kills = [];
  for (let trial = 0; trial < TRIALS; trial++) {
    const logForMs = Math.round(LOG_FOR_MS[0] + Math.random() * (LOG_FOR_MS[1] - LOG_FOR_MS[0]));
    kills.push({ ...(await crashTrial(context, { baseUrl: url, trial, logForMs })), logForMs });
  }
  const results = await inspectTrials(context, { baseUrl: url, kills });
  const losses = results.map((r) => r.lossMs).filter((ms) => ms !== null);
  const sorted = [...losses].sort((a, b) => a - b);
  return {
    trials: results.length,
    crashed_runs: results.filter((r) => r.state === 'crashed').length,
    corrupt_runs: results.filter((r) => r.corrupt).length,
    worst_loss_ms: Math.max(...losses),
    median_loss_ms: sorted[Math.floor(sorted.length / 2)],
    steps_kept_per_trial: results.map((r) => r.steps),
    loss_ms_per_trial: results.map((r) => r.lossMs),
    log_for_ms_per_trial: kills.map((k) => k.logForMs),
    problems: results.flatMap((r) => r.problems.map((p) => `trial ${r.trial}: ${p}`)),
  };
}
