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
