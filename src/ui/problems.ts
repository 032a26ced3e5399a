import { errorMessage } from '../lib/errorMessage';

/** Hears a problem the user must be told of. */
export type ProblemListener = (message: string) => void;

const listeners = new Set<ProblemListener>();

/**
 * Tells the user of something that went wrong where no view can show it in place: a save that failed, a write of
 * another tab's making. The shell shows these as alerts; before it listens (start-up), they go to the console.
 */
export function reportProblem(message: string): void {
  if (listeners.size === 0) console.error(`Labbook: ${message}`);
  for (const listener of listeners) listener(message);
}

/** Subscribes to reported problems; returns the unsubscribe function. */
export function onProblem(listener: ProblemListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}


/** Lets an action a click started run on; if it fails, the user is told what did not happen (`what`) and why. */
export function reportIfFails(what: string, action: Promise<unknown>): void {
  action.catch((error: unknown) => reportProblem(`${what}: ${errorMessage(error)}`));
}
