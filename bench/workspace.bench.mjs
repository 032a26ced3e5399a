// The workspace as a person uses it, with 1,000 runs × 10,000 steps × 4 metrics (40 M points) and 8 config keys per
// run in the store: open it, brush a parallel-coordinates axis, zoom a line panel, hide a run; the memory of the page
// and its workers; the first draw again in a persistent profile (as users have), and of a mixed workspace there.
import { generateRuns, stopLiveRuns } from './benchRuns.mjs';
import { heapWithWorkersMb } from './pageMemory.mjs';
import { launchPersistent, withTemporaryProfile } from './persistentProfile.mjs';
import { median } from './stats.mjs';

const PROJECT = 'workspace-ui-bench';
const MIXED_PROJECT = 'workspace-mixed-bench';
/** LABBOOK_BENCH_RUNS makes the workspaces smaller while developing the bench; the `runs` row then fails its target. */
const RUNS = Number(process.env.LABBOOK_BENCH_RUNS ?? 1000);
const STEPS = 10_000;
const LINE_PANELS = 4;
/** The mixed workspace: run lengths from MIXED_MIN_STEPS to STEPS, an eval metric every MIXED_EVAL_EVERY steps, runs still logging. */
const MIXED_MIN_STEPS = 500;
const MIXED_EVAL_EVERY = 100;
const MIXED_LIVE_RUNS = Math.min(20, RUNS);
/** Raw chunk size (src/model/history/historyChunks.ts CHUNK_POINTS): the worst-case zooms cross these boundaries. */
const CHUNK_POINTS = 1024;
/** Steps at which the worst-case zooms' last move crosses into a new raw chunk (chunks 1, 8, 9: none read before). */
const WORST_ZOOM_BOUNDARIES = [1 * CHUNK_POINTS, 8 * CHUNK_POINTS, 9 * CHUNK_POINTS];
const VIEWPORT = { width: 1600, height: 1000 };

export const targets = {
  runs: '= 1000',
  first_draw_ms: '<= 1200',
  first_draw_persistent_ms: '<= 1200',
  mixed_first_draw_ms: '<= 1500',
  brush_update_ms: '<= 100',
  zoom_exact_ms: '<= 100',
  zoom_exact_worst_ms: '<= 100',
  zoom_from_press_ms: 'report',
  eye_toggle_ms: '<= 50',
  js_heap_all_mb: '<= 1024',
  generate_s: 'report',
};

/** What each reported metric measures, for bench/README.md's table (bench/readme.mjs). */
export const descriptions = {
  runs: 'runs in each workspace (smaller only while developing the bench, with LABBOOK_BENCH_RUNS)',
  first_draw_ms: `page load → all ${LINE_PANELS} line panels drawn with every run, in a fresh (off-the-record) context; median of 3 loads`,
  first_draw_persistent_ms: 'the same in a persistent profile (`launchPersistentContext`), the browser restarted after the runs were written; median of 3 loads',
  first_draw_after_restart_ms: 'of which the first load after the restart',
  mixed_first_draw_ms: `page load → every line panel in view has drawn all its lines (each panel's first complete draw; live runs redraw it afterwards), in the persistent profile, for a mixed workspace: run lengths from ${MIXED_MIN_STEPS} to ${STEPS.toLocaleString('en-US')} steps, \`eval/acc\` every ${MIXED_EVAL_EVERY} steps, ${MIXED_LIVE_RUNS} runs still logging in another tab (open last chunks); median of 3 loads`,
  eye_toggle_ms: 'one eye → every line panel redrawn without that run; median of 5',
  brush_update_ms: 'releasing a brush on the lr axis of a parallel-coordinates panel → selector and every line panel show exactly the runs inside; median of 3',
  zoom_exact_ms: 'releasing a drag over 1 % of a full-width panel → the exact points of every run drawn; median of 3 (the drag reaches its final range early, so the read started at the press has its chunks)',
  zoom_exact_worst_ms: 'the same, from release, for a drag whose last mouse move crosses a raw chunk boundary (1,024 steps), so the chunk it adds is read only then; median of 3',
  zoom_from_press_ms: 'the 1 % zooms from the press that starts the drag (~8 mouse moves)',
  js_heap_all_mb: 'JS heap + typed arrays of the page and all its workers (raster workers, kernel), each after GC (CDP per target); the larger of after the first draw and after the brushes and zooms',
  generate_s: 'writing the runs of the fresh context',
};

const round = (value) => (Array.isArray(value) ? value.map(Math.round) : Math.round(value));
const roundedStages = (stages) => Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, round(v)]));

/**
 * Resolves with performance.now() once every line panel draws `lines` lines (and, if asked, exact points): at least
 * `panels` of them, or with `inView`, those whose top is inside the window (a panel below draws only when scrolled to).
 */
function linesDrawn(page, { lines = RUNS, exact = false, panels = LINE_PANELS, inView = false } = {}) {
  return page.waitForFunction(
    ({ lines, exact, panels, inView }) => {
      const charts = [...document.querySelectorAll('.panel[data-panel-type=line]')]
        .filter((p) => !inView || p.getBoundingClientRect().top < innerHeight)
        .map((p) => p.querySelector('.line-panel'));
      const done = charts.length >= panels && charts.every((c) => {
        const chart = c?.querySelector('.multi-line-chart');
        return Number(chart?.dataset.lines) === lines && chart.dataset.drawn === 'true' && (!exact || c.dataset.exact === 'true');
      });
      return done && performance.now();
    },
    { lines, exact, panels, inView },
    { timeout: 120_000, polling: 'raf' },
  ).then(
    (handle) => handle.jsonValue(),
    async (error) => {
      const seen = await page.evaluate(() => [...document.querySelectorAll('.panel[data-panel-type=line]')].map((p) => ({ ...p.querySelector('.multi-line-chart')?.dataset, exact: p.querySelector('.line-panel')?.dataset.exact, top: Math.round(p.getBoundingClientRect().top) })));
      throw new Error(`line panels not drawn with ${lines} lines${exact ? ' (exact)' : ''}: ${JSON.stringify(seen)}`, { cause: error });
    },
  );
}

/**
 * Resolves with performance.now() at which the last of the line panels in view (at least `panels`) first had all
 * `lines` lines on its canvas. With runs still logging, a panel draws again after its first draw whenever they log (the
 * chart keeps the old lines on screen meanwhile, but counts as not drawn): waiting for a moment when every panel is
 * between such redraws measured the logging's rhythm, not what a user waits for.
 */
function eachPanelDrawnOnce(page, { lines = RUNS, panels }) {
  return page.waitForFunction(
    ({ lines, panels }) => {
      const inView = [...document.querySelectorAll('.panel[data-panel-type=line]')].filter((p) => p.getBoundingClientRect().top < innerHeight);
      const firstDrawn = (window.benchFirstDrawn ??= new Map());
      for (const panel of inView) {
        const chart = panel.querySelector('.multi-line-chart');
        if (!firstDrawn.has(panel) && Number(chart?.dataset.lines) === lines && chart.dataset.drawn === 'true') firstDrawn.set(panel, performance.now());
      }
      return inView.length >= panels && inView.every((panel) => firstDrawn.has(panel)) && Math.max(...inView.map((panel) => firstDrawn.get(panel)));
    },
    { lines, panels },
    { timeout: 120_000, polling: 'raf' },
  ).then((handle) => handle.jsonValue());
}

/** Line panels whose top is inside the window. */
function linePanelsInView(page) {
  return page.evaluate(() => [...document.querySelectorAll('.panel[data-panel-type=line]')].filter((p) => p.getBoundingClientRect().top < innerHeight).length);
}

/** The stages behind the last draws, from the performance measures the line panels leave. */
function stages(page) {
  return page.evaluate(() => {
    const sum = (name) => performance.getEntriesByName(name).reduce((n, e) => n + e.duration, 0);
    const out = { read_ms: sum('labbook:line-read'), build_ms: sum('labbook:line-build'), draw_ms: sum('labbook:line-draw'), reads: performance.getEntriesByName('labbook:line-read').length, draws: performance.getEntriesByName('labbook:line-draw').map((e) => Math.round(e.duration)) };
    performance.clearMeasures();
    return out;
  });
}

/**
 * Fresh page loads straight into a workspace, each timed from navigation until `drawn` resolves; median of three (one
 * load varies by ±15 % here). Returns the loads and the stages of the last.
 */
async function firstDraws(page, url, project, drawn) {
  const loads = [];
  let lastStages;
  for (let i = 0; i < 3; i++) {
    await page.goto('about:blank');
    await page.waitForTimeout(3000);
    await page.goto(`${url}#/p/${project}`);
    loads.push(await drawn());
    lastStages = await stages(page);
  }
  return { loads, stages: lastStages };
}

/**
 * Drags across an element from one fraction of its box to another (x and y in 0..1), without releasing; resolves with
 * the page's clock just before the press.
 */
async function drag(page, locator, from, to) {
  const box = await locator.boundingBox();
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  const pressedAt = await page.evaluate(() => performance.now());
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((from[0] + to[0]) / 2), box.y + box.height * ((from[1] + to[1]) / 2), { steps: 4 });
  await page.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps: 4 });
  return pressedAt;
}

/** Releases the mouse; resolves with the ms from the release until the first line panel draws every run's exact points. */
async function releaseUntilZoomed(page) {
  const releasedAt = await page.evaluate(() => performance.now());
  await page.mouse.up();
  const zoomedAt = await page.waitForFunction(
    (runs) => {
      const panel = document.querySelector('.panel[data-panel-type=line] .line-panel');
      const chart = panel?.querySelector('.multi-line-chart');
      return panel?.dataset.exact === 'true' && chart.dataset.drawn === 'true' && Number(chart.dataset.lines) === runs && performance.now();
    },
    RUNS,
    { timeout: 60_000, polling: 'raf' },
  ).then((h) => h.jsonValue());
  return { releasedAt, zoomedAt };
}

/** Double-clicks the zoomed panel back to all steps and waits until it is drawn so. */
async function resetZoom(page, over) {
  await over.dblclick();
  await page.waitForFunction(() => document.querySelector('.panel[data-panel-type=line] .line-panel')?.dataset.exact === 'false', null, { timeout: 60_000 });
  await linesDrawn(page);
  await page.waitForTimeout(500);
  await stages(page);
}

/** From now on, the x-ranges the line panels ask the store to read ahead during a drag go to window.benchReadAhead. */
function recordReadAhead(page) {
  return page.evaluate(() => {
    const store = window.labbook.store;
    if (typeof store.readZoomAhead !== 'function') throw new Error('store.readZoomAhead is gone: the worst-case zoom checks its drag with it');
    const readAhead = store.readZoomAhead.bind(store);
    window.benchReadAhead = [];
    store.readZoomAhead = (query) => {
      window.benchReadAhead.push(query.xRange);
      readAhead(query);
    };
  });
}

/**
 * A zoom drag over the full-width panel `over` (x = steps 0 … STEPS−1) that stays before `boundary` until its last
 * mouse move, which crosses it; then the release. Checks, from what the panel asked to read ahead, that the drag's range
 * crossed the boundary only at the last move. Resolves with the ms from release to the exact points drawn.
 */
async function worstCaseZoom(page, over, boundary) {
  const box = await over.boundingBox();
  const xOf = (step) => box.x + (step / (STEPS - 1)) * box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(xOf(boundary - 150), y);
  await page.evaluate(() => (window.benchReadAhead.length = 0));
  await page.mouse.down();
  await page.mouse.move(xOf(boundary - 40), y, { steps: 7 });
  await page.mouse.move(xOf(boundary + 40), y);
  const { releasedAt, zoomedAt } = await releaseUntilZoomed(page);
  const ranges = await page.evaluate(() => window.benchReadAhead);
  const crossed = ranges.map(([, to]) => to >= boundary);
  if (ranges.length < 2 || !crossed.at(-1) || crossed.slice(0, -1).some(Boolean)) {
    throw new Error(`the worst-case drag at step ${boundary} did not cross it at its last move only: ranges read ahead ${JSON.stringify(ranges)}`);
  }
  return { ms: zoomedAt - releasedAt, lastRange: ranges.at(-1).map(Math.round) };
}

/** The workspace in the bench's fresh context: first draws, memory, eye toggles, brushes and zooms. */
async function freshContextFigures(context, url) {
  const page = await context.newPage();
  await page.setViewportSize(VIEWPORT);
  await page.goto(url);
  await page.waitForFunction(() => window.labbook?.store, null, { timeout: 60_000 });
  const generateS = (await generateRuns(page, { project: PROJECT, runs: RUNS, steps: STEPS })).seconds;
  // A workspace opened before (its four default line panels saved), as a person returning to a project finds it.
  await page.goto(`${url}#/p/${PROJECT}`);
  await linesDrawn(page);
  await page.waitForTimeout(1500);

  // first_draw_ms: the stages and what follows are those of the last load.
  const first = await firstDraws(page, url, PROJECT, () => linesDrawn(page));
  const selectorRows = await page.locator('.run-row').count();
  // The kernel starts once the panels are drawn; its worker's memory counts too.
  await page.waitForFunction(() => performance.getEntriesByName('labbook:kernel-ready').length > 0, null, { timeout: 60_000 });
  const heapAfterDraw = await heapWithWorkersMb(context, page);

  // eye_toggle_ms: hide the first listed run until every panel has redrawn without it; median of five.
  const eyes = [];
  for (let i = 0; i < 5; i++) {
    const t0 = await page.evaluate(() => {
      const t = performance.now();
      document.querySelector('.run-row [data-testid=eye]').click();
      return t;
    });
    eyes.push((await linesDrawn(page, { lines: RUNS - 1 })) - t0);
    await page.locator('.run-row [data-testid=eye]').first().click();
    await linesDrawn(page);
  }

  // brush_update_ms: add a parallel-coordinates panel, brush its first axis, until selector and line panels show the runs inside.
  await page.click('[data-testid=add-panel]');
  await page.click('[data-testid=add-parallel]');
  const axis = page.locator('.panel[data-panel-type=parallel] [data-axis="config:lr"] .pc-axis-line');
  // The axis line has no width, which Playwright calls hidden: wait for it to exist and scroll its panel into view.
  await axis.waitFor({ state: 'attached', timeout: 60_000 });
  await page.locator('.panel[data-panel-type=parallel]').scrollIntoViewIfNeeded();
  await page.waitForTimeout(1000);
  // Median of three brushes over different ranges; the stages are those of the median one.
  const brushes = [];
  for (const [from, to] of [[0.25, 0.6], [0.3, 0.7], [0.2, 0.5]]) {
    await drag(page, axis, [0.5, from], [0.5, to]);
    await stages(page);
    const t0 = await page.evaluate(() => performance.now());
    await page.mouse.up();
    const brushed = await page.waitForFunction(
      (runs) => {
        const count = document.querySelector('[data-testid=run-count]')?.textContent ?? '';
        const listed = Number(/· (\d+) of/.exec(count)?.[1]);
        const charts = [...document.querySelectorAll('.panel[data-panel-type=line] .multi-line-chart')];
        return listed < runs && charts.length >= 4 && charts.every((c) => Number(c.dataset.lines) === listed && c.dataset.drawn === 'true') && { at: performance.now(), listed };
      },
      RUNS,
      { timeout: 60_000, polling: 'raf' },
    ).then((h) => h.jsonValue());
    brushes.push({ ms: brushed.at - t0, listed: brushed.listed, stages: await stages(page) });
    await page.locator('[data-testid=brush-chip] button').first().click();
    await linesDrawn(page);
    await page.waitForTimeout(500);
  }

  // zoom_exact_ms: drag across 1 % of the first line panel's plot, until it draws the exact points of every run.
  await page.evaluate(() => window.scrollTo(0, 0));
  const firstPanel = page.locator('.panel[data-panel-type=line]').first();
  await firstPanel.hover();
  // Large (the whole row): 1 % of its plot is over 10 pixels, a drag uPlot takes as a zoom. Wait for the panel to have
  // read its series again at its new width, so that read is not counted in the zoom.
  const readsBefore = await page.evaluate(() => performance.getEntriesByName('labbook:line-read').length);
  await firstPanel.locator('[data-testid=panel-size]').click();
  await page.waitForFunction((before) => performance.getEntriesByName('labbook:line-read').length > before, readsBefore, { timeout: 120_000 });
  await linesDrawn(page);
  await page.waitForTimeout(500);
  await stages(page);
  // Median of three zooms at different places (each reads its own range), reset by a double-click in between.
  const over = firstPanel.locator('.u-over');
  const zooms = [];
  for (const at of [0.5, 0.3, 0.7]) {
    const pressedAt = await drag(page, over, [at, 0.5], [at + 0.01, 0.5]);
    const { releasedAt, zoomedAt } = await releaseUntilZoomed(page);
    zooms.push({ ms: zoomedAt - releasedAt, fromPressMs: zoomedAt - pressedAt, stages: await stages(page), points: await page.evaluate(() => Number(document.querySelector('.panel[data-panel-type=line] .multi-line-chart').dataset.points)) });
    await resetZoom(page, over);
  }
  // zoom_exact_worst_ms: the last move of the drag crosses into a raw chunk nothing has read yet.
  await recordReadAhead(page);
  const worstZooms = [];
  for (const boundary of WORST_ZOOM_BOUNDARIES) {
    worstZooms.push({ ...(await worstCaseZoom(page, over, boundary)), stages: await stages(page) });
    await resetZoom(page, over);
  }
  const heapAfterUse = await heapWithWorkersMb(context, page);
  await page.close();

  const medianOf = (runs) => [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
  const heaps = [heapAfterDraw, heapAfterUse];
  return {
    generate_s: Number(generateS.toFixed(1)),
    first_draw_ms: round(median(first.loads)),
    first_draw_ms_runs: round(first.loads),
    first_draw_stages_ms: roundedStages(first.stages),
    selector_rows_in_dom: selectorRows,
    js_heap_all_mb: round(Math.max(...heaps.map((h) => h.totalMb))),
    js_heap_all_mb_runs: heaps.map((h) => round(h.totalMb)),
    js_heap_by_target_mb: heaps.map((h) => ({ page: round(h.pageMb), workers: h.workers.map((w) => `${w.name}: ${round(w.mb)}`) })),
    eye_toggle_ms: round(median(eyes)),
    eye_toggle_ms_runs: eyes.map(round),
    brush_update_ms: round(medianOf(brushes).ms),
    brush_update_ms_runs: brushes.map((b) => round(b.ms)),
    brush_runs_inside: brushes.map((b) => b.listed),
    brush_stages_ms: roundedStages(medianOf(brushes).stages),
    zoom_exact_ms: round(medianOf(zooms).ms),
    zoom_exact_ms_runs: zooms.map((z) => round(z.ms)),
    zoom_from_press_ms: round(median(zooms.map((z) => z.fromPressMs))),
    zoom_from_press_ms_runs: zooms.map((z) => round(z.fromPressMs)),
    zoom_points_per_run: zooms.map((z) => z.points),
    zoom_stages_ms: roundedStages(medianOf(zooms).stages),
    zoom_exact_worst_ms: round(medianOf(worstZooms).ms),
    zoom_exact_worst_ms_runs: worstZooms.map((z) => round(z.ms)),
    zoom_worst_ranges: worstZooms.map((z) => z.lastRange),
    zoom_worst_stages_ms: roundedStages(medianOf(worstZooms).stages),
  };
}

/**
 * The first draws in a persistent profile: the runs written and the workspace opened once, the browser closed and
 * launched again on the same profile (as a user comes back another day), then page loads.
 */
async function persistentFirstDraws(dir, url) {
  const writer = await launchPersistent(dir, { viewport: VIEWPORT });
  try {
    await writer.page.goto(url);
    await writer.page.waitForFunction(() => window.labbook?.store, null, { timeout: 60_000 });
    await generateRuns(writer.page, { project: PROJECT, runs: RUNS, steps: STEPS });
    await writer.page.goto(`${url}#/p/${PROJECT}`);
    await linesDrawn(writer.page);
    await writer.page.waitForTimeout(1500);
  } finally {
    await writer.context.close();
  }
  const { context, page } = await launchPersistent(dir, { viewport: VIEWPORT });
  try {
    await page.goto(`${url}#/p/${PROJECT}`);
    const afterRestart = await linesDrawn(page);
    await page.waitForTimeout(1500);
    const first = await firstDraws(page, url, PROJECT, () => linesDrawn(page));
    return {
      first_draw_persistent_ms: round(median(first.loads)),
      first_draw_persistent_ms_runs: round(first.loads),
      first_draw_persistent_stages_ms: roundedStages(first.stages),
      first_draw_after_restart_ms: round(afterRestart),
    };
  } finally {
    await context.close();
  }
}

/**
 * The mixed workspace's first draws in the persistent profile: written in one tab whose last runs then keep logging,
 * opened once in another (its default panels saved), then loaded there while they log.
 */
async function mixedFirstDraws(dir, url) {
  const { context, page } = await launchPersistent(dir, { viewport: VIEWPORT });
  try {
    const logger = await context.newPage();
    await logger.goto(url);
    await logger.waitForFunction(() => window.labbook?.store, null, { timeout: 60_000 });
    await generateRuns(logger, { project: MIXED_PROJECT, runs: RUNS, steps: STEPS, minSteps: MIXED_MIN_STEPS, evalEvery: MIXED_EVAL_EVERY, liveRuns: MIXED_LIVE_RUNS, seed: 2 });
    // The workspace is the tab in front, as the user looks at it while the runs log in the other: Chromium gives a tab
    // behind another (here the logger, opened after it) about one frame a second, which the draws then waited for.
    await page.bringToFront();
    // One line panel per metric: the loads wait for those in view, as counted once this first open has settled.
    await page.goto(`${url}#/p/${MIXED_PROJECT}`);
    await linesDrawn(page, { inView: true, panels: 1 });
    await page.waitForTimeout(1500);
    const inView = await linePanelsInView(page);
    const mixed = await firstDraws(page, url, MIXED_PROJECT, () => eachPanelDrawnOnce(page, { panels: inView }));
    const running = await page.evaluate((project) => window.labbook.store.listRuns(project).then((runs) => runs.filter((r) => r.state === 'running').length), MIXED_PROJECT);
    await stopLiveRuns(logger);
    if (running !== MIXED_LIVE_RUNS) throw new Error(`the mixed workspace had ${running} running runs, not ${MIXED_LIVE_RUNS}`);
    return {
      mixed_first_draw_ms: round(median(mixed.loads)),
      mixed_first_draw_ms_runs: round(mixed.loads),
      mixed_first_draw_stages_ms: roundedStages(mixed.stages),
      mixed_panels_in_view: inView,
    };
  } finally {
    await context.close();
  }
}

/** Runs the workspace benchmark: in the fresh `context`, then in a persistent profile of its own. */
export async function runBench({ context, url }) {
  const fresh = await freshContextFigures(context, url);
  const persistent = await withTemporaryProfile(async (dir) => ({ ...(await persistentFirstDraws(dir, url)), ...(await mixedFirstDraws(dir, url)) }));
  return { runs: RUNS, ...fresh, ...persistent };
}
