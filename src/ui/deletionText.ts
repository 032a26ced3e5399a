import { formatBytes } from '../lib/formatBytes';

/** What a deletion would remove, as the store previews it (see store/runDeletion's DeletionPreview). */
export interface DeletionSummary {
  runs: readonly { id: string; name: string }[];
  running: readonly { name: string; here: boolean }[];
  series: number;
  points: number;
  bytes: number;
}

/** Runs named in a question before "and N more". */
const NAMED_RUNS = 5;

/** "a, b and c" or "a, b, c, d, e and 7 more". */
function nameList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  if (names.length <= NAMED_RUNS) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, NAMED_RUNS).join(', ')} and ${names.length - NAMED_RUNS} more`;
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "their history (8 metrics, 1,600 points, about 13 kB)", or a note that there is none. */
function historyPart(summary: DeletionSummary, owner: 'its' | 'their'): string {
  if (summary.series === 0) return `${owner} history (none logged)`;
  return `${owner} history (${count(summary.series, 'metric', 'metrics')}, ${count(summary.points, 'point', 'points')}, about ${formatBytes(summary.bytes)})`;
}

/** The confirmation question for deleting runs: which runs, and how much history goes with them. */
export function runsDeletionQuestion(summary: DeletionSummary): string {
  const names = summary.runs.map((r) => r.name);
  if (names.length === 0) return 'Nothing to delete.';
  if (names.length === 1) return `Delete the run ${names[0]} and ${historyPart(summary, 'its')}?`;
  return `Delete ${names.length} runs: ${nameList(names)}, and ${historyPart(summary, 'their')}?`;
}

/** The confirmation question for deleting a project: its runs, their history and its saved workspace. */
export function projectDeletionQuestion(project: string, summary: DeletionSummary): string {
  const runs = summary.runs.length === 0 ? 'no runs' : `${count(summary.runs.length, 'run', 'runs')} (${nameList(summary.runs.map((r) => r.name))}) and ${historyPart(summary, 'their')}`;
  return `Delete the project ${project} with ${runs}, and its saved workspace?`;
}

/**
 * Why some runs are not deleted: they are still running. The store refuses them (deleting under a live writer would
 * leave its later writes nowhere); this tells the user how to end each.
 */
export function runningNote(summary: DeletionSummary, kept: 'kept' | 'blocks'): string | null {
  if (summary.running.length === 0) return null;
  const here = summary.running.filter((r) => r.here).map((r) => r.name);
  const elsewhere = summary.running.filter((r) => !r.here).map((r) => r.name);
  const parts = [kept === 'kept' ? 'Running runs are kept.' : 'A project cannot be deleted while any of its runs is running.'];
  if (here.length === 1) parts.push(`${here[0]} is still running in this tab: stop its cell (or let it finish) first.`);
  if (here.length > 1) parts.push(`${nameList(here)} are still running in this tab: stop their cells (or let them finish) first.`);
  if (elsewhere.length === 1) parts.push(`${elsewhere[0]} is still running in another tab: stop it there, or, if that tab was closed, wait until it is marked crashed.`);
  if (elsewhere.length > 1) parts.push(`${nameList(elsewhere)} are still running in other tabs: stop them there, or, if those tabs were closed, wait until they are marked crashed.`);
  return parts.join(' ');
}
