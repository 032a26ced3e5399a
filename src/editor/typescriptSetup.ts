import * as monaco from 'monaco-editor';
import { EDITOR_COMPILER_OPTIONS, IGNORED_DIAGNOSTICS } from './editorCompilerOptions';

let setUp: Promise<void> | null = null;

/**
 * Sets Monaco's TypeScript up for cells, once: the editor's compiler options, full checking, and the tfjs and labbook
 * typings. The typings are a chunk of their own, fetched only now (after Monaco's, never in the initial JS); the
 * TypeScript worker is started only when this resolves (see cellEditor's getWorker), so a cell never flashes
 * "cannot find module '@tensorflow/tfjs'" while they load.
 */
export function setUpCellTypeScript(): Promise<void> {
  setUp ??= (async () => {
    const defaults = monaco.typescript.typescriptDefaults;
    defaults.setCompilerOptions(EDITOR_COMPILER_OPTIONS);
    defaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false, diagnosticCodesToIgnore: IGNORED_DIAGNOSTICS });
    const { default: typings } = await import('virtual:editor-typings');
    for (const [path, text] of Object.entries(typings)) defaults.addExtraLib(text, path);
  })();
  return setUp;
}
