import * as tf from '@tensorflow/tfjs';
import * as labbook from '../sdk/index';

/** The bundled modules a cell can import, by the name it imports them with. */
const MODULES: Readonly<Record<string, unknown>> = {
  '@tensorflow/tfjs': tf,
  labbook,
};

/** Resolves a cell's bare import; anything not bundled gets an error that lists what can be imported. */
export function importModule(name: string): unknown {
  if (Object.hasOwn(MODULES, name)) return MODULES[name];
  throw new Error(`cannot import "${name}": a cell can import ${Object.keys(MODULES).map((m) => `"${m}"`).join(' and ')} (there is no network install)`);
}
