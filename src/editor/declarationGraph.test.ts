import { describe, expect, it } from 'vitest';
import { collectDeclarations, declarationDependencies } from './declarationGraph';

const host = (files: Record<string, string>) => ({ read: (path: string) => files[path] });

describe('declarationDependencies', () => {
  it('declarationDependencies finds imports, re-exports, import() types, require and reference directives', () => {
    const text = [
      '/// <reference types="long" />',
      '/// <reference path="./globals.d.ts" />',
      "import { A } from './a';",
      "import type {\n  B,\n} from '../b';",
      "export * from '@scope/pkg';",
      "import './side-effect';",
      "export declare function f(): import('./c').C;",
      "import D = require('d');",
    ].join('\n');
    expect(declarationDependencies(text)).toEqual({
      modules: ['./a', '../b', '@scope/pkg', './side-effect', './c', 'd'],
      types: ['long'],
      paths: ['./globals.d.ts'],
    });
  });

  it('declarationDependencies skips specifiers in comments, such as doc examples', () => {
    const text = "/**\n * ```js\n * import * as tf from '@tensorflow/tfjs';\n * ```\n */\n// import { x } from 'nope';\nexport declare const y: number;";
    expect(declarationDependencies(text).modules).toEqual([]);
  });
});

describe('collectDeclarations', () => {
  it('collectDeclarations follows the entry package types, relative files, directory indexes and deep imports', () => {
    const files = {
      '/app/node_modules/lib/package.json': JSON.stringify({ types: './dist/index.d.ts' }),
      '/app/node_modules/lib/dist/index.d.ts': "export * from './ops';\nexport * from './util';\nexport * from 'core/dist/base';",
      '/app/node_modules/lib/dist/ops.d.ts': "import { T } from 'core';\nexport declare const op: T;",
      '/app/node_modules/lib/dist/util/index.d.ts': 'export declare const util: 1;',
      '/app/node_modules/lib/dist/ops_test.d.ts': "import './ops';",
      '/app/node_modules/core/package.json': JSON.stringify({ typings: 'dist/index.d.ts' }),
      '/app/node_modules/core/dist/index.d.ts': 'export interface T {}',
      '/app/node_modules/core/dist/base.d.ts': 'export declare const base: 0;',
    };
    const { files: found, packages } = collectDeclarations({ entries: ['lib'], fromDirectory: '/app', host: host(files) });
    expect([...found.keys()].sort()).toEqual([
      '/app/node_modules/core/dist/base.d.ts',
      '/app/node_modules/core/dist/index.d.ts',
      '/app/node_modules/lib/dist/index.d.ts',
      '/app/node_modules/lib/dist/ops.d.ts',
      '/app/node_modules/lib/dist/util/index.d.ts',
    ]);
    expect(Object.fromEntries(packages)).toEqual({ '/app/node_modules/lib': 'dist/index.d.ts', '/app/node_modules/core': 'dist/index.d.ts' });
  });

  it('collectDeclarations prefers a nested node_modules, falls back to @types, and skips what has no types', () => {
    const files = {
      '/app/node_modules/lib/package.json': JSON.stringify({ types: 'index.d.ts' }),
      '/app/node_modules/lib/index.d.ts': "/// <reference types=\"canvas\" />\nimport 'long';\nimport 'untyped';\nimport '@scope/thing';",
      '/app/node_modules/lib/node_modules/@types/canvas/index.d.ts': 'declare var nested: 1;',
      '/app/node_modules/@types/canvas/index.d.ts': 'declare var hoisted: 1;',
      '/app/node_modules/@types/long/index.d.ts': 'export = Long;',
      '/app/node_modules/@types/scope__thing/index.d.ts': 'export {};',
      '/app/node_modules/untyped/package.json': JSON.stringify({ main: 'index.js' }),
    };
    const { files: found } = collectDeclarations({ entries: ['lib'], fromDirectory: '/app', host: host(files) });
    expect([...found.keys()].sort()).toEqual([
      '/app/node_modules/@types/long/index.d.ts',
      '/app/node_modules/@types/scope__thing/index.d.ts',
      '/app/node_modules/lib/index.d.ts',
      '/app/node_modules/lib/node_modules/@types/canvas/index.d.ts',
    ]);
  });
});
