// Opens the app under test (served by e2e/run.mjs at $LABBOOK_URL) with its kernel ready.
import { openPage, waitForKernel } from './chromium.mjs';

/** The served app's URL. */
export function appUrl(hash = '') {
  const url = process.env.LABBOOK_URL;
  if (!url) throw new Error('LABBOOK_URL is not set: run end-to-end tests with `npm run test:e2e`');
  return `${url}${hash}`;
}

/** Opens the app in a new page of `context` and waits for the kernel; returns { page, problems }. */
export async function openApp(context, hash = '') {
  const opened = await openPage(context, appUrl(hash));
  await waitForKernel(opened.page);
  return opened;
}

/**
 * Saves a notebook with these code cells straight into the store and opens it; returns a function giving the output
 * area of the cell at an index.
 */
export async function openNotebookWith(page, name, sources) {
  const id = `nb-${Date.now()}`;
  await page.evaluate(
    ({ id, name, sources }) =>
      window.labbook.store.saveNotebook({
        id,
        name,
        cells: sources.map((source, i) => ({ id: `c${i}`, kind: 'code', language: 'typescript', source })),
        createdAt: Date.now(),
        updatedAt: Date.now(),
      }),
    { id, name, sources },
  );
  await page.goto(appUrl(`#/nb/${id}`));
  await page.locator('.cell').first().waitFor();
  return (index) => page.locator('.cell').nth(index).locator('[data-testid=output]');
}

/** Runs code in the page's kernel through the session, waits until its run data is stored, returns the outcome. */
export function executeInKernel(page, code) {
  return page.evaluate(async (source) => {
    const outcome = await window.labbook.session.execute(source);
    await window.labbook.session.whenIdle();
    return outcome;
  }, code);
}

/** Counts canvas pixels of a chart that differ from its background (what a blank chart would not have). */
export function drawnPixels(page, selector) {
  return page.$eval(selector, (figure) => {
    const canvas = figure.querySelector('canvas');
    const { width, height } = canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    let line = 0;
    for (let i = 0; i < data.length; i += 4) {
      // The line colour is blue-dominant and opaque; grid and axes are grey.
      if (data[i + 3] > 200 && data[i + 2] > data[i] + 60) line++;
    }
    return line;
  });
}

/**
 * Polls an async page function until it returns something truthy. (page.waitForFunction cannot be used for this: it
 * takes a returned Promise as truthy at once instead of waiting for its value.)
 */
export function waitForAsync(page, fn, arg, { timeout = 30_000, interval = 100 } = {}) {
  return poll(() => page.evaluate(fn, arg), Boolean, { timeout, interval, what: `waitForAsync: ${fn}` });
}

/**
 * Waits until the project's workspace as saved in the store passes `check` (run here, given the saved state): the
 * positive signal that edits were saved, before a reload that should bring them back.
 */
export function waitForSavedWorkspace(page, project, check, { timeout = 30_000 } = {}) {
  const read = () => page.evaluate((key) => window.labbook.store.getSetting(key), `workspace:${project}`);
  return poll(read, (saved) => saved !== undefined && check(saved), { timeout, interval: 100, what: `the saved workspace of ${project}` });
}

/** Waits until the notebooks as saved in the store pass `check` (run here, given the list); returns the list. */
export function waitForSavedNotebooks(page, check, { timeout = 30_000 } = {}) {
  const read = () => page.evaluate(() => window.labbook.store.listNotebooks());
  return poll(read, check, { timeout, interval: 100, what: 'the saved notebooks' });
}

/**
 * Resolves once the page has rendered `count` more frames: an input event dispatched before it has been handled, with
 * the microtasks and the redraw it started (the signal that "nothing changed" can be checked now).
 */
export function afterFrames(page, count = 2) {
  return page.evaluate(
    (n) => new Promise((resolve) => {
      const next = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
      next(n);
    }),
    count,
  );
}

async function poll(read, accept, { timeout, interval, what }) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not there after ${timeout} ms; last read ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
