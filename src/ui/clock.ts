import { createSignal, onCleanup, type Accessor } from 'solid-js';

/** The current time, updated every `intervalMs`, so durations of live runs keep counting on screen. */
export function createClock(intervalMs = 1000): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), intervalMs);
  onCleanup(() => clearInterval(timer));
  return now;
}
