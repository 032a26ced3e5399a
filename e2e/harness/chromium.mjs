// Launches the system Chromium (Debian's /usr/bin/chromium, or $CHROMIUM_PATH) headless through playwright-core,
// with the flags this machine needs: no sandbox as root, no background network, and --enable-unsafe-webgpu so
// SwiftShader offers a (fallback) WebGPU adapter, also inside workers.
import { chromium } from 'playwright-core';
import fs from 'node:fs';

export const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic', '--enable-unsafe-webgpu',
];

/** Path of the Chromium binary to drive. */
export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error('Chromium not found: install it (apt-get install -y chromium) or set CHROMIUM_PATH');
  return found;
}

/** Launches headless Chromium; each context gets a fresh temporary profile (so a fresh IndexedDB). */
export function launchChromium() {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
}

/** Opens a page that records page errors and console errors, for tests that assert a clean console. */
export async function openPage(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console error: ${message.text()}`); });
  await page.goto(url);
  return { page, problems };
}

/** Waits until the app's kernel reports idle (tfjs backend initialised). */
export async function waitForKernel(page) {
  await page.waitForFunction(() => window.labbook?.session?.status === 'idle', null, { timeout: 60_000 });
}
