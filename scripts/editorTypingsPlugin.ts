// Build step: the declaration files the cell editor's TypeScript needs, as one lazily imported module.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Plugin } from 'vite';
import { collectDeclarations } from '../src/editor/declarationGraph.ts';

/** The module the editor imports the typings from. */
const EDITOR_TYPINGS_MODULE = 'virtual:editor-typings';
const RESOLVED = `\0${EDITOR_TYPINGS_MODULE}`;
/** Where the typings live in the editor's TypeScript: a `node_modules` at the root, so node module resolution finds them from `file:///…` cells. */
const VIRTUAL_ROOT = 'file:///';
/** What cells import as `labbook`: src/sdk, whose declarations are emitted by tsc with everything they import. */
const SDK_ENTRY = 'src/sdk/index.ts';

/** The editor typings: virtual path → text. */
export type EditorTypings = Record<string, string>;

/** collectEditorTypings' result: the typings, and the source files they were made from (for the dev server to watch). */
export interface CollectedTypings {
  typings: EditorTypings;
  sources: string[];
}

/**
 * Collects `@tensorflow/tfjs`'s declarations (only those reachable from its entry) and emits `labbook`'s from the SDK
 * source with tsc, so the typings can never drift from the code they describe. Paths become
 * `file:///node_modules/<package>/…`, each package with a minimal package.json naming its types entry.
 */
export function collectEditorTypings(root: string): CollectedTypings {
  const labbook = labbookTypings(root);
  return { typings: { ...tfjsTypings(root), ...labbook.typings }, sources: labbook.sources };
}

function tfjsTypings(root: string): EditorTypings {
  const host = { read: (file: string) => (fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8') : undefined) };
  const { files, packages } = collectDeclarations({ entries: ['@tensorflow/tfjs'], fromDirectory: root, host });
  const typings: EditorTypings = {};
  const virtual = (file: string) => `${VIRTUAL_ROOT}${path.relative(root, file).split(path.sep).join('/')}`;
  for (const [file, text] of files) typings[virtual(file)] = text;
  for (const [directory, types] of packages) typings[virtual(`${directory}/package.json`)] = JSON.stringify({ types });
  return typings;
}

/** The SDK's declarations as package `labbook`, and the source files they were emitted from (to watch). */
function labbookTypings(root: string): CollectedTypings {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'labbook-typings-'));
  try {
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    const args = ['--ignoreConfig', SDK_ENTRY, '--declaration', '--emitDeclarationOnly', '--outDir', out, '--rootDir', 'src'];
    // The SDK runs in the kernel worker: the worker's globals, the same module settings as tsconfig.json.
    args.push('--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2023,webworker', '--strict', '--skipLibCheck', '--types', '');
    const result = spawnSync(process.execPath, [tsc, ...args], { cwd: root, encoding: 'utf8' });
    const entry = path.join(out, 'sdk/index.d.ts');
    // Type errors still emit declarations (the typecheck reports them); only a missing entry means tsc failed.
    if (!fs.existsSync(entry)) throw new Error(`tsc emitted no labbook typings:\n${result.stdout}${result.stderr}`);
    const typings: EditorTypings = { [`${VIRTUAL_ROOT}node_modules/labbook/package.json`]: JSON.stringify({ types: 'sdk/index.d.ts' }) };
    const sources: string[] = [];
    for (const file of fs.readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.d.ts'))) {
      const relative = file.split(path.sep).join('/');
      typings[`${VIRTUAL_ROOT}node_modules/labbook/${relative}`] = fs.readFileSync(path.join(out, file), 'utf8');
      sources.push(path.join(root, 'src', relative.replace(/\.d\.ts$/, '.ts')));
    }
    return { typings, sources };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Vite plugin serving `virtual:editor-typings` (`export default { path: text }`): the editor imports it lazily, so the
 * typings form their own chunk, fetched with or after Monaco's, never in the initial JS.
 */
export function editorTypings(): Plugin {
  let root = process.cwd();
  return {
    name: 'labbook-editor-typings',
    configResolved(config) {
      root = config.root;
    },
    resolveId: (id) => (id === EDITOR_TYPINGS_MODULE ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const { typings, sources } = collectEditorTypings(root);
      for (const source of sources) if (fs.existsSync(source)) this.addWatchFile(source);
      return `export default ${JSON.stringify(typings)};`;
    },
  };
}
