/**
 * Packing starts once no run has ended for this long, so that runs ending in a burst (a sweep of short runs, an
 * import, the benchmark's writer) are packed in one go rather than each in a transaction that holds up the writes:
 * packing as each of 200 runs ended made writing them take twice as long (Chromium 156 here); one pack of all 200
 * afterwards took 1 s.
 */
const PACK_QUIET_MS = 2000;

/**
 * Nor does it wait longer than this after the first run it has to pack ended, however many end after it: a long sweep
 * of quick runs gets packed as it goes, while a burst of writes (the benchmark writes 1,000 runs in 40–100 s) is not
 * slowed down by packing in its middle.
 */
const PACK_MAX_WAIT_MS = 120_000;

/** A read finding this many asked runs outside overview blocks asks for packing (it may be that no tab packed them). */
export const LOOSE_RUNS_WORTH_PACKING = 16;

/** Reads ask for packing of a project at most this often: a workspace with many live runs reads them loose every time. */
const READ_REQUEST_INTERVAL_MS = 60_000;

/**
 * Packs projects' finished runs into overview blocks in the background, one project at a time: `schedule` after a run
 * ends or blocks were dropped; requests made while packing are served by another round after it. A failure costs
 * only speed (the runs are read from their coarse chunks meanwhile), so it is logged as a warning and the next request
 * tries again.
 */
export class OverviewPacker {
  /** Projects to pack, with the runs whose short series to pack too (see packProject). */
  private readonly pending = new Map<string, Set<string>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  /** When the oldest request not yet served was made. */
  private waitingSince: number | null = null;
  private stopped = false;
  private readonly askedByReads = new Map<string, number>();

  constructor(private readonly pack: (project: string, shortRunIds: string[]) => Promise<void>) {}

  /**
   * Packs a project's loose finished runs soon, and the short series of `shortRunIds` (runs that ended, or were read
   * from raw points): once no other request came for PACK_QUIET_MS (see there).
   */
  schedule(project: string, shortRunIds: readonly string[] = [], now = Date.now()): void {
    if (this.stopped) return;
    const runs = this.pending.get(project) ?? new Set<string>();
    for (const runId of shortRunIds) runs.add(runId);
    this.pending.set(project, runs);
    this.waitingSince ??= now;
    // A request during a round is served by the next one, which the round starts when it ends.
    if (this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.drain(), Math.max(0, Math.min(PACK_QUIET_MS, this.waitingSince + PACK_MAX_WAIT_MS - now)));
  }

  /**
   * A read found `looseRuns` asked runs outside blocks, among them `shortRunIds` read from raw points: schedules
   * packing, at most once a READ_REQUEST_INTERVAL_MS.
   */
  noteLooseRead(project: string, looseRuns: number, shortRunIds: readonly string[] = [], now = Date.now()): void {
    if (looseRuns < LOOSE_RUNS_WORTH_PACKING || now - (this.askedByReads.get(project) ?? -Infinity) < READ_REQUEST_INTERVAL_MS) return;
    this.askedByReads.set(project, now);
    this.schedule(project, shortRunIds, now);
  }

  /** Resolves once nothing is scheduled or packing (what is scheduled starts at once rather than after its delay). */
  async whenIdle(): Promise<void> {
    while (this.timer || this.running) {
      if (this.timer) void this.drain();
      await this.running;
    }
  }

  /** Stops packing: nothing more starts (the store is closing). */
  stop(): void {
    this.stopped = true;
    this.pending.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private drain(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) return this.running;
    this.waitingSince = null;
    this.running = this.packPending().finally(() => {
      this.running = null;
      // Requests made during the round.
      const [next] = this.pending.keys();
      if (next !== undefined) this.schedule(next);
    });
    return this.running;
  }

  /** Packs the projects requested so far; requests made meanwhile wait for their own quiet moment. */
  private async packPending(): Promise<void> {
    const projects = [...this.pending];
    this.pending.clear();
    for (const [project, shortRunIds] of projects) {
      if (this.stopped) return;
      try {
        await this.pack(project, [...shortRunIds]);
      } catch (error) {
        if (!this.stopped) console.warn(`Labbook could not pack the overview of project ${project}; its workspace reads it more slowly:`, error);
      }
    }
  }
}
