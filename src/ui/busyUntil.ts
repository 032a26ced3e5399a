import { createEffect, onCleanup } from 'solid-js';
import { markViewBusy } from './busyViews';

/** Marks the calling view busy (see busyViews) until `ready()` is truthy or the view goes away. */
export function busyUntil(ready: () => unknown): void {
  const done = markViewBusy();
  createEffect(() => ready() && done());
  onCleanup(done);
}
