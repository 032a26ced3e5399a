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
export async function waitForAsync(page, fn, arg, { timeout = 30_000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(fn, arg);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waitForAsync: still false after ${timeout} ms: ${fn}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
