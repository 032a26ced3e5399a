import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { EDITOR_COMPILER_OPTIONS, IGNORED_DIAGNOSTICS } from './editorCompilerOptions';
import type { NavigationItem } from './notebookDeclarations';

/** The parts of TypeScript's API the tests use (TypeScript 7 here is native and has no JS API to type it with). */
interface TypeScriptApi {
  createLanguageService(host: object): LanguageService;
  ScriptSnapshot: { fromString(text: string): unknown };
  flattenDiagnosticMessageText(message: unknown, newLine: string): string;
  displayPartsToString(parts: unknown): string;
}

interface Diagnostic {
  code: number;
  start?: number;
  length?: number;
  messageText: unknown;
}

interface LanguageService {
  getSyntacticDiagnostics(path: string): Diagnostic[];
  getSemanticDiagnostics(path: string): Diagnostic[];
  getCompletionsAtPosition(path: string, offset: number, options: object): { entries: { name: string }[] } | undefined;
  getQuickInfoAtPosition(path: string, offset: number): { displayParts?: unknown; documentation?: unknown } | undefined;
  getNavigationTree(path: string): NavigationItem;
}

/** An error the editor would underline. */
export interface CheckerError {
  code: number;
  message: string;
  /** The underlined source text. */
  text: string;
}

/** A TypeScript language service over in-memory files, set up as the cell editor's. */
export interface CellChecker {
  setFile(path: string, text: string): void;
  /** Syntax and semantic errors of one file, as the editor would mark them (ignored codes left out). */
  errors(path: string): CheckerError[];
  /** Names offered by completion at `offset`. */
  completions(path: string, offset: number): string[];
  /** Hover text at `offset`: signature, then documentation. */
  quickInfo(path: string, offset: number): string;
  navigationTree(path: string): NavigationItem;
}

/**
 * Loads the TypeScript that Monaco's worker runs (Monaco ships its own, with its lib files) and makes a language
 * service over `files` with the editor's compiler options, so Node tests see what the editor will show.
 */
export async function createCellChecker(files: Record<string, string>): Promise<CellChecker> {
  const require = createRequire(import.meta.url);
  const load = (path: string) => import(/* @vite-ignore */ pathToFileURL(require.resolve(`monaco-editor/languages/features/typescript/lib/${path}`)).href);
  const ts = (await load('typescriptServices.js')).typescript as TypeScriptApi;
  const libs = (await load('lib.js')).libFileMap as Record<string, string>;
  const versions = new Map<string, number>();
  const text = (path: string) => files[path] ?? libs[path];
  const service = ts.createLanguageService({
    getCompilationSettings: () => EDITOR_COMPILER_OPTIONS,
    // Like Monaco's worker: every model and extra lib is a root file (package.json files only serve resolution).
    getScriptFileNames: () => Object.keys(files).filter((path) => !path.endsWith('.json')),
    getScriptVersion: (path: string) => String(versions.get(path) ?? 0),
    getScriptSnapshot: (path: string) => (text(path) === undefined ? undefined : ts.ScriptSnapshot.fromString(text(path)!)),
    getCurrentDirectory: () => '',
    getDefaultLibFileName: () => 'lib.d.ts',
    fileExists: (path: string) => text(path) !== undefined,
    readFile: (path: string) => text(path),
  });
  return {
    setFile(path, value) {
      files[path] = value;
      versions.set(path, (versions.get(path) ?? 0) + 1);
    },
    errors: (path) =>
      [...service.getSyntacticDiagnostics(path), ...service.getSemanticDiagnostics(path)]
        .filter((d) => !IGNORED_DIAGNOSTICS.includes(d.code))
        .map((d) => ({ code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, '\n'), text: files[path]!.slice(d.start, (d.start ?? 0) + (d.length ?? 0)) })),
    completions: (path, offset) => service.getCompletionsAtPosition(path, offset, {})?.entries.map((e) => e.name) ?? [],
    quickInfo: (path, offset) => {
      const info = service.getQuickInfoAtPosition(path, offset);
      return info ? `${ts.displayPartsToString(info.displayParts)}\n${ts.displayPartsToString(info.documentation)}` : '';
    },
    navigationTree: (path) => service.getNavigationTree(path),
  };
}
