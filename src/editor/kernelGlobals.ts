import type { KernelScopeName } from '../lib/kernelScope';

/** The name the notebook scope file imports the SDK as (`import * as labbookSdk from 'labbook'`). */
export const SDK_IMPORT = 'labbookSdk';

/**
 * Declarations, inside the scope file's `declare global`, of what the kernel puts in every cell's scope
 * (`scope` in src/kernel/kernel.ts), by name. `console` is not here: the worker's own declaration describes the
 * kernel's, which only sends its lines to the cell. Functions are typed variables, so hovering one shows its signature;
 * `labbook`, `Image` and `Table` are aliases, so `labbook.Run`, `Image` and `Table` also work as types.
 */
export const KERNEL_GLOBALS: Readonly<Record<Exclude<KernelScopeName, 'console'>, string>> = {
  labbook: `export import labbook = ${SDK_IMPORT};`,
  wandb: `var wandb: typeof ${SDK_IMPORT}.wandb;`,
  init: `var init: typeof ${SDK_IMPORT}.init;`,
  log: `var log: typeof ${SDK_IMPORT}.log;`,
  finish: `var finish: typeof ${SDK_IMPORT}.finish;`,
  progress: `var progress: typeof ${SDK_IMPORT}.progress;`,
  Image: `export import Image = ${SDK_IMPORT}.Image;`,
  Table: `export import Table = ${SDK_IMPORT}.Table;`,
  display: '/** Shows each value under the cell while it runs: tensors, images, tables, plain values. */\nfunction display(...values: unknown[]): void;',
};
