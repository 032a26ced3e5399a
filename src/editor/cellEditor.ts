import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import { setUpCellTypeScript } from './typescriptSetup';

// Monaco ≥0.56 entry points (the classic esm/vs/... worker paths no longer resolve through its exports map).
(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    // The TypeScript worker starts once the typings are in: it receives them with its first message, so no cell is
    // checked without them, and no options change has to restart it (which would drop a pending completion).
    return label === 'typescript' || label === 'javascript' ? setUpCellTypeScript().then(() => new TsWorker()) : new EditorWorker();
  },
};

void setUpCellTypeScript();

/** Options of createCellEditor. */
export interface CellEditorOptions {
  value: string;
  language: 'typescript' | 'javascript' | 'markdown';
  onChange: (value: string) => void;
  /** Shift+Enter runs and moves on (`advance`), Ctrl/Cmd+Enter runs in place. */
  onRun: (advance: boolean) => void;
}

/** A cell's editor, as the notebook uses it. */
export interface CellEditor {
  focus(): void;
  setValue(value: string): void;
  dispose(): void;
}

const MIN_LINES = 2;

/** Where the cells' editor models live (their paths start with it). */
export const CELL_MODELS = '/labbook/cells/';

let models = 0;
/** A `file:///` URI per editor, from which TypeScript's module resolution finds the typings under `file:///node_modules`. */
function cellModelUri(language: CellEditorOptions['language']): monaco.Uri {
  return monaco.Uri.parse(`file://${CELL_MODELS}${++models}${language === 'typescript' ? '.ts' : ''}`);
}

/** A Monaco editor for one cell that grows with its content (no inner scrollbar) and runs on Shift/Ctrl+Enter. */
export function createCellEditor(host: HTMLElement, options: CellEditorOptions): CellEditor {
  const editor = monaco.editor.create(host, {
    model: monaco.editor.createModel(options.value, options.language, cellModelUri(options.language)),
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    scrollbar: { vertical: 'hidden', alwaysConsumeMouseWheel: false },
    overviewRulerLanes: 0,
    lineNumbersMinChars: 3,
    fontSize: 13,
    automaticLayout: true,
    tabSize: 2,
    renderLineHighlight: 'none',
    padding: { top: 6, bottom: 6 },
    // The editor is exactly as tall as its text, so completion lists and hovers must escape its box to be seen.
    fixedOverflowWidgets: true,
  });
  const fit = () => {
    const lineHeight = editor.getOption(monaco.editor.EditorOption.lineHeight);
    host.style.height = `${Math.max(editor.getContentHeight(), MIN_LINES * lineHeight + 8)}px`;
    editor.layout();
  };
  editor.onDidContentSizeChange(fit);
  fit();
  editor.onDidChangeModelContent(() => options.onChange(editor.getValue()));
  // Not addCommand: its keybindings are global to the page, so the last editor created (even once disposed) would run
  // on every cell's Shift+Enter. Monaco scopes an action's keybindings to its own editor.
  const runActions = [
    editor.addAction({ id: 'labbook.runAndAdvance', label: 'Run cell and move on', keybindings: [monaco.KeyMod.Shift | monaco.KeyCode.Enter], run: () => options.onRun(true) }),
    editor.addAction({ id: 'labbook.run', label: 'Run cell', keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter], run: () => options.onRun(false) }),
  ];
  return {
    focus: () => editor.focus(),
    setValue: (value) => {
      if (value !== editor.getValue()) editor.setValue(value);
    },
    dispose: () => {
      // Editor first: disposing a model still attached makes the editor detach it from inside the model's own
      // dispose event, which throws in Monaco ("reading '0'" in _deliverQueue) when a page is left quickly.
      const model = editor.getModel();
      for (const action of runActions) action.dispose();
      editor.dispose();
      model?.dispose();
    },
  };
}
