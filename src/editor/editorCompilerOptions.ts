/**
 * The cell editor's TypeScript settings, in TypeScript's own enum numbers (Monaco's enums have no moduleDetection):
 * - every cell is a module (moduleDetection `force`), so its top-level names are its own: two cells may declare the
 *   same name, and `await` works at the top level; other cells' names come from the notebook scope file instead;
 * - node module resolution, which finds the typings shipped under `file:///node_modules` through their package.json;
 * - the worker's globals, not the page's: cells run in the kernel worker, where `document` does not exist;
 * - strict, except that an unannotated parameter is no error: a cell is a quick script, and it runs without one.
 */
export const EDITOR_COMPILER_OPTIONS = {
  target: 99, // ESNext
  module: 99, // ESNext
  moduleResolution: 2, // Node10
  moduleDetection: 3, // Force
  lib: ['lib.esnext.d.ts', 'lib.webworker.d.ts', 'lib.webworker.iterable.d.ts', 'lib.webworker.asynciterable.d.ts'],
  strict: true,
  noImplicitAny: false,
  allowNonTsExtensions: true,
};

/** Diagnostics the editor does not show: 1108, a `return` at the top level, which the kernel allows (it ends the cell). */
export const IGNORED_DIAGNOSTICS = [1108];
