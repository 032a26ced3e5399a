/** Thrown by SDK calls once the user pressed Stop, so a cell's loop ends at its next SDK call. */
export class Interrupted extends Error {
  override name = 'Interrupted';
  constructor() {
    super('stopped by the user');
  }
}

let requested = false;

/** Marks that the user asked to stop the running cell (the kernel calls it when Stop arrives). */
export function requestInterrupt(): void {
  requested = true;
}

/** Forgets a stop request; each cell starts without one. */
export function clearInterrupt(): void {
  requested = false;
}

/** True once the user asked to stop the running cell. */
export function isInterruptRequested(): boolean {
  return requested;
}

/** Throws Interrupted when a stop was requested: SDK calls check this, so a loop that logs stops there. */
export function throwIfInterrupted(): void {
  if (requested) throw new Interrupted();
}

/**
 * How often a long computation that never waits on a timer lets the kernel's messages (Stop) in. Every 100 ms made
 * the kernel benchmark's tracked fit visibly slower; a quarter second is still soon enough for Stop.
 */
const YIELD_EVERY_MS = 250;
let lastYield = 0;
let channel: MessageChannel | null = null;

/**
 * Lets messages waiting for the kernel be handled, at most every YIELD_EVERY_MS: a tfjs fit on the wasm or cpu backend
 * awaits only promises that are already resolved, so without this the Stop message would wait until the fit ends and
 * the soft stop would always turn into a hard one. A MessageChannel task, unlike setTimeout(0), is not clamped to 4 ms.
 */
export async function letMessagesIn(): Promise<void> {
  const now = performance.now();
  if (now - lastYield < YIELD_EVERY_MS || typeof MessageChannel === 'undefined') return;
  lastYield = now;
  channel ??= new MessageChannel();
  const port = channel;
  await new Promise<void>((resolve) => {
    port.port1.onmessage = () => resolve();
    port.port2.postMessage(null);
  });
  lastYield = performance.now();
}
