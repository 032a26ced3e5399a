// One headless Chromium per test file (node --test runs each file in its own process), launched on first use and
// closed when the file's tests end; every test gets its own context, so its own profile and IndexedDB.
import { after } from 'node:test';
import { launchChromium } from './chromium.mjs';

let browser = null;
after(async () => {
  await browser?.close();
});

/** A fresh browser context (Playwright's newContext options). */
export async function newContext(options) {
  browser ??= await launchChromium();
  return browser.newContext(options);
}
