/** What collectDeclarations reads the file system through (posix absolute paths). */
export interface DeclarationHost {
  /** The file's text, or undefined when there is no such file. */
  read(path: string): string | undefined;
}

/** The declaration files reachable from some entries, and the packages whose `package.json` resolution went through. */
export interface DeclarationSet {
  /** Path → text of every `.d.ts` reached. */
  files: Map<string, string>;
  /** Package directory → the `types` entry used, relative to it (what a minimal package.json must say). */
  packages: Map<string, string>;
}

/** Options of collectDeclarations. */
export interface CollectDeclarationsOptions {
  /** Bare module names (`@tensorflow/tfjs`) resolved from `fromDirectory`. */
  entries: readonly string[];
  fromDirectory: string;
  host: DeclarationHost;
}

/**
 * Walks `.d.ts` files the way TypeScript's node module resolution would reach them from `entries` (imports,
 * re-exports, `import('…')` types, `/// <reference path|types>`), so only what the entries can see is shipped: no
 * test declarations, no backends nobody imports. Unresolvable names (a package without types) are skipped: the editor
 * treats what they name as `any`, as a missing package would.
 */
export function collectDeclarations(options: CollectDeclarationsOptions): DeclarationSet {
  const set: DeclarationSet = { files: new Map(), packages: new Map() };
  const pending: string[] = [];
  const visit = (path: string | undefined) => {
    if (path !== undefined && !set.files.has(path)) pending.push(path);
  };
  for (const entry of options.entries) visit(resolveBare(entry, options.fromDirectory, options.host, set));
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (set.files.has(path)) continue;
    const text = options.host.read(path);
    if (text === undefined) continue;
    set.files.set(path, text);
    const directory = dirname(path);
    const dependencies = declarationDependencies(text);
    for (const reference of dependencies.paths) visit(resolveFile(join(directory, reference), options.host));
    for (const name of dependencies.types) visit(resolveBare(name, directory, options.host, set) ?? resolveBare(typesPackageOf(name), directory, options.host, set));
    for (const specifier of dependencies.modules) {
      visit(isRelative(specifier) ? resolveFile(join(directory, specifier), options.host) : (resolveBare(specifier, directory, options.host, set) ?? resolveBare(typesPackageOf(specifier), directory, options.host, set)));
    }
  }
  return set;
}

/** What one declaration file depends on. */
export interface DeclarationDependencies {
  /** Specifiers of `import`/`export … from`, `import('…')` and `require('…')`. */
  modules: string[];
  /** `/// <reference types="…" />` names. */
  types: string[];
  /** `/// <reference path="…" />` paths. */
  paths: string[];
}

/** Finds what a `.d.ts` imports and references; specifiers inside comments (doc examples) are not taken. */
export function declarationDependencies(text: string): DeclarationDependencies {
  const types = [...text.matchAll(/^\s*\/\/\/\s*<reference\s+types=["']([^"']+)["']/gm)].map((m) => m[1]!);
  const paths = [...text.matchAll(/^\s*\/\/\/\s*<reference\s+path=["']([^"']+)["']/gm)].map((m) => m[1]!);
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const modules = [...code.matchAll(/\b(?:from|import|require)\s*\(?\s*(["'])([^"'\n]+)\1/g)].map((m) => m[2]!);
  return { modules: [...new Set(modules)], types, paths };
}

/** A relative or absolute file path of a declaration: `x.d.ts`, `x.ts` written as `x.js`, or a directory's index. */
function resolveFile(path: string, host: DeclarationHost): string | undefined {
  const stem = path.replace(/\.(d\.ts|ts|js|mjs|cjs)$/, '');
  return [`${stem}.d.ts`, `${stem}/index.d.ts`].find((candidate) => host.read(candidate) !== undefined);
}

/** Node's lookup: `node_modules/<package>` in this directory and each one above it, then the package's types entry. */
function resolveBare(specifier: string, fromDirectory: string, host: DeclarationHost, set: DeclarationSet): string | undefined {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = parts.slice(nameLength).join('/');
  for (let directory = fromDirectory; ; directory = dirname(directory)) {
    const packageDirectory = join(directory, `node_modules/${name}`);
    const found = subpath ? resolveFile(join(packageDirectory, subpath), host) : resolvePackageRoot(packageDirectory, host, set);
    if (found !== undefined) return found;
    if (directory === '/') return undefined;
  }
}

/** A package's types entry: package.json `types` (or `typings`), else its `index.d.ts`. */
function resolvePackageRoot(packageDirectory: string, host: DeclarationHost, set: DeclarationSet): string | undefined {
  const manifest = host.read(`${packageDirectory}/package.json`);
  const { types, typings } = manifest === undefined ? {} : (JSON.parse(manifest) as { types?: string; typings?: string });
  const found = resolveFile(join(packageDirectory, types ?? typings ?? 'index.d.ts'), host);
  if (found !== undefined && manifest !== undefined) set.packages.set(packageDirectory, found.slice(packageDirectory.length + 1));
  return found;
}

/** `long` → `@types/long`, `@scope/name` → `@types/scope__name` (DefinitelyTyped's naming). */
function typesPackageOf(specifier: string): string {
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? `${parts[0]!.slice(1)}__${parts[1]}` : parts[0]!;
  return `@types/${name}`;
}

function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/** Joins and normalises posix paths (`.` and `..` segments). */
function join(directory: string, relative: string): string {
  const out: string[] = [];
  for (const segment of `${directory}/${relative}`.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`;
}
