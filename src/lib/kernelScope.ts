/**
 * The names the kernel puts in every cell's scope (src/kernel/kernel.ts) and the editor declares for Monaco
 * (src/editor/kernelGlobals.ts). Both are typed against this one list, so a name added to one and not the other
 * fails the typecheck.
 */
export type KernelScopeName = 'labbook' | 'wandb' | 'init' | 'log' | 'finish' | 'progress' | 'Image' | 'Table' | 'display' | 'console';
