import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';

// Monaco ≥0.56 entry points (the classic esm/vs/... worker paths no longer resolve through its exports map).
(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    return label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker();
  },
};

monaco.typescript.typescriptDefaults.setCompilerOptions({
  target: monaco.typescript.ScriptTarget.ESNext,
  module: monaco.typescript.ModuleKind.ESNext,
  allowNonTsExtensions: true,
  strict: true,
});
// Cells share one scope at run time, which the editor's per-file checker cannot see yet: a name from another cell
// would show as an error. Until the cells' declarations are fed to it, only syntax is checked here.
monaco.typescript.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });

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

/** A Monaco editor for one cell that grows with its content (no inner scrollbar) and runs on Shift/Ctrl+Enter. */
export function createCellEditor(host: HTMLElement, options: CellEditorOptions): CellEditor {
  const editor = monaco.editor.create(host, {
    value: options.value,
    language: options.language,
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
