/** The in-cell tracking API: `import { init } from 'labbook'`. */
export { init, log, finish, callback, currentRun, wandb, Run, type InitOptions } from './sdk';
export type { FitCallbackOptions } from './fitCallback';
export type { FinishOptions, DefineMetricOptions } from './run';
export type { RunConfig } from './runConfig';
export { Interrupted } from './interrupt';
